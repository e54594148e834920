/**
 * `POST /v1/events` on Cloud Functions: the shared ingest contract (functions/ingest-api) in front of
 * the raw channel. Order: route → API key (401/403) → request envelope (400/413) → wrap each event in
 * the ingest envelope with the key's game id → publish → per-event results (200). A key-store or
 * channel outage answers 503, never a silent drop. Events themselves are judged downstream by the core.
 */
import { randomUUID } from "node:crypto";
import {
  INGEST_HTTP_METHOD,
  INGEST_PATH,
  ingestResponse,
  toRawStreamRecords,
  validateIngestRequest,
  type IngestErrorResponse,
} from "../ingest-api";
import { checkApiKey, type ApiKeyLookup } from "./api-key-check";
import type { RawPublisher } from "./raw-publisher";

/** The parts of an Express request (what the Functions Framework passes) the handler reads. */
export interface IngestHttpRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Exact body bytes (the Functions Framework keeps them); `body` is the fallback. */
  rawBody?: Buffer;
  body?: unknown;
}

export interface IngestHttpResponse {
  status(code: number): IngestHttpResponse;
  set(field: string, value: string): IngestHttpResponse;
  send(body: string): unknown;
}

export interface IngestDeps {
  lookupApiKey: ApiKeyLookup;
  publisher: RawPublisher;
  now: () => number;
  requestId: () => string;
  log: (entry: Record<string, unknown>) => void;
}

export const DEFAULT_INGEST_DEPS: Pick<IngestDeps, "now" | "requestId" | "log"> = {
  now: Date.now,
  requestId: randomUUID,
  log: (entry) => console.log(JSON.stringify(entry)),
};

type ErrorCode = IngestErrorResponse["error"]["code"] | "METHOD_NOT_ALLOWED" | "NOT_FOUND" | "UNAUTHORIZED" | "FORBIDDEN" | "UNAVAILABLE";

function reply(res: IngestHttpResponse, status: number, body: unknown): void {
  res.status(status).set("content-type", "application/json").send(JSON.stringify(body));
}

function fail(res: IngestHttpResponse, status: number, requestId: string, code: ErrorCode, message: string): void {
  reply(res, status, { requestId, error: { code, message } });
}

function bodyBytes(req: IngestHttpRequest): string | Uint8Array {
  if (req.rawBody) return req.rawBody;
  if (typeof req.body === "string") return req.body;
  return req.body === undefined ? "" : JSON.stringify(req.body);
}

export function createIngestHandler(deps: IngestDeps): (req: IngestHttpRequest, res: IngestHttpResponse) => Promise<void> {
  return async (req, res) => {
    const requestId = deps.requestId();
    if (req.path !== INGEST_PATH) return fail(res, 404, requestId, "NOT_FOUND", `no route ${req.path}; send ${INGEST_HTTP_METHOD} ${INGEST_PATH}`);
    if (req.method !== INGEST_HTTP_METHOD) {
      res.set("allow", INGEST_HTTP_METHOD);
      return fail(res, 405, requestId, "METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${INGEST_PATH}; use ${INGEST_HTTP_METHOD}`);
    }
    let decision;
    try {
      decision = await checkApiKey(req.headers, deps.lookupApiKey);
    } catch (error) {
      deps.log({ level: "error", requestId, msg: "api key lookup failed", error: (error as Error).message });
      return fail(res, 503, requestId, "UNAVAILABLE", "the API key store is unavailable; retry later");
    }
    if (!decision.ok) {
      deps.log({ level: "warn", requestId, msg: "request denied", reason: decision.reason, keyId: decision.keyId });
      return decision.status === 401
        ? fail(res, 401, requestId, "UNAUTHORIZED", `API key ${decision.reason}: send "Authorization: ApiKey <key>" or "x-api-key: <key>"`)
        : fail(res, 403, requestId, "FORBIDDEN", `API key ${decision.reason}`);
    }
    const validation = validateIngestRequest(bodyBytes(req));
    if (!validation.ok) return fail(res, validation.status, requestId, validation.code, validation.message);

    const records = toRawStreamRecords(validation.events, {
      game_id: decision.gameId,
      request_id: requestId,
      received_at: new Date(deps.now()).toISOString(),
    });
    let failed;
    try {
      failed = await deps.publisher.publish(records);
    } catch (error) {
      deps.log({ level: "error", requestId, msg: "publish failed", error: (error as Error).message });
      return fail(res, 503, requestId, "UNAVAILABLE", "the raw channel is unavailable; retry the request");
    }
    const response = ingestResponse(requestId, records.length, failed);
    deps.log({ level: "info", requestId, keyId: decision.keyId, events: records.length, failed: response.failedRecordCount });
    reply(res, 200, response);
  };
}
