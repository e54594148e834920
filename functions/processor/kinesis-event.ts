import type { RawRecord } from "../core";

/** The Lambda event for a Kinesis event source mapping (fields as delivered by the Lambda service). */
export interface KinesisStreamRecord {
  kinesis: {
    kinesisSchemaVersion: string;
    partitionKey: string;
    sequenceNumber: string;
    /** Base64 of the record's data blob. */
    data: string;
    /** Epoch seconds (fractional). */
    approximateArrivalTimestamp: number;
  };
  eventSource: "aws:kinesis";
  eventVersion: string;
  /** "{shardId}:{sequenceNumber}" */
  eventID: string;
  eventName: "aws:kinesis:record";
  invokeIdentityArn: string;
  awsRegion: string;
  /** arn:aws:kinesis:{region}:{account}:stream/{name} */
  eventSourceARN: string;
}

export interface KinesisStreamEvent {
  Records: KinesisStreamRecord[];
}

/** The partial-batch response Lambda understands when ReportBatchItemFailures is enabled. */
export interface KinesisBatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

export function streamNameFromArn(arn: string): string {
  const match = /:stream\/([^/]+)$/.exec(arn);
  return match ? match[1] : arn;
}

/** Decodes the Lambda records into the core's RawRecords with kinesis source coordinates. */
export function toRawRecords(event: KinesisStreamEvent): RawRecord[] {
  return event.Records.map((record) => {
    const colon = record.eventID.indexOf(":");
    const arrivedMs = record.kinesis.approximateArrivalTimestamp * 1000;
    return {
      data: Buffer.from(record.kinesis.data, "base64"),
      source: {
        kind: "kinesis",
        stream: streamNameFromArn(record.eventSourceARN),
        shardId: colon === -1 ? record.eventID : record.eventID.slice(0, colon),
        sequenceNumber: record.kinesis.sequenceNumber,
      },
      ...(Number.isFinite(arrivedMs) ? { receivedAt: new Date(arrivedMs).toISOString() } : {}),
    };
  });
}
