import type { CleanEvent, DeadLetterRecord } from "../core";
import type { StreamRecord } from "../kinesis/chunk-records";
import { putRecordsReliably, type PutRecordsClient, type RetryOptions } from "../kinesis/put-records";
import type { EventSink, SinkWriteResult } from "./event-sink";
import { cleanOutputRecord, deadLetterOutputRecord } from "./output-records";

export interface KinesisSinkOptions {
  client: PutRecordsClient;
  cleanStream: string;
  deadLetterStream: string;
  retry?: Partial<RetryOptions>;
}

/** EventSink over two Kinesis streams (names or ARNs) via the reliable PutRecords writer. */
export class KinesisEventSink implements EventSink {
  constructor(private readonly options: KinesisSinkOptions) {}

  putClean(events: readonly CleanEvent[]): Promise<SinkWriteResult> {
    return this.write(this.options.cleanStream, events.map(cleanOutputRecord));
  }

  putDeadLetters(records: readonly DeadLetterRecord[]): Promise<SinkWriteResult> {
    return this.write(this.options.deadLetterStream, records.map(deadLetterOutputRecord));
  }

  private async write(stream: string, records: StreamRecord[]): Promise<SinkWriteResult> {
    if (records.length === 0) return { failed: [] };
    const { failed } = await putRecordsReliably(this.options.client, stream, records, this.options.retry);
    return { failed };
  }
}
