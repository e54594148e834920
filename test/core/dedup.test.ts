import assert from "node:assert/strict";
import {
  InMemoryDedupStore,
  crossBatchDedup,
  dedupKeyOf,
  processBatch,
  sourceId,
  type BatchResult,
  type ClaimResult,
  type DedupStore,
  type RawRecord,
  type SilverEvent,
} from "../../functions/core";
import { acceptedEvent, recordOf } from "./record-helpers";
import { BASE_EVENT, VECTOR_NOW_MS, vectorOptions } from "./vectors";

const MINUTE = 60_000;

function eventWith(fields: Record<string, unknown>): SilverEvent {
  return acceptedEvent({ ...BASE_EVENT, ...fields });
}

function records(events: unknown[]): RawRecord[] {
  return events.map((event, i) => recordOf(JSON.stringify(event), i + 1));
}

describe("core: dedup keys", () => {
  it("is the event_id itself by default", () => {
    assert.equal(dedupKeyOf(eventWith({ event_id: "abc" }), ["event_id"]), "abc");
  });

  it("joins compound keys as a JSON array, so separators inside values cannot collide", () => {
    const a = eventWith({ user_id: "u:1", event_id: "e" });
    const b = eventWith({ user_id: "u", event_id: "1:e" });
    assert.equal(dedupKeyOf(a, ["user_id", "event_id"]), JSON.stringify(["u:1", "e"]));
    assert.notEqual(dedupKeyOf(a, ["user_id", "event_id"]), dedupKeyOf(b, ["user_id", "event_id"]));
  });

  it("encodes null, non-string and parameter values as JSON; a missing parameter is null", () => {
    const event = eventWith({ parameters: { match: "m-1", round: 3 } });
    assert.equal(dedupKeyOf(event, ["session_id"]), "[null]");
    assert.equal(dedupKeyOf(event, ["event_hour"]), `[${event.event_hour}]`);
    assert.equal(dedupKeyOf(event, ["parameters.match"]), "m-1");
    assert.equal(dedupKeyOf(event, ["user_id", "parameters.round", "parameters.absent"]), JSON.stringify([BASE_EVENT.user_id, 3, null]));
  });

  it("never lets a single string value look like the JSON form", () => {
    const tricky = eventWith({ parameters: { k: "[null]" } });
    const absent = eventWith({ parameters: {} });
    assert.notEqual(dedupKeyOf(tricky, ["parameters.k"]), dedupKeyOf(absent, ["parameters.k"]));
  });
});

describe("core: in-batch dedup (processBatch)", () => {
  it("keeps the first occurrence and marks later ones duplicateOf batch, in input order", () => {
    const batch = processBatch(records([{ ...BASE_EVENT, v: 1 }, { ...BASE_EVENT, v: 2 }, { ...BASE_EVENT, event_id: "other" }, { ...BASE_EVENT, v: 3 }]), vectorOptions());
    assert.deepEqual(batch.clean.map((c) => [c.source, c.event.parameters.v]), [
      [{ kind: "file", file: "test.ndjson", line: 1 }, 1],
      [{ kind: "file", file: "test.ndjson", line: 3 }, undefined],
    ]);
    assert.deepEqual(batch.duplicates.map((d) => [d.duplicateOf, d.dedupKey, (d.source as { line: number }).line]), [
      ["batch", BASE_EVENT.event_id, 2],
      ["batch", BASE_EVENT.event_id, 4],
    ]);
    assert.equal(batch.deadLetters.length, 0);
  });

  it("dedups on compound keys: same event_id for different users is not a duplicate", () => {
    const input = records([{ ...BASE_EVENT, user_id: "a" }, { ...BASE_EVENT, user_id: "b" }, { ...BASE_EVENT, user_id: "a" }]);
    const byEventId = processBatch(input, vectorOptions());
    assert.equal(byEventId.clean.length, 1);
    const byUserAndEvent = processBatch(input, vectorOptions({ dedupKeyFields: ["user_id", "event_id"] }));
    assert.deepEqual(byUserAndEvent.clean.map((c) => c.dedupKey), [JSON.stringify(["a", BASE_EVENT.event_id]), JSON.stringify(["b", BASE_EVENT.event_id])]);
    assert.equal(byUserAndEvent.duplicates.length, 1);
  });

  it("recognises the same event sent under different aliases as a duplicate", () => {
    const seed003 = { id: BASE_EVENT.event_id, type: "level_start", timestamp: BASE_EVENT.event_timestamp, user_id: "user-42" };
    const batch = processBatch(records([BASE_EVENT, seed003]), vectorOptions());
    assert.equal(batch.clean.length, 1);
    assert.equal(batch.duplicates.length, 1);
  });

  it("reads the clock once per batch", () => {
    let reads = 0;
    processBatch(records([BASE_EVENT, BASE_EVENT, "garbage"]), vectorOptions({ now: () => (reads++, VECTOR_NOW_MS) }));
    assert.equal(reads, 1);
  });

  it("uses the record's receivedAt (normalised) and falls back to now when it is unusable", () => {
    const batch = processBatch(
      [recordOf(JSON.stringify(BASE_EVENT), 1, "2026-11-22T05:59:00Z"), recordOf(JSON.stringify({ ...BASE_EVENT, event_id: "x" }), 2, "not a time"), recordOf("oops", 3, "2026-11-22T05:59:30.000Z")],
      vectorOptions(),
    );
    assert.deepEqual(batch.clean.map((c) => c.event.received_at), ["2026-11-22T05:59:00.000Z", "2026-11-22T06:00:00.000Z"]);
    assert.equal(batch.deadLetters[0].received_at, "2026-11-22T05:59:30.000Z");
  });
});

describe("core: InMemoryDedupStore", () => {
  const e = (key: string, source: string) => ({ key, sourceId: source });

  it("answers first, duplicate for another source, redelivery for the same source", async () => {
    const store = new InMemoryDedupStore(30);
    assert.deepEqual(await store.claim([e("k", "s1")], 0), ["first"]);
    assert.deepEqual(await store.claim([e("k", "s2"), e("k", "s1"), e("j", "s3")], MINUTE), ["duplicate", "redelivery", "first"]);
  });

  it("treats a key repeated within one claim call as a duplicate of the earlier entry", async () => {
    const store = new InMemoryDedupStore(30);
    assert.deepEqual(await store.claim([e("k", "s1"), e("k", "s2")], 0), ["first", "duplicate"]);
  });

  it("forgets a claim exactly when the window ends (an expired key counts as absent)", async () => {
    const store = new InMemoryDedupStore(30);
    const t0 = 1_000_000;
    await store.claim([e("k", "s1")], t0);
    assert.deepEqual(await store.claim([e("k", "s2")], t0 + 30 * MINUTE - 1), ["duplicate"]); // 1 ms before expiry
    assert.deepEqual(await store.claim([e("k", "s2")], t0 + 30 * MINUTE), ["first"]); // at expiry: absent
    assert.deepEqual(await store.claim([e("k", "s1")], t0 + 31 * MINUTE), ["duplicate"]); // now held by s2
  });

  it("does not extend a claim when duplicates arrive", async () => {
    const store = new InMemoryDedupStore(10);
    await store.claim([e("k", "a")], 0);
    await store.claim([e("k", "b")], 9 * MINUTE);
    assert.deepEqual(await store.claim([e("k", "c")], 10 * MINUTE), ["first"]);
  });

  it("sweeps expired claims so memory stays bounded by the window", async () => {
    const store = new InMemoryDedupStore(1);
    await store.claim(Array.from({ length: 100 }, (_, i) => e(`k${i}`, "s")), 0);
    assert.equal(store.size, 100);
    await store.claim([e("new", "s")], MINUTE);
    assert.equal(store.size, 1);
  });

  it("rejects a non-positive window", () => {
    assert.throws(() => new InMemoryDedupStore(0), /windowMinutes = 0/);
  });
});

describe("core: crossBatchDedup", () => {
  const options = vectorOptions();
  const batchOf = (ids: string[]): BatchResult => processBatch(records(ids.map((id) => ({ ...BASE_EVENT, event_id: id }))), options);

  class ScriptedStore implements DedupStore {
    calls: Array<Array<{ key: string; sourceId: string }>> = [];
    constructor(private readonly answers: ClaimResult[] | Error) {}
    async claim(entries: Array<{ key: string; sourceId: string }>): Promise<ClaimResult[]> {
      this.calls.push(entries);
      if (this.answers instanceof Error) throw this.answers;
      return this.answers;
    }
  }

  it("routes each claim result to exactly one place and passes batch duplicates and dead letters through", async () => {
    const batch = processBatch(records([{ ...BASE_EVENT, event_id: "a" }, { ...BASE_EVENT, event_id: "b" }, { ...BASE_EVENT, event_id: "c" }, { ...BASE_EVENT, event_id: "d" }, { ...BASE_EVENT, event_id: "a" }, "junk"]), options);
    const store = new ScriptedStore(["first", "duplicate", "redelivery", "error"]);
    const { result, failed, redelivered } = await crossBatchDedup(batch, store, VECTOR_NOW_MS);
    assert.deepEqual(store.calls[0], ["a", "b", "c", "d"].map((key, i) => ({ key, sourceId: `file:test.ndjson#${i + 1}` })));
    assert.deepEqual(result.clean.map((c) => c.dedupKey), ["a"]);
    assert.deepEqual(result.duplicates.map((d) => [d.dedupKey, d.duplicateOf]), [["a", "batch"], ["b", "store"]]);
    assert.deepEqual(redelivered.map((c) => c.dedupKey), ["c"]);
    assert.deepEqual(failed.map((c) => c.dedupKey), ["d"]);
    assert.equal(result.deadLetters.length, 1);
  });

  it("fails every clean record when the store throws, losing none", async () => {
    const batch = batchOf(["a", "b"]);
    const { result, failed, redelivered } = await crossBatchDedup(batch, new ScriptedStore(new Error("connection refused")), VECTOR_NOW_MS);
    assert.deepEqual(failed.map((c) => c.dedupKey), ["a", "b"]);
    assert.equal(result.clean.length + redelivered.length, 0);
  });

  it("throws when a store answers with the wrong number of results", async () => {
    await assert.rejects(crossBatchDedup(batchOf(["a", "b"]), new ScriptedStore(["first"]), VECTOR_NOW_MS), /returned 1 results for 2 entries/);
  });

  it("does not call the store for a batch without clean events", async () => {
    const store = new ScriptedStore(new Error("must not be called"));
    const { failed } = await crossBatchDedup(processBatch(records(["junk"]), options), store, VECTOR_NOW_MS);
    assert.equal(store.calls.length, 0);
    assert.equal(failed.length, 0);
  });

  it("with the in-memory store: a second batch's repeat is a store duplicate, a redelivered record is recognised as itself", async () => {
    const store = new InMemoryDedupStore(30);
    const first = batchOf(["a", "b"]);
    const once = await crossBatchDedup(first, store, VECTOR_NOW_MS);
    assert.equal(once.result.clean.length, 2);
    const again = await crossBatchDedup(first, store, VECTOR_NOW_MS + MINUTE); // same records, same sources
    assert.deepEqual(again.redelivered.map((c) => c.dedupKey), ["a", "b"]);
    const other = processBatch([recordOf(JSON.stringify({ ...BASE_EVENT, event_id: "a" }), 99)], options);
    const dup = await crossBatchDedup(other, store, VECTOR_NOW_MS + 2 * MINUTE);
    assert.deepEqual(dup.result.duplicates.map((d) => [d.dedupKey, d.duplicateOf, sourceId(d.source)]), [["a", "store", "file:test.ndjson#99"]]);
  });
});

describe("core: sourceId", () => {
  it("names each kind of source uniquely", () => {
    const ids = [
      sourceId({ kind: "kinesis", stream: "raw", shardId: "shardId-000000000001", sequenceNumber: "4959" }),
      sourceId({ kind: "kafka", topic: "raw", partition: 3, offset: "17" }),
      sourceId({ kind: "file", file: "raw/a.ndjson", line: 4 }),
      sourceId({ kind: "http", requestId: "r-1", index: 0 }),
      sourceId({ kind: "pubsub", subscription: "raw-sub", messageId: "m-9" }),
    ];
    assert.deepEqual(ids, ["kinesis:raw/shardId-000000000001/4959", "kafka:raw/3/17", "file:raw/a.ndjson#4", "http:r-1#0", "pubsub:raw-sub/m-9"]);
  });
});

describe("core: chunked batches sharing seenKeys", () => {
  it("dedups across chunks exactly as one whole batch does", () => {
    const input = records([{ ...BASE_EVENT, event_id: "a" }, { ...BASE_EVENT, event_id: "b" }, { ...BASE_EVENT, event_id: "a" }, "junk", { ...BASE_EVENT, event_id: "b" }]);
    const whole = processBatch(input, vectorOptions());
    const seen = new Set<string>();
    const chunks = [processBatch(input.slice(0, 2), vectorOptions(), seen), processBatch(input.slice(2), vectorOptions(), seen)];
    assert.deepEqual(chunks.flatMap((c) => c.clean), whole.clean);
    assert.deepEqual(chunks.flatMap((c) => c.duplicates), whole.duplicates);
    assert.deepEqual(chunks.flatMap((c) => c.deadLetters), whole.deadLetters);
    assert.deepEqual([...seen], ["a", "b"]);
  });
});
