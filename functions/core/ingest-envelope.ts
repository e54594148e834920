import { isValidId } from "./identifiers";
import { jsonKind } from "./parse-record";
import { Rejection, showValue } from "./rejection";
import { canonicalIso, parseTimestampMs } from "./timestamps";

/**
 * The ingest envelope. API Gateway's VTL template, the producer Lambda and the GCP ingest function wrap
 * each event as {"_ingest":{"game_id","request_id","received_at"},"_event":{…the event as sent…}} so the
 * game the caller authenticated for travels with it. Bare events (no reserved key) are accepted as-is.
 */
export const INGEST_ENVELOPE_KEYS = Object.freeze({ ingest: "_ingest", event: "_event" } as const);

export interface IngestMetadata {
  /** Game the API key / identity is bound to; null when the authoriser binds none. */
  game_id: string | null;
  request_id: string;
  /** When the ingest layer received the request: ISO-8601 (epoch ms, number or digits, is also accepted on input). */
  received_at: string;
}

/** The JSON text of one event wrapped for the raw stream. */
export function wrapForIngest(event: unknown, ingest: IngestMetadata): string {
  return JSON.stringify({
    [INGEST_ENVELOPE_KEYS.ingest]: { game_id: ingest.game_id, request_id: ingest.request_id, received_at: ingest.received_at },
    [INGEST_ENVELOPE_KEYS.event]: event,
  });
}

/** What the envelope contributes once unwrapped. */
export interface UnwrappedEvent {
  event: Record<string, unknown>;
  /** _ingest.game_id ("" counts as none); null for bare events. */
  ingestGameId: string | null;
  /** _ingest.received_at as UTC ISO with ms; null for bare events. */
  ingestReceivedAt: string | null;
}

const INGEST_FIELDS = new Set(["game_id", "request_id", "received_at"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(message: string): Rejection {
  return new Rejection("INVALID_INGEST_ENVELOPE", message);
}

/** True when a parsed record uses a reserved envelope key and must be unwrapped. */
export function isIngestEnvelope(parsed: Record<string, unknown>): boolean {
  return parsed[INGEST_ENVELOPE_KEYS.ingest] !== undefined || parsed[INGEST_ENVELOPE_KEYS.event] !== undefined;
}

/** Validates an envelope strictly (it is produced by this repository's own code) and returns its parts. */
export function unwrapIngestEnvelope(parsed: Record<string, unknown>): UnwrappedEvent | Rejection {
  for (const key in parsed) {
    if (key !== INGEST_ENVELOPE_KEYS.ingest && key !== INGEST_ENVELOPE_KEYS.event) {
      return invalid(`an ingest envelope may hold only "_ingest" and "_event"; found "${key}"`);
    }
  }
  const ingest = parsed[INGEST_ENVELOPE_KEYS.ingest];
  if (!isObject(ingest)) return invalid(`"_ingest" must be an object; found ${jsonKind(ingest ?? null)}`);
  for (const key in ingest) {
    if (!INGEST_FIELDS.has(key)) return invalid(`"_ingest" may hold only game_id, request_id, received_at; found "${key}"`);
  }
  const gameId = ingest.game_id ?? null;
  if (gameId !== null && (typeof gameId !== "string" || (gameId !== "" && !isValidId(gameId)))) {
    return invalid(`"_ingest.game_id" must be null or an identifier; found ${showValue(gameId)}`);
  }
  const requestId = ingest.request_id;
  if (typeof requestId !== "string" || requestId === "") {
    return invalid(`"_ingest.request_id" must be a non-empty string; found ${showValue(requestId ?? null)}`);
  }
  const receivedAtMs = parseTimestampMs(ingest.received_at);
  if (receivedAtMs === null) {
    return invalid(`"_ingest.received_at" must be an ISO-8601 or epoch timestamp; found ${showValue(ingest.received_at ?? null)}`);
  }
  if (!(INGEST_ENVELOPE_KEYS.event in parsed)) return invalid(`the envelope has no "_event"`);
  const event = parsed[INGEST_ENVELOPE_KEYS.event];
  if (!isObject(event)) return new Rejection("NOT_AN_OBJECT", `"_event" is a JSON ${jsonKind(event)}, not an object`);
  return { event, ingestGameId: gameId === "" ? null : gameId, ingestReceivedAt: canonicalIso(ingest.received_at, receivedAtMs) };
}
