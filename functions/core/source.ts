/** Where a raw record came from; carried onto every output so each one can be traced to its input. */
export type SourceCoordinates =
  | { kind: "kinesis"; stream: string; shardId: string; sequenceNumber: string }
  | { kind: "kafka"; topic: string; partition: number; offset: string }
  | { kind: "file"; file: string; line: number }
  | { kind: "http"; requestId: string; index: number }
  | { kind: "pubsub"; subscription: string; messageId: string };

/** One record as it arrives from a channel, before any decoding. */
export interface RawRecord {
  data: Uint8Array;
  source: SourceCoordinates;
  /** ISO-8601 arrival time at the channel; defaults to options.now(). */
  receivedAt?: string;
}

/**
 * A stable string naming one source record, unique per record of a channel. The dedup store keeps it
 * next to a claimed key so a redelivery of the same record is recognised as itself.
 */
export function sourceId(source: SourceCoordinates): string {
  switch (source.kind) {
    case "kinesis":
      return `kinesis:${source.stream}/${source.shardId}/${source.sequenceNumber}`;
    case "kafka":
      return `kafka:${source.topic}/${source.partition}/${source.offset}`;
    case "file":
      return `file:${source.file}#${source.line}`;
    case "http":
      return `http:${source.requestId}#${source.index}`;
    case "pubsub":
      return `pubsub:${source.subscription}/${source.messageId}`;
  }
}
