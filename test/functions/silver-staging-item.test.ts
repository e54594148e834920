import assert from "node:assert/strict";
import { coreOptions, processBatch, type CleanEvent, type DeadLetterRecord } from "../../functions/core";
import { BATCH_WRITE_MAX_ITEMS, chunkForBatchWrite } from "../../functions/processor/batch-write-chunks";
import { PROCESSOR_ENV, processorConfigFromEnv, SILVER_STAGING_MAX_RECORD_BYTES } from "../../functions/processor/config";
import type { EventSink, SinkWriteResult } from "../../functions/processor/event-sink";
import {
  DYNAMODB_MAX_ITEM_BYTES,
  silverStagingItem,
  silverStagingItemBytes,
  silverStagingItemRejection,
  silverStagingKeyOf,
} from "../../functions/processor/silver-staging-item";
import { SilverStagingSink, withSilverStaging } from "../../functions/processor/silver-staging-sink";
import type { SilverStore } from "../../functions/processor/silver-store";

const NOW = Date.parse("2026-11-22T06:00:00.000Z");

function clean(id: string, overrides: Partial<CleanEvent["event"]> = {}): CleanEvent {
  return {
    event: {
      event_id: id,
      event_type: "level_start",
      event_timestamp: "2026-11-22T05:59:00.123Z",
      received_at: "2026-11-22T05:59:01.000Z",
      user_id: "u-1",
      session_id: "s-1",
      game_id: null,
      platform: "ios",
      app_version: null,
      parameters: { level_id: 3 },
      event_date: "2026-11-22",
      event_hour: 5,
      ...overrides,
    },
    dedupKey: id,
    source: { kind: "file", file: "f", line: 1 },
  };
}

const baseEnv = { CLEAN_STREAM: "c", DEAD_LETTER_STREAM: "d", DEDUP_TABLE: "t" };

describe("SILVER staging: items, chunking, configuration", () => {
  describe("chunkForBatchWrite", () => {
    it("BatchWriteItem's limit is 25 items per call", () => {
      assert.equal(BATCH_WRITE_MAX_ITEMS, 25);
    });

    for (const count of [0, 1, 24, 25, 26, 50, 60]) {
      it(`${count} distinct items → ⌊n/25⌋ full calls and one of n mod 25, in order`, () => {
        const indices = Array.from({ length: count }, (_, i) => i);
        const chunks = chunkForBatchWrite(indices, (i) => `k${i}`);
        const full = Math.floor(count / BATCH_WRITE_MAX_ITEMS);
        const rest = count % BATCH_WRITE_MAX_ITEMS;
        assert.deepEqual(
          chunks.map((c) => c.length),
          [...Array<number>(full).fill(BATCH_WRITE_MAX_ITEMS), ...(rest ? [rest] : [])],
        );
        assert.deepEqual(chunks.flat(), indices);
      });
    }

    it("never puts two items with the same key in one call", () => {
      // keys: a b a c → [a b] [a c]
      const keys = ["a", "b", "a", "c"];
      assert.deepEqual(chunkForBatchWrite([0, 1, 2, 3], (i) => keys[i]), [[0, 1], [2, 3]]);
    });
  });

  describe("silverStagingItem", () => {
    it("carries the SILVER envelope under the table's key schema, nulls omitted, parameters as JSON", () => {
      const event = clean("e-1", { parameters: { level_id: 3, nested: { a: [1, "x", null] } } });
      const item = silverStagingItem(event);
      assert.deepEqual(item, {
        user_id: { S: "u-1" },
        event_key: { S: "2026-11-22T05:59:00.123Z#e-1" },
        event_id: { S: "e-1" },
        event_type: { S: "level_start" },
        event_timestamp: { S: "2026-11-22T05:59:00.123Z" },
        received_at: { S: "2026-11-22T05:59:01.000Z" },
        event_date: { S: "2026-11-22" },
        event_hour: { N: "5" },
        parameters: { S: '{"level_id":3,"nested":{"a":[1,"x",null]}}' },
        dedup_key: { S: "e-1" },
        session_id: { S: "s-1" },
        platform: { S: "ios" },
      });
      assert.equal(silverStagingKeyOf(item), "u-1\u00002026-11-22T05:59:00.123Z#e-1");
    });

    it("keeps parameters DynamoDB numbers or maps could not hold (huge numbers, __proto__ keys) losslessly", () => {
      const parameters = JSON.parse('{"big":1e300,"tiny":1e-200,"__proto__":{"x":1},"":"empty key"}');
      const item = silverStagingItem(clean("e-2", { parameters }));
      assert.deepEqual(JSON.parse((item.parameters as { S: string }).S), parameters);
      assert.equal(Object.hasOwn(JSON.parse((item.parameters as { S: string }).S), "__proto__"), true);
    });

    it("counts size as DynamoDB does: attribute name bytes + value bytes", () => {
      const item = { user_id: { S: "ü" }, event_key: { S: "k" }, event_hour: { N: "23" } };
      // "user_id"(7) + "ü"(2 bytes) + "event_key"(9) + "k"(1) + "event_hour"(10) + "23" bounded by 2+1
      assert.equal(silverStagingItemBytes(item), 7 + 2 + 9 + 1 + 10 + 3);
    });

    it("rejects an item over 400 KB locally, naming the size and the limit", () => {
      const fixed = silverStagingItemBytes(silverStagingItem(clean("e-3", { parameters: {} })));
      // parameters {"p":"xxx…"}: 8 bytes of JSON around the string, replacing "{}" (2 bytes).
      const fill = (n: number) => ({ p: "x".repeat(n) });
      const fits = DYNAMODB_MAX_ITEM_BYTES - fixed - (8 - 2);
      assert.equal(silverStagingItemBytes(silverStagingItem(clean("e-3", { parameters: fill(fits) }))), DYNAMODB_MAX_ITEM_BYTES);
      assert.equal(silverStagingItemRejection(silverStagingItem(clean("e-3", { parameters: fill(fits) }))), undefined);
      const rejection = silverStagingItemRejection(silverStagingItem(clean("e-3", { parameters: fill(fits + 1) })));
      assert.deepEqual(rejection, {
        errorCode: "ItemTooLarge",
        errorMessage: `staging item is ${DYNAMODB_MAX_ITEM_BYTES + 1} bytes; DynamoDB's limit is ${DYNAMODB_MAX_ITEM_BYTES}`,
      });
    });

    it("a worst-case record at SILVER_STAGING_MAX_RECORD_BYTES (numbers that grow when re-serialised) still fits an item", () => {
      // `1e20,` is 5 bytes in the record and 22 bytes ("100000000000000000000,") in parameters' JSON.
      const head = `{"event_id":"w-1","event_type":"t","event_timestamp":${NOW - 1000},"user_id":"u","a":[`;
      const count = Math.floor((SILVER_STAGING_MAX_RECORD_BYTES - head.length - 2) / 5);
      const text = `${head}${Array<string>(count).fill("1e20").join(",")}]}`;
      assert.ok(Buffer.byteLength(text) <= SILVER_STAGING_MAX_RECORD_BYTES);
      const options = coreOptions({ now: () => NOW, maxRecordBytes: SILVER_STAGING_MAX_RECORD_BYTES });
      const batch = processBatch([{ data: Buffer.from(text), source: { kind: "file", file: "f", line: 1 } }], options);
      assert.equal(batch.clean.length, 1, JSON.stringify(batch.deadLetters.map((d) => d.message)));
      const item = silverStagingItem(batch.clean[0]);
      assert.ok(silverStagingItemBytes(item) > count * 21, "the test's record must actually grow");
      assert.equal(silverStagingItemRejection(item), undefined);
    });
  });

  describe("SilverStagingSink", () => {
    /** Inner sink failing the events whose ids are listed; records what reached it. */
    class Inner implements EventSink {
      readonly clean: string[] = [];
      constructor(private readonly fail: Set<string>) {}
      async putClean(events: readonly CleanEvent[]): Promise<SinkWriteResult> {
        this.clean.push(...events.map((e) => e.event.event_id));
        return { failed: events.flatMap((e, index) => (this.fail.has(e.event.event_id) ? [{ index, errorCode: "K", errorMessage: "kinesis" }] : [])) };
      }
      async putDeadLetters(records: readonly DeadLetterRecord[]): Promise<SinkWriteResult> {
        return { failed: records.map((_, index) => ({ index, errorCode: "DL", errorMessage: "dead letters passed through" })) };
      }
    }
    const store = (fail: Set<string>, seen: string[]): SilverStore => ({
      async putEvents(events) {
        seen.push(...events.map((e) => e.event.event_id));
        return { failed: events.flatMap((e, index) => (fail.has(e.event.event_id) ? [{ index, errorCode: "S", errorMessage: "staging" }] : [])) };
      },
    });

    it("stages first, forwards only staged events, reports both kinds of failure at input positions", async () => {
      const staged: string[] = [];
      const inner = new Inner(new Set(["e"]));
      const sink = new SilverStagingSink(inner, store(new Set(["b", "d"]), staged));
      const events = ["a", "b", "c", "d", "e"].map((id) => clean(id));
      const result = await sink.putClean(events);
      assert.deepEqual(staged, ["a", "b", "c", "d", "e"]);
      // b and d failed staging: never written to clean. e failed the clean write (inner index 2 → input 4).
      assert.deepEqual(inner.clean, ["a", "c", "e"]);
      assert.deepEqual(
        result.failed.map((f) => [f.index, f.errorCode]),
        [
          [1, "S"],
          [3, "S"],
          [4, "K"],
        ],
      );
      assert.deepEqual((await sink.putDeadLetters([{} as DeadLetterRecord])).failed.map((f) => f.errorCode), ["DL"]);
    });

    it("withSilverStaging wraps only when a store is configured", () => {
      const inner = new Inner(new Set());
      assert.equal(withSilverStaging(inner, undefined), inner);
      assert.ok(withSilverStaging(inner, store(new Set(), [])) instanceof SilverStagingSink);
    });
  });

  describe("SILVER_STAGING_TABLE configuration", () => {
    it("unset or empty → off; a table name or ARN → on", () => {
      assert.equal(processorConfigFromEnv(baseEnv).silverStagingTable, undefined);
      assert.equal(processorConfigFromEnv({ ...baseEnv, SILVER_STAGING_TABLE: " " }).silverStagingTable, undefined);
      assert.equal(processorConfigFromEnv({ ...baseEnv, SILVER_STAGING_TABLE: "prod-silver-staging" }).silverStagingTable, "prod-silver-staging");
      const arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/prod-silver-staging";
      assert.equal(processorConfigFromEnv({ ...baseEnv, SILVER_STAGING_TABLE: arn }).silverStagingTable, arn);
    });

    it("rejects a bad table name, naming the variable, the value and what is allowed", () => {
      assert.throws(
        () => processorConfigFromEnv({ ...baseEnv, SILVER_STAGING_TABLE: "no spaces!" }),
        /SILVER_STAGING_TABLE="no spaces!" is invalid; allowed: a DynamoDB table name \(3-255 of A-Z a-z 0-9 _ \. -\) or table ARN, or unset/,
      );
    });

    it("rejects records too large for a staging item only when the table is set", () => {
      const tooLarge = String(SILVER_STAGING_MAX_RECORD_BYTES + 1);
      assert.equal(processorConfigFromEnv({ ...baseEnv, MAX_RECORD_BYTES: tooLarge }).core.maxRecordBytes, SILVER_STAGING_MAX_RECORD_BYTES + 1);
      assert.throws(
        () => processorConfigFromEnv({ ...baseEnv, MAX_RECORD_BYTES: tooLarge, SILVER_STAGING_TABLE: "staging" }),
        new RegExp(`MAX_RECORD_BYTES=${tooLarge} is invalid with SILVER_STAGING_TABLE set; allowed: 1\\.\\.${SILVER_STAGING_MAX_RECORD_BYTES}`),
      );
      const atLimit = processorConfigFromEnv({ ...baseEnv, MAX_RECORD_BYTES: String(SILVER_STAGING_MAX_RECORD_BYTES), SILVER_STAGING_TABLE: "staging" });
      assert.equal(atLimit.silverStagingTable, "staging");
    });
  });
});
