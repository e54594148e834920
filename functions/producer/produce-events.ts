/**
 * One ingest request through the producer: validate the envelope (shared contract), wrap every
 * event in the ingest envelope, key it by user id and write it to the raw topic with acks=all.
 * The response has the native API's shape: per-event accepted / rejected, in request order.
 *   200 — the request was processed; `failedRecordCount` events were not written (retry those)
 *   400 / 413 — the request as a whole is malformed (nothing written)
 *   503 — no event could be written (brokers unreachable); same per-event body, all rejected
 */
import { ingestResponse, toRawStreamRecords, validateIngestRequest, type IngestErrorResponse } from "../ingest-api";
import type { FailedRecord } from "../kinesis/put-records";
import { sendRecords, type ProducerPort } from "../kafka/send-messages";
import { gameIdOf, jsonResult, requestBody, type ProxyEvent, type ProxyResult } from "./proxy-event";

export interface ProduceDeps {
  /** Resolves to a connected producer (connect failures surface as rejected events, not crashes). */
  producer(): Promise<ProducerPort>;
  rawTopic: string;
  now(): number;
  log(line: string): void;
}

export async function produceEvents(event: ProxyEvent, deps: ProduceDeps): Promise<ProxyResult> {
  const requestId = event.requestContext.requestId;
  const validation = validateIngestRequest(requestBody(event));
  if (!validation.ok) {
    const body: IngestErrorResponse = { requestId, error: { code: validation.code, message: validation.message } };
    return jsonResult(validation.status, body);
  }
  const receivedMs = event.requestContext.requestTimeEpoch ?? deps.now();
  const records = toRawStreamRecords(validation.events, {
    game_id: gameIdOf(event),
    request_id: requestId,
    received_at: new Date(receivedMs).toISOString(),
  });

  let failed: FailedRecord[];
  try {
    const producer = await deps.producer();
    ({ failed } = await sendRecords(producer, deps.rawTopic, records));
  } catch (error) {
    const err = error as Error;
    failed = records.map((_, index) => ({ index, errorCode: err.name || "KafkaUnavailable", errorMessage: err.message }));
  }
  const response = ingestResponse(requestId, records.length, failed);
  if (failed.length > 0) {
    deps.log(JSON.stringify({ level: "warn", component: "producer", requestId, failed: failed.length, of: records.length, first: failed[0] }));
  }
  // Every event failed: a service-side failure, like the native API mapping a failed PutRecords call to 5xx.
  const status = failed.length === records.length && !failed.every((f) => f.errorCode === "RecordTooLarge") ? 503 : 200;
  return jsonResult(status, response);
}
