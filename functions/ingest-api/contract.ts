/**
 * The ingestion HTTP contract shared by every front end (API Gateway → Kinesis integration, the MSK
 * producer Lambda, the GCP ingest function). Constants only; see docs/ingestion-api.md.
 */
export const INGEST_HTTP_METHOD = "POST";
export const INGEST_PATH = "/v1/events";
/** Events per request: matches one Kinesis PutRecords call, so a request never spans two. */
export const MAX_EVENTS_PER_REQUEST = 500;
/** API Gateway REST APIs reject payloads over 10 MB before any of our code runs. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export type EventStatus = "accepted" | "rejected";

/** Per-event outcome, in request order. `rejected` = not written to the raw stream; retry that event. */
export interface EventResult {
  index: number;
  status: EventStatus;
  errorCode?: string;
  errorMessage?: string;
}

/** 200 response body: accepted events are durably in the raw stream (validation happens downstream). */
export interface IngestResponse {
  requestId: string;
  failedRecordCount: number;
  records: EventResult[];
}

export type IngestErrorCode = "INVALID_JSON" | "INVALID_REQUEST" | "TOO_MANY_EVENTS" | "NO_EVENTS" | "PAYLOAD_TOO_LARGE";

/** 4xx response body for a request rejected as a whole (nothing written). */
export interface IngestErrorResponse {
  requestId: string;
  error: { code: IngestErrorCode; message: string };
}
