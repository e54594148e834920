/**
 * The pipeline invariant (issue 2): over arbitrary mixes of valid, invalid, malformed, oversized and
 * duplicated records, every input record ends in exactly one of clean, duplicate, dead-letter —
 * checked by identity (each input's source line appears exactly once across the outputs), not only
 * by counts. Dead letters carry the exact original bytes, and processing is deterministic.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ID_PATTERN,
  InMemoryDedupStore,
  crossBatchDedup,
  processBatch,
  type BatchResult,
  type CoreOptions,
  type RawRecord,
  type SourceCoordinates,
} from "../../functions/core";
import { VECTOR_NOW_MS, vectorOptions } from "./vectors";

const MAX_RECORD_BYTES = 8192; // below the default, so oversized records stay cheap to generate; valid ones stay far below it
const OPTIONS: CoreOptions = vectorOptions({ maxRecordBytes: MAX_RECORD_BYTES });
const HOUR = 3_600_000;
const DAY = 86_400_000;
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

type Category = "valid" | "invalid" | "malformed" | "oversized";
interface Generated {
  category: Category;
  bytes: Uint8Array;
}

const idArb = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,40}$/);
/** Timestamps inside the accepted window, in each accepted format. */
const timestampArb = fc.integer({ min: VECTOR_NOW_MS - 7 * DAY + 1000, max: VECTOR_NOW_MS + HOUR }).chain((ms) =>
  fc.constantFrom<unknown>(new Date(ms).toISOString(), ms, Math.floor(ms / 1000), String(ms), new Date(ms).toISOString().replace("Z", "+00:00")),
);
const extraArb = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });

const validEventArb = fc
  .record({
    idName: fc.constantFrom("event_id", "id", "eventId"),
    typeName: fc.constantFrom("event_type", "type", "event"),
    tsName: fc.constantFrom("event_timestamp", "timestamp", "ts"),
    userName: fc.constantFrom("user_id", "customer_id", "player_id"),
    id: idArb,
    type: fc.constantFrom("login", "level_start", "level_complete", "purchase", "logout"),
    timestamp: timestampArb,
    user: idArb,
    platform: fc.option(fc.constantFrom("iOS", " android ", "WEB"), { nil: undefined }),
    extra: extraArb,
    parameters: fc.option(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), { nil: undefined }),
  })
  .map((g) => {
    const event: Record<string, unknown> = {};
    // Extra keys first, so the named fields below override any extra that collides with an alias.
    for (const [k, v] of Object.entries(g.extra)) if (!k.startsWith("_")) event[k] = v;
    for (const alias of ["event_id", "id", "eventId", "event_type", "type", "event", "eventType", "event_timestamp", "timestamp", "eventTimestamp", "ts", "user_id", "customer_id", "player_id", "userId", "playerId", "session_id", "sessionId", "game_id", "gameId", "platform", "device_os", "os", "app_version", "appVersion", "client_version", "parameters", "event_data"]) {
      delete event[alias];
    }
    event[g.idName] = g.id;
    event[g.typeName] = g.type;
    event[g.tsName] = g.timestamp;
    event[g.userName] = g.user;
    if (g.platform !== undefined) event.platform = g.platform;
    if (g.parameters !== undefined) event.parameters = g.parameters;
    return event;
  });

const validArb: fc.Arbitrary<Generated> = fc
  .tuple(validEventArb, fc.boolean())
  .map(([event, bom]) => ({ category: "valid" as const, bytes: utf8((bom ? "\uFEFF" : "") + JSON.stringify(event)) }));

/** A valid event with exactly one contract violation. */
const invalidArb: fc.Arbitrary<Generated> = fc
  .tuple(
    validEventArb,
    fc.constantFrom<Array<(e: Record<string, unknown>) => void>>(
      [(e) => { delete e.event_id; delete e.id; delete e.eventId; }],
      [(e) => { e.event_id = "bad id with spaces"; }],
      [(e) => { e.user_id = { nested: true }; delete e.customer_id; delete e.player_id; }],
      [(e) => { e.event_timestamp = VECTOR_NOW_MS + 2 * HOUR; }],
      [(e) => { e.event_timestamp = VECTOR_NOW_MS - 8 * DAY; }],
      [(e) => { e.event_timestamp = "not a time"; }],
      [(e) => { e.event_type = ""; }],
      [(e) => { e.platform = 42; }],
      [(e) => { e.deep = [[[[[[[[1]]]]]]]]; }],
    ),
  )
  .map(([event, [corrupt]]) => {
    // Make the corrupted field's preferred name authoritative, then corrupt it.
    for (const [preferred, others] of [["event_id", ["id", "eventId"]], ["event_timestamp", ["timestamp", "ts"]], ["event_type", ["type", "event"]]] as const) {
      const given = [preferred, ...others].find((k) => k in event);
      if (given !== undefined && given !== preferred) {
        event[preferred] = event[given];
        delete event[given];
      }
    }
    corrupt(event);
    return { category: "invalid" as const, bytes: utf8(JSON.stringify(event)) };
  });

const malformedArb: fc.Arbitrary<Generated> = fc.oneof(
  fc.string().filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }).map((s) => utf8(s)),
  fc.jsonValue().filter((v) => typeof v !== "object" || v === null || Array.isArray(v)).map((v) => utf8(JSON.stringify(v))),
  fc.uint8Array({ minLength: 1, maxLength: 64 }),
  fc.constantFrom(new Uint8Array(0), new Uint8Array([0xef, 0xbb, 0xbf]), utf8("  \n"), new Uint8Array([0x7b, 0x00, 0x7d])),
).map((bytes) => ({ category: "malformed" as const, bytes }));

const oversizedArb: fc.Arbitrary<Generated> = fc
  .tuple(validEventArb, fc.integer({ min: 0, max: 500 }))
  .map(([event, extra]) => ({ category: "oversized" as const, bytes: utf8(JSON.stringify({ ...event, padding: "p".repeat(MAX_RECORD_BYTES + extra) })) }));

/** A batch: fresh records plus repeats of earlier ones (same bytes, new source coordinates). */
const batchArb = fc
  .array(fc.oneof({ arbitrary: validArb, weight: 4 }, invalidArb, malformedArb, oversizedArb), { maxLength: 40 })
  .chain((fresh) =>
    fc.array(fc.nat(), { maxLength: 15 }).map((repeatPicks) => {
      const all = [...fresh];
      if (fresh.length > 0) for (const pick of repeatPicks) all.push(fresh[pick % fresh.length]);
      return all;
    }),
  )
  .chain((items) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }));

function toRecords(items: Generated[]): RawRecord[] {
  return items.map((item, line) => ({ data: item.bytes, source: { kind: "file", file: "prop.ndjson", line } }));
}

const lineOf = (source: SourceCoordinates): number => (source as { line: number }).line;

function linesByOutput(result: BatchResult): { clean: number[]; duplicate: number[]; deadLetter: number[] } {
  return {
    clean: result.clean.map((c) => lineOf(c.source)),
    duplicate: result.duplicates.map((d) => lineOf(d.source)),
    deadLetter: result.deadLetters.map((d) => lineOf(d.source)),
  };
}

describe("core: pipeline invariant (property)", () => {
  it("every input record ends in exactly one of clean, duplicate, dead-letter", () => {
    fc.assert(
      fc.property(batchArb, (items) => {
        const result = processBatch(toRecords(items), OPTIONS);
        const lines = linesByOutput(result);
        const all = [...lines.clean, ...lines.duplicate, ...lines.deadLetter].sort((a, b) => a - b);
        assert.equal(lines.clean.length + lines.duplicate.length + lines.deadLetter.length, items.length);
        assert.deepEqual(all, items.map((_, i) => i));
      }),
      { numRuns: 300 },
    );
  });

  it("routes each category where it belongs: valid → clean or duplicate, everything else → dead letter", () => {
    fc.assert(
      fc.property(batchArb, (items) => {
        const result = processBatch(toRecords(items), OPTIONS);
        const dead = new Map(result.deadLetters.map((d) => [lineOf(d.source), d.reason]));
        items.forEach((item, line) => {
          if (item.category === "valid") assert.ok(!dead.has(line), `valid record ${line} dead-lettered: ${dead.get(line)}`);
          else assert.ok(dead.has(line), `${item.category} record ${line} was accepted`);
          if (item.category === "oversized") assert.equal(dead.get(line), "RECORD_TOO_LARGE");
        });
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the exact original bytes in every dead letter", () => {
    fc.assert(
      fc.property(batchArb, (items) => {
        const result = processBatch(toRecords(items), OPTIONS);
        for (const dead of result.deadLetters) {
          assert.deepEqual(new Uint8Array(Buffer.from(dead.original_base64, "base64")), items[lineOf(dead.source)].bytes);
          assert.equal(dead.original_base64, Buffer.from(items[lineOf(dead.source)].bytes).toString("base64"));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("emits each dedup key once in clean; every duplicate's key is in clean and came later", () => {
    fc.assert(
      fc.property(batchArb, (items) => {
        const result = processBatch(toRecords(items), OPTIONS);
        const firstLine = new Map(result.clean.map((c) => [c.dedupKey, lineOf(c.source)]));
        assert.equal(firstLine.size, result.clean.length);
        for (const dup of result.duplicates) {
          assert.equal(dup.duplicateOf, "batch");
          const first = firstLine.get(dup.dedupKey);
          assert.ok(first !== undefined && first < lineOf(dup.source));
        }
        for (const clean of result.clean) {
          assert.match(clean.event.event_id, ID_PATTERN);
          assert.match(clean.event.user_id, ID_PATTERN);
          const ms = Date.parse(clean.event.event_timestamp);
          assert.ok(ms <= VECTOR_NOW_MS + HOUR && ms >= VECTOR_NOW_MS - 7 * DAY);
          assert.equal(clean.event.event_date, clean.event.event_timestamp.slice(0, 10));
          assert.equal(clean.event.event_hour, new Date(ms).getUTCHours());
        }
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic: the same batch gives the same result", () => {
    fc.assert(
      fc.property(batchArb, (items) => {
        assert.deepEqual(processBatch(toRecords(items), OPTIONS), processBatch(toRecords(items), OPTIONS));
      }),
      { numRuns: 100 },
    );
  });

  it("keeps the partition through cross-batch dedup, with store failures and redeliveries", async () => {
    await fc.assert(
      fc.asyncProperty(batchArb, batchArb, fc.boolean(), async (firstItems, secondItems, replayFirst) => {
        const store = new InMemoryDedupStore(30);
        await crossBatchDedup(processBatch(toRecords(firstItems), OPTIONS), store, VECTOR_NOW_MS);
        const items = replayFirst ? firstItems : secondItems;
        const batch = processBatch(toRecords(items), OPTIONS);
        const { result, failed, redelivered } = await crossBatchDedup(batch, store, VECTOR_NOW_MS + 60_000);
        const lines = [
          ...result.clean, ...result.duplicates, ...failed, ...redelivered,
        ].map((c) => lineOf(c.source)).concat(result.deadLetters.map((d) => lineOf(d.source)));
        assert.deepEqual(lines.sort((a, b) => a - b), items.map((_, i) => i));
        if (replayFirst) assert.equal(result.clean.length, 0, "a replayed batch must not produce new clean events");
      }),
      { numRuns: 100 },
    );
  });
});
