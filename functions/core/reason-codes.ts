/**
 * Stable, machine-readable reasons a record is dead-lettered. The keys are part of the public
 * contract (dashboards, alarms, the Flink job and the GCP UDF use them): never rename one.
 * The descriptions are rendered verbatim in docs/event-contract.md (a test keeps them in sync).
 */
export const REASON_CODES = {
  EMPTY_RECORD: "The record has no content: zero bytes, only a UTF-8 byte-order mark, or only whitespace.",
  RECORD_TOO_LARGE: "The record is larger than maxRecordBytes; it is rejected before decoding or parsing.",
  INVALID_ENCODING: "The bytes are not valid UTF-8 or contain NUL bytes (binary data).",
  MALFORMED_JSON: "The text is not valid JSON.",
  NOT_AN_OBJECT: "The JSON value (or the `_event` of an ingest envelope) is not an object.",
  TOO_DEEP: "Objects and arrays are nested deeper than maxDepth (the event object itself is depth 1).",
  TOO_MANY_FIELDS: "The event holds more than maxFields object keys, counted across the whole object tree.",
  MISSING_FIELD: "A required field (event_id, event_type, event_timestamp, user_id) is absent or null under every accepted name.",
  INVALID_FIELD_TYPE: "A field has the wrong JSON type or an unusable value (e.g. an empty event_type or platform that is not a string).",
  INVALID_ID: "An identifier (event_id, user_id, session_id, game_id) is not 1-128 characters of A-Z a-z 0-9 _ . : -",
  INVALID_TIMESTAMP: "event_timestamp is not ISO-8601, epoch seconds or epoch milliseconds, or names an impossible date.",
  TIMESTAMP_IN_FUTURE: "event_timestamp is later than now + futureToleranceMs.",
  TIMESTAMP_TOO_OLD: "event_timestamp is earlier than now - maxAgeDays.",
  INVALID_INGEST_ENVELOPE: "The record uses the reserved `_ingest` / `_event` keys but is not a well-formed ingest envelope.",
  GAME_ID_MISMATCH: "The event names a game_id different from the one the ingest layer authenticated.",
} as const;

export type ReasonCode = keyof typeof REASON_CODES;

/** Every code, in declaration order (the order of the documentation table). */
export const REASON_CODE_LIST = Object.keys(REASON_CODES) as ReasonCode[];
