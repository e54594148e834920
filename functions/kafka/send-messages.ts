/**
 * Writes keyed records to one topic with acks=all, reporting per-record failures instead of
 * throwing, like the Kinesis writer: records too large for the broker are refused locally, the rest
 * go in bounded produce calls so one failed call takes down only its own records.
 * (kafkajs already retries retriable broker errors inside each call.)
 */
import type { ProducerRecord, RecordMetadata } from "kafkajs";
import type { StreamRecord } from "../kinesis/chunk-records";
import type { FailedRecord } from "../kinesis/put-records";
import { ACKS_ALL, KAFKA_MAX_MESSAGE_BYTES, KAFKA_RECORD_OVERHEAD_BYTES, KAFKA_SEND_MAX_BYTES, KAFKA_SEND_MAX_MESSAGES } from "./limits";

/** The one kafkajs Producer method used (tests inject a fake). */
export interface ProducerPort {
  send(record: ProducerRecord): Promise<RecordMetadata[]>;
}

export interface SendOutcome {
  /** Sorted by index into the records given. */
  failed: FailedRecord[];
  calls: number;
}

function messageBytes(record: StreamRecord): number {
  return record.data.byteLength + Buffer.byteLength(record.partitionKey, "utf8") + KAFKA_RECORD_OVERHEAD_BYTES;
}

/** Index groups for the produce calls (≤ KAFKA_SEND_MAX_MESSAGES and ≤ KAFKA_SEND_MAX_BYTES each), in input order. */
export function chunkForSend(records: readonly StreamRecord[], indexes: readonly number[]): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const index of indexes) {
    const size = messageBytes(records[index]);
    if (current.length > 0 && (current.length === KAFKA_SEND_MAX_MESSAGES || bytes + size > KAFKA_SEND_MAX_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export async function sendRecords(producer: ProducerPort, topic: string, records: readonly StreamRecord[]): Promise<SendOutcome> {
  const failed: FailedRecord[] = [];
  const sendable: number[] = [];
  records.forEach((record, index) => {
    const bytes = messageBytes(record);
    if (bytes > KAFKA_MAX_MESSAGE_BYTES) {
      failed.push({ index, errorCode: "RecordTooLarge", errorMessage: `record is ${bytes} bytes with overhead; the broker accepts at most ${KAFKA_MAX_MESSAGE_BYTES}` });
    } else sendable.push(index);
  });
  const chunks = chunkForSend(records, sendable);
  // Sequential: keeps one key's records in order across calls when every call succeeds.
  for (const chunk of chunks) {
    try {
      await producer.send({
        topic,
        acks: ACKS_ALL,
        messages: chunk.map((index) => ({ key: records[index].partitionKey, value: Buffer.from(records[index].data) })),
      });
    } catch (error) {
      const err = error as Error;
      for (const index of chunk) failed.push({ index, errorCode: err.name || "KafkaError", errorMessage: err.message });
    }
  }
  failed.sort((a, b) => a.index - b.index);
  return { failed, calls: chunks.length };
}
