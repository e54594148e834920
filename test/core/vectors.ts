/**
 * Shared test vectors for the event contract: one input each (text or bytes) with the outcome the core
 * must produce under vectorOptions(). Reused outside test/core: the generated GCP UDF and the Flink
 * job's Python port are checked against them (vectorsAsJson() gives a language-neutral form).
 * Timestamps are written relative to VECTOR_NOW_MS with the arithmetic visible.
 */
import { coreOptions, toBase64, wrapForIngest, type CoreOptions, type ReasonCode, type SilverEvent } from "../../functions/core";

/** The clock every vector is evaluated at: 2026-11-22T06:00:00.000Z. */
export const VECTOR_NOW_MS = Date.UTC(2026, 10, 22, 6, 0, 0, 0);
/** received_at of a bare record processed at VECTOR_NOW_MS without an arrival time. */
export const VECTOR_RECEIVED_AT = "2026-11-22T06:00:00.000Z";
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Default options with the vector clock. */
export function vectorOptions(overrides: Partial<CoreOptions> = {}): CoreOptions {
  return coreOptions({ now: () => VECTOR_NOW_MS, ...overrides });
}

export type VectorExpectation =
  | { kind: "event"; event: Partial<SilverEvent> }
  | { kind: "dead-letter"; reason: ReasonCode };

export interface CoreVector {
  name: string;
  /** Text is encoded as UTF-8; bytes are used as given. */
  input: string | Uint8Array;
  expected: VectorExpectation;
}

const json = (value: unknown): string => JSON.stringify(value);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A minimal valid event; vectors spread it and change one thing. */
export const BASE_EVENT = Object.freeze({
  event_id: "evt-0001",
  event_type: "level_start",
  event_timestamp: "2026-11-22T05:00:00.000Z", // now − 1 h
  user_id: "user-42",
});
const INGEST = { game_id: "game-7", request_id: "req-1", received_at: "2026-11-22T05:59:59.500Z" };

export const CORE_VECTORS: readonly CoreVector[] = [
  // ---------- accepted input shapes ----------
  {
    name: "seed 001 viewer event (customer_id, device_os, extra fields kept in parameters)",
    input: json({
      event_id: "EVENT_a1b2c3d4",
      customer_id: "CUST_5e6f7g8h",
      title_id: "TITLE_9i0j1k2l",
      session_id: "SESSION_3m4n5o6p",
      event_type: "start",
      event_timestamp: "2026-11-22T05:30:45.123Z",
      watch_duration_seconds: 1800,
      position_seconds: 900,
      completion_percentage: 45.5,
      device_type: "mobile",
      device_os: "iOS",
      quality: "HD",
      bandwidth_mbps: 8.5,
    }),
    expected: {
      kind: "event",
      event: {
        event_id: "EVENT_a1b2c3d4",
        event_type: "start",
        event_timestamp: "2026-11-22T05:30:45.123Z",
        received_at: VECTOR_RECEIVED_AT,
        user_id: "CUST_5e6f7g8h",
        session_id: "SESSION_3m4n5o6p",
        game_id: null,
        platform: "ios",
        app_version: null,
        parameters: {
          title_id: "TITLE_9i0j1k2l",
          watch_duration_seconds: 1800,
          position_seconds: 900,
          completion_percentage: 45.5,
          device_type: "mobile",
          quality: "HD",
          bandwidth_mbps: 8.5,
        },
        event_date: "2026-11-22",
        event_hour: 5,
      },
    },
  },
  {
    name: "seed 003 game event (id, type, naive ISO timestamp, parameters object merged)",
    input: json({
      id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
      user_id: "player_1001",
      session_id: "s-20261122-01",
      type: "level_complete",
      timestamp: "2026-11-22T04:10:00.250999", // Python utcnow().isoformat(): no offset = UTC, µs truncated to ms
      parameters: { level_id: 12, moves_used: 18, time_seconds: 95, boosters_used: "hammer" },
      app_version: "2.4.1",
      platform: " Android ",
      ip_address: "203.0.113.7",
      device_model: "Pixel 7",
    }),
    expected: {
      kind: "event",
      event: {
        event_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        event_type: "level_complete",
        event_timestamp: "2026-11-22T04:10:00.250Z",
        user_id: "player_1001",
        session_id: "s-20261122-01",
        game_id: null,
        platform: "android",
        app_version: "2.4.1",
        parameters: { level_id: 12, moves_used: 18, time_seconds: 95, boosters_used: "hammer", ip_address: "203.0.113.7", device_model: "Pixel 7" },
        event_date: "2026-11-22",
        event_hour: 4,
      },
    },
  },
  {
    name: "seed 004 event tagged by `event` (epoch milliseconds)",
    input: json({
      event: "KioskWeaponOffered",
      id: "00087861-f9dc-4bc2-807d-0d13a7003814",
      user_id: "8d2f3b9a-1c4e-4f6a-9b7d-2e5c8a1f0d3b",
      timestamp: VECTOR_NOW_MS - 2 * HOUR_MS, // 2026-11-22T04:00:00.000Z in epoch ms
      psess: "a3b1c2d4-0000-4000-8000-000000000001",
      weapon: "plasma_rifle",
    }),
    expected: {
      kind: "event",
      event: {
        event_id: "00087861-f9dc-4bc2-807d-0d13a7003814",
        event_type: "KioskWeaponOffered",
        event_timestamp: "2026-11-22T04:00:00.000Z",
        user_id: "8d2f3b9a-1c4e-4f6a-9b7d-2e5c8a1f0d3b",
        session_id: null,
        parameters: { psess: "a3b1c2d4-0000-4000-8000-000000000001", weapon: "plasma_rifle" },
        event_date: "2026-11-22",
        event_hour: 4,
      },
    },
  },
  {
    name: "common analytics shape (epoch seconds, event_data merged, event_name/event_version kept)",
    input: json({
      event_id: "b8f0a1c2-3d4e-4f50-8a6b-7c8d9e0f1a2b",
      event_type: "user_action",
      event_name: "login",
      event_timestamp: (VECTOR_NOW_MS - 30 * 60_000) / 1000, // now − 30 min in epoch seconds = 2026-11-22T05:30:00Z
      event_version: "1.0.0",
      app_version: "3.1.0",
      user_id: "u-77",
      event_data: { platform_store: "steam", first_login: true },
    }),
    expected: {
      kind: "event",
      event: {
        event_id: "b8f0a1c2-3d4e-4f50-8a6b-7c8d9e0f1a2b",
        event_type: "user_action",
        event_timestamp: "2026-11-22T05:30:00.000Z",
        user_id: "u-77",
        app_version: "3.1.0",
        parameters: { platform_store: "steam", first_login: true, event_name: "login", event_version: "1.0.0" },
        event_date: "2026-11-22",
        event_hour: 5,
      },
    },
  },
  {
    name: "common shape with user_id and session_id inside event_data (lifted, also kept in parameters)",
    input: json({
      event_id: "c1",
      event_type: "session",
      event_name: "session_start",
      event_timestamp: String((VECTOR_NOW_MS - HOUR_MS) / 1000), // numeric string, epoch seconds = 05:00:00Z
      event_version: "1",
      app_version: 12,
      event_data: { user_id: "u-88", session_id: "s-88" },
    }),
    expected: {
      kind: "event",
      event: {
        event_id: "c1",
        user_id: "u-88",
        session_id: "s-88",
        event_timestamp: "2026-11-22T05:00:00.000Z",
        app_version: "12",
        parameters: { user_id: "u-88", session_id: "s-88", event_name: "session_start", event_version: "1" },
      },
    },
  },
  {
    name: "UTF-8 byte-order mark is stripped before parsing",
    input: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(json(BASE_EVENT))]),
    expected: { kind: "event", event: { event_id: "evt-0001", user_id: "user-42", parameters: {} } },
  },
  {
    name: "ingest envelope: game_id and received_at taken from _ingest",
    input: wrapForIngest({ ...BASE_EVENT }, INGEST),
    expected: { kind: "event", event: { event_id: "evt-0001", game_id: "game-7", received_at: "2026-11-22T05:59:59.500Z", parameters: {} } },
  },
  {
    name: "ingest envelope: matching game_id in the event is accepted",
    input: wrapForIngest({ ...BASE_EVENT, game_id: "game-7" }, INGEST),
    expected: { kind: "event", event: { game_id: "game-7" } },
  },
  {
    name: "ingest envelope with null game_id keeps the event's game_id",
    input: wrapForIngest({ ...BASE_EVENT, game_id: "game-9" }, { ...INGEST, game_id: null }),
    expected: { kind: "event", event: { game_id: "game-9" } },
  },
  {
    name: "preferred alias wins; the other name is kept in parameters",
    input: json({ ...BASE_EVENT, id: "legacy-id", type: "legacy_type" }),
    expected: { kind: "event", event: { event_id: "evt-0001", event_type: "level_start", parameters: { id: "legacy-id", type: "legacy_type" } } },
  },
  {
    name: "ISO timestamp with offset is converted to UTC",
    input: json({ ...BASE_EVENT, event_timestamp: "2026-11-22T07:15:30+02:00" }), // 07:15:30 − 2 h = 05:15:30Z
    expected: { kind: "event", event: { event_timestamp: "2026-11-22T05:15:30.000Z", event_date: "2026-11-22", event_hour: 5 } },
  },
  {
    name: "event just before midnight UTC gets the previous day's event_date",
    input: json({ ...BASE_EVENT, event_timestamp: "2026-11-21T23:59:59.999Z" }),
    expected: { kind: "event", event: { event_date: "2026-11-21", event_hour: 23 } },
  },

  // ---------- one dead-letter vector per reason code ----------
  { name: "empty record", input: new Uint8Array(0), expected: { kind: "dead-letter", reason: "EMPTY_RECORD" } },
  { name: "only a byte-order mark", input: new Uint8Array([0xef, 0xbb, 0xbf]), expected: { kind: "dead-letter", reason: "EMPTY_RECORD" } },
  { name: "whitespace only", input: " \n\t ", expected: { kind: "dead-letter", reason: "EMPTY_RECORD" } },
  {
    name: "record larger than maxRecordBytes (65536)",
    input: json({ ...BASE_EVENT, padding: "x".repeat(65_536) }),
    expected: { kind: "dead-letter", reason: "RECORD_TOO_LARGE" },
  },
  { name: "invalid UTF-8 (gzip magic bytes)", input: new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xff]), expected: { kind: "dead-letter", reason: "INVALID_ENCODING" } },
  { name: "NUL bytes (binary)", input: new Uint8Array([0x7b, 0x00, 0x00, 0x7d]), expected: { kind: "dead-letter", reason: "INVALID_ENCODING" } },
  { name: "not JSON", input: "event_id=1&user_id=2", expected: { kind: "dead-letter", reason: "MALFORMED_JSON" } },
  { name: "truncated JSON", input: json(BASE_EVENT).slice(0, 30), expected: { kind: "dead-letter", reason: "MALFORMED_JSON" } },
  { name: "JSON array", input: json([BASE_EVENT]), expected: { kind: "dead-letter", reason: "NOT_AN_OBJECT" } },
  { name: "JSON string", input: json("hello"), expected: { kind: "dead-letter", reason: "NOT_AN_OBJECT" } },
  { name: "ingest envelope whose _event is a number", input: wrapForIngest(5, INGEST), expected: { kind: "dead-letter", reason: "NOT_AN_OBJECT" } },
  {
    name: "nesting deeper than maxDepth (8): event + 8 nested objects = depth 9",
    input: json({ ...BASE_EVENT, parameters: { a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } } }),
    expected: { kind: "dead-letter", reason: "TOO_DEEP" },
  },
  {
    name: "more than maxFields (256) keys: 4 base + 253 extra = 257",
    input: json({ ...BASE_EVENT, ...Object.fromEntries(Array.from({ length: 253 }, (_, i) => [`f${i}`, i])) }),
    expected: { kind: "dead-letter", reason: "TOO_MANY_FIELDS" },
  },
  { name: "missing event_id", input: json({ ...BASE_EVENT, event_id: undefined }), expected: { kind: "dead-letter", reason: "MISSING_FIELD" } },
  { name: "null user_id", input: json({ ...BASE_EVENT, user_id: null }), expected: { kind: "dead-letter", reason: "MISSING_FIELD" } },
  { name: "missing event_type", input: json({ ...BASE_EVENT, event_type: undefined }), expected: { kind: "dead-letter", reason: "MISSING_FIELD" } },
  { name: "missing event_timestamp", input: json({ ...BASE_EVENT, event_timestamp: undefined }), expected: { kind: "dead-letter", reason: "MISSING_FIELD" } },
  { name: "event_type is a number", input: json({ ...BASE_EVENT, event_type: 7 }), expected: { kind: "dead-letter", reason: "INVALID_FIELD_TYPE" } },
  { name: "event_type is blank", input: json({ ...BASE_EVENT, event_type: "  " }), expected: { kind: "dead-letter", reason: "INVALID_FIELD_TYPE" } },
  { name: "event_id is an object", input: json({ ...BASE_EVENT, event_id: { v: 1 } }), expected: { kind: "dead-letter", reason: "INVALID_FIELD_TYPE" } },
  { name: "platform is a number", input: json({ ...BASE_EVENT, platform: 3 }), expected: { kind: "dead-letter", reason: "INVALID_FIELD_TYPE" } },
  { name: "event_timestamp is a boolean", input: json({ ...BASE_EVENT, event_timestamp: true }), expected: { kind: "dead-letter", reason: "INVALID_FIELD_TYPE" } },
  { name: "event_id with a space", input: json({ ...BASE_EVENT, event_id: "evt 1" }), expected: { kind: "dead-letter", reason: "INVALID_ID" } },
  { name: "user_id of 129 characters", input: json({ ...BASE_EVENT, user_id: "u".repeat(129) }), expected: { kind: "dead-letter", reason: "INVALID_ID" } },
  { name: "empty event_id", input: json({ ...BASE_EVENT, event_id: "" }), expected: { kind: "dead-letter", reason: "INVALID_ID" } },
  { name: "session_id with a slash", input: json({ ...BASE_EVENT, session_id: "a/b" }), expected: { kind: "dead-letter", reason: "INVALID_ID" } },
  { name: "timestamp text", input: json({ ...BASE_EVENT, event_timestamp: "yesterday" }), expected: { kind: "dead-letter", reason: "INVALID_TIMESTAMP" } },
  { name: "impossible date 2026-02-30", input: json({ ...BASE_EVENT, event_timestamp: "2026-02-30T00:00:00Z" }), expected: { kind: "dead-letter", reason: "INVALID_TIMESTAMP" } },
  { name: "negative epoch", input: json({ ...BASE_EVENT, event_timestamp: -5 }), expected: { kind: "dead-letter", reason: "INVALID_TIMESTAMP" } },
  {
    name: "timestamp 1 h + 1 ms in the future",
    input: json({ ...BASE_EVENT, event_timestamp: VECTOR_NOW_MS + HOUR_MS + 1 }),
    expected: { kind: "dead-letter", reason: "TIMESTAMP_IN_FUTURE" },
  },
  {
    name: "timestamp 7 days + 1 ms old",
    input: json({ ...BASE_EVENT, event_timestamp: VECTOR_NOW_MS - 7 * DAY_MS - 1 }),
    expected: { kind: "dead-letter", reason: "TIMESTAMP_TOO_OLD" },
  },
  {
    name: "ingest envelope with an extra top-level key",
    input: json({ _ingest: INGEST, _event: BASE_EVENT, extra: 1 }),
    expected: { kind: "dead-letter", reason: "INVALID_INGEST_ENVELOPE" },
  },
  { name: "ingest envelope without _event", input: json({ _ingest: INGEST }), expected: { kind: "dead-letter", reason: "INVALID_INGEST_ENVELOPE" } },
  { name: "_ingest is a string", input: json({ _ingest: "game-7", _event: BASE_EVENT }), expected: { kind: "dead-letter", reason: "INVALID_INGEST_ENVELOPE" } },
  {
    name: "_ingest.received_at is not a timestamp",
    input: json({ _ingest: { ...INGEST, received_at: "soon" }, _event: BASE_EVENT }),
    expected: { kind: "dead-letter", reason: "INVALID_INGEST_ENVELOPE" },
  },
  { name: "_event without _ingest", input: json({ _event: BASE_EVENT }), expected: { kind: "dead-letter", reason: "INVALID_INGEST_ENVELOPE" } },
  {
    name: "event game_id differs from the authenticated game",
    input: wrapForIngest({ ...BASE_EVENT, game_id: "game-8" }, INGEST),
    expected: { kind: "dead-letter", reason: "GAME_ID_MISMATCH" },
  },
];

/** The input bytes of a vector. */
export function vectorBytes(vector: CoreVector): Uint8Array {
  return typeof vector.input === "string" ? utf8(vector.input) : vector.input;
}

/** Language-neutral form for non-TypeScript consumers (e.g. `npx tsx -e` piping to a Python test). */
export function vectorsAsJson(): Array<{ name: string; input_base64: string; expected: VectorExpectation }> {
  return CORE_VECTORS.map((vector) => ({ name: vector.name, input_base64: toBase64(vectorBytes(vector)), expected: vector.expected }));
}
