import { MAX_EVENTS_PER_REQUEST, MAX_REQUEST_BYTES, type IngestErrorCode } from "./contract";

export type IngestRequestValidation =
  | { ok: true; events: unknown[] }
  | { ok: false; status: 400 | 413; code: IngestErrorCode; message: string };

function reject(status: 400 | 413, code: IngestErrorCode, message: string): IngestRequestValidation {
  return { ok: false, status, code, message };
}

/**
 * Checks the request envelope only: a JSON object `{"events":[…]}` with 1–500 entries within the
 * size limit. The events themselves are NOT validated here: every event goes to the raw stream and
 * the processing core sorts it into clean / duplicate / dead-letter with a reason, so one contract
 * holds for every front end (API Gateway's VTL mapping cannot inspect events either).
 */
export function validateIngestRequest(body: string | Uint8Array): IngestRequestValidation {
  const bytes = typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.byteLength;
  if (bytes > MAX_REQUEST_BYTES) {
    return reject(413, "PAYLOAD_TOO_LARGE", `request body is ${bytes} bytes; the limit is ${MAX_REQUEST_BYTES}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === "string" ? body : Buffer.from(body).toString("utf8"));
  } catch (error) {
    return reject(400, "INVALID_JSON", `request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return reject(400, "INVALID_REQUEST", 'request body must be a JSON object {"events":[…]}');
  }
  const events = (parsed as Record<string, unknown>).events;
  if (!Array.isArray(events)) {
    return reject(400, "INVALID_REQUEST", 'request body must have an "events" array');
  }
  if (events.length === 0) return reject(400, "NO_EVENTS", '"events" is empty; send 1 to 500 events');
  if (events.length > MAX_EVENTS_PER_REQUEST) {
    return reject(400, "TOO_MANY_EVENTS", `"events" has ${events.length} entries; at most ${MAX_EVENTS_PER_REQUEST} per request`);
  }
  return { ok: true, events };
}
