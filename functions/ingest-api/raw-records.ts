import { wrapForIngest } from "../core";
import type { FailedRecord } from "../kinesis/put-records";
import type { StreamRecord } from "../kinesis/chunk-records";
import type { IngestResponse } from "./contract";
import { partitionKeyFor } from "./partition-key";

export interface IngestContext {
  /** From the authorizer context (the key's game); null for front ends without one. */
  game_id: string | null;
  request_id: string;
  received_at: string;
}

/** The raw-stream records of one accepted request: each event wrapped in the ingest envelope. */
export function toRawStreamRecords(events: readonly unknown[], ingest: IngestContext): StreamRecord[] {
  return events.map((event) => ({
    data: Buffer.from(wrapForIngest(event, ingest), "utf8"),
    partitionKey: partitionKeyFor(event, ingest.request_id),
  }));
}

/** The 200 response for a request whose events were written, `failed` being the writer's leftovers. */
export function ingestResponse(requestId: string, eventCount: number, failed: readonly FailedRecord[]): IngestResponse {
  const failures = new Map(failed.map((f) => [f.index, f]));
  return {
    requestId,
    failedRecordCount: failures.size,
    records: Array.from({ length: eventCount }, (_, index) => {
      const failure = failures.get(index);
      return failure
        ? { index, status: "rejected" as const, errorCode: failure.errorCode, errorMessage: failure.errorMessage }
        : { index, status: "accepted" as const };
    }),
  };
}
