import { PutRecordsCommand, type PutRecordsCommandOutput } from "@aws-sdk/client-kinesis";
import { chunkForPutRecords, recordRejection, type StreamRecord } from "./chunk-records";

/** The one method of KinesisClient the writer needs, so tests can inject a client that fails entries. */
export interface PutRecordsClient {
  send(command: PutRecordsCommand): Promise<PutRecordsCommandOutput>;
}

export interface RetryOptions {
  /** Total tries per record, first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** [0,1) source for jitter; injectable for deterministic tests. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface FailedRecord {
  /** Index into the records given to putRecordsReliably. */
  index: number;
  errorCode: string;
  errorMessage: string;
}

export interface PutRecordsOutcome {
  /** Records not accepted after all attempts, or rejected locally (too large, bad key); sorted by index. */
  failed: FailedRecord[];
  /** PutRecords calls made. */
  calls: number;
}

/** Whole-call errors that retrying cannot fix; everything else (throttling, 5xx, network) is retried. */
const PERMANENT_CALL_ERRORS = new Set([
  "ResourceNotFoundException",
  "InvalidArgumentException",
  "ValidationException",
  "AccessDeniedException",
]);

/** "Full jitter" exponential backoff: uniform in [0, min(max, base·2^(retry-1))). */
export function backoffDelayMs(retry: number, options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "random">): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(options.random() * ceiling);
}

function streamTarget(stream: string): { StreamName?: string; StreamARN?: string } {
  return stream.startsWith("arn:") ? { StreamARN: stream } : { StreamName: stream };
}

/**
 * Writes records with PutRecords in calls of ≤ 500 records and ≤ 5 MiB, retrying only the entries
 * that failed (per-entry ErrorCode or a failed call) with exponential backoff and jitter, up to
 * `maxAttempts` tries per record. Never throws for write failures: the caller learns which inputs
 * finally failed and decides (e.g. report them as batch item failures).
 */
export async function putRecordsReliably(
  client: PutRecordsClient,
  stream: string,
  records: readonly StreamRecord[],
  retry: Partial<RetryOptions> = {},
): Promise<PutRecordsOutcome> {
  const options = { ...DEFAULT_RETRY_OPTIONS, ...retry };
  const failedFinally = new Map<number, FailedRecord>();
  let pending: number[] = [];
  records.forEach((record, index) => {
    const rejection = recordRejection(record);
    if (rejection) failedFinally.set(index, { index, ...rejection });
    else pending.push(index);
  });

  let calls = 0;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const retryable: FailedRecord[] = [];
    for (const chunk of chunkForPutRecords(records, pending)) {
      calls++;
      try {
        const output = await client.send(
          new PutRecordsCommand({
            ...streamTarget(stream),
            Records: chunk.map((index) => ({ Data: records[index].data, PartitionKey: records[index].partitionKey })),
          }),
        );
        const entries = output.Records ?? [];
        chunk.forEach((index, position) => {
          const entry = entries[position];
          if (entry && entry.SequenceNumber && !entry.ErrorCode) return;
          retryable.push({
            index,
            errorCode: entry?.ErrorCode ?? "MissingResultEntry",
            errorMessage: entry?.ErrorMessage ?? "PutRecords returned no result for this entry",
          });
        });
      } catch (error) {
        const name = (error as Error).name ?? "Error";
        const failure = (index: number) => ({ index, errorCode: name, errorMessage: (error as Error).message });
        if (PERMANENT_CALL_ERRORS.has(name)) chunk.forEach((index) => failedFinally.set(index, failure(index)));
        else chunk.forEach((index) => retryable.push(failure(index)));
      }
    }
    if (retryable.length === 0 || attempt >= options.maxAttempts) {
      for (const failure of retryable) failedFinally.set(failure.index, failure);
      break;
    }
    pending = retryable.map((failure) => failure.index).sort((a, b) => a - b);
    await options.sleep(backoffDelayMs(attempt, options));
  }
  return { failed: [...failedFinally.values()].sort((a, b) => a.index - b.index), calls };
}
