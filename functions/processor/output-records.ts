import { createHash } from "node:crypto";
import { sourceId, type CleanEvent, type DeadLetterRecord } from "../core";
import type { StreamRecord } from "../kinesis/chunk-records";
import { MAX_PARTITION_KEY_CHARS } from "../kinesis/limits";

/**
 * Bytes and keys of the processor's output records, shared by every sink so the Kinesis and Kafka
 * variants write identical data. Each record is one JSON object terminated by "\n", so that a
 * delivery stream concatenating records into S3 objects produces NDJSON.
 */

function boundedKey(key: string): string {
  if (key.length > 0 && [...key].length <= MAX_PARTITION_KEY_CHARS) return key;
  return createHash("sha256").update(key).digest("hex");
}

/** Clean events are keyed by user, so one user's events stay in order on one shard/partition. */
export function cleanOutputRecord(clean: CleanEvent): StreamRecord {
  return {
    data: Buffer.from(JSON.stringify(clean.event) + "\n", "utf8"),
    partitionKey: boundedKey(clean.event.user_id || clean.dedupKey),
  };
}

/** Dead letters are keyed by where they came from (spreads load; a replay finds them by source). */
export function deadLetterOutputRecord(deadLetter: DeadLetterRecord): StreamRecord {
  return {
    data: Buffer.from(JSON.stringify(deadLetter) + "\n", "utf8"),
    partitionKey: boundedKey(sourceId(deadLetter.source)),
  };
}
