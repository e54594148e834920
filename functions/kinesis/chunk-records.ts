import { MAX_BYTES_PER_PUT, MAX_PARTITION_KEY_CHARS, MAX_RECORD_BYTES, MAX_RECORDS_PER_PUT } from "./limits";

export interface StreamRecord {
  data: Uint8Array;
  partitionKey: string;
}

/** Bytes a record counts against the PutRecords quotas: data blob + UTF-8 partition key. */
export function recordBytes(record: StreamRecord): number {
  return record.data.byteLength + Buffer.byteLength(record.partitionKey, "utf8");
}

/** Why a record can never be accepted by PutRecords, or undefined when it can. */
export function recordRejection(record: StreamRecord): { errorCode: string; errorMessage: string } | undefined {
  const keyChars = [...record.partitionKey].length;
  if (keyChars < 1 || keyChars > MAX_PARTITION_KEY_CHARS) {
    return {
      errorCode: "InvalidPartitionKey",
      errorMessage: `partition key has ${keyChars} characters; allowed 1..${MAX_PARTITION_KEY_CHARS}`,
    };
  }
  const bytes = recordBytes(record);
  if (bytes > MAX_RECORD_BYTES) {
    return {
      errorCode: "RecordTooLarge",
      errorMessage: `record is ${bytes} bytes (data + partition key); the limit is ${MAX_RECORD_BYTES}`,
    };
  }
  return undefined;
}

/**
 * Splits record indices into PutRecords calls of at most MAX_RECORDS_PER_PUT records and
 * MAX_BYTES_PER_PUT bytes, preserving order. Every index given must refer to an acceptable record
 * (see recordRejection), so each fits in a call on its own.
 */
export function chunkForPutRecords(records: readonly StreamRecord[], indices: readonly number[]): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let currentBytes = 0;
  for (const index of indices) {
    const bytes = recordBytes(records[index]);
    if (current.length === MAX_RECORDS_PER_PUT || currentBytes + bytes > MAX_BYTES_PER_PUT) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(index);
    currentBytes += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
