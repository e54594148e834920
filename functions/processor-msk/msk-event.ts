/** The Lambda event of an MSK event-source mapping, decoded into the core's RawRecords. */
import type { RawRecord } from "../core";

export interface MskRecord {
  topic: string;
  partition: number;
  offset: number;
  /** Epoch ms (CREATE_TIME from the producer or LOG_APPEND_TIME from the broker). */
  timestamp: number;
  timestampType: string;
  /** Base64; absent for records without a key. */
  key?: string | null;
  /** Base64 of the record's value; null for a tombstone. */
  value: string | null;
  headers?: Array<Record<string, number[]>>;
}

export interface MskEvent {
  eventSource: "aws:kafka";
  eventSourceArn: string;
  bootstrapServers?: string;
  /** Keyed by "<topic>-<partition>", each list in offset order. */
  records: Record<string, MskRecord[]>;
}

/**
 * Every record of the batch, partition by partition in offset order, with kafka source coordinates.
 * A tombstone (null value) becomes an empty record, which the core dead-letters as EMPTY_RECORD:
 * nothing vanishes.
 */
export function toRawRecords(event: MskEvent): RawRecord[] {
  const raws: RawRecord[] = [];
  for (const records of Object.values(event.records ?? {})) {
    for (const record of records) {
      raws.push({
        data: record.value ? Buffer.from(record.value, "base64") : new Uint8Array(0),
        source: { kind: "kafka", topic: record.topic, partition: record.partition, offset: String(record.offset) },
        ...(Number.isFinite(record.timestamp) ? { receivedAt: new Date(record.timestamp).toISOString() } : {}),
      });
    }
  }
  return raws;
}
