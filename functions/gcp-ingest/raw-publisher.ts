/** What the ingest handler needs from the raw channel (Pub/Sub or Kafka); tests inject fakes. */
import type { FailedRecord } from "../kinesis/put-records";
import type { StreamRecord } from "../kinesis/chunk-records";

export interface RawPublisher {
  /**
   * Publishes every record; resolves with the records that were NOT durably accepted (by index into
   * `records`), so the response can mark exactly those events rejected. Never resolves "all fine"
   * for a record the channel did not acknowledge.
   */
  publish(records: readonly StreamRecord[]): Promise<FailedRecord[]>;
}
