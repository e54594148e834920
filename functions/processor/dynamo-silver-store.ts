import { BatchWriteItemCommand, type BatchWriteItemCommandOutput, type DynamoDBClient, type WriteRequest } from "@aws-sdk/client-dynamodb";
import type { CleanEvent } from "../core";
import { backoffDelayMs, DEFAULT_RETRY_OPTIONS, type RetryOptions } from "../kinesis/put-records";
import { chunkForBatchWrite } from "./batch-write-chunks";
import type { SinkFailure, SinkWriteResult } from "./event-sink";
import { mapWithConcurrency } from "./map-with-concurrency";
import type { SilverStore } from "./silver-store";
import { silverStagingItem, silverStagingItemRejection, silverStagingKeyOf, type SilverStagingItem } from "./silver-staging-item";

export interface DynamoSilverStoreOptions {
  client: Pick<DynamoDBClient, "send">;
  /** Table name or ARN (BatchWriteItem takes either). */
  tableName: string;
  /** Same policy as the clean-stream writer: tries per item, backoff with full jitter. */
  retry?: Partial<RetryOptions>;
  /** BatchWriteItem calls in flight (a 500-record batch is 20 calls). */
  concurrency?: number;
}

export const DEFAULT_SILVER_STORE_CONCURRENCY = 4;

/** Whole-call errors that retrying cannot fix; throttling, 5xx and network errors are retried. */
const PERMANENT_CALL_ERRORS = new Set(["ResourceNotFoundException", "ValidationException", "AccessDeniedException"]);

/**
 * SilverStore on the DynamoDB SILVER staging table (items: silver-staging-item.ts). Writes with
 * BatchWriteItem in calls of ≤ 25 items, retries the UnprocessedItems DynamoDB hands back (and
 * calls that failed retryably) with exponential backoff + full jitter, at most `maxAttempts` tries
 * per item, and reports the items still unwritten by index. Items DynamoDB can never accept (too
 * large, bad key) are reported without being sent, so they cannot fail the other items of a call.
 */
export class DynamoDbSilverStore implements SilverStore {
  private readonly retry: RetryOptions;
  private readonly concurrency: number;

  constructor(private readonly options: DynamoSilverStoreOptions) {
    this.retry = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    this.concurrency = options.concurrency ?? DEFAULT_SILVER_STORE_CONCURRENCY;
    if (!Number.isInteger(this.retry.maxAttempts) || this.retry.maxAttempts < 1) {
      throw new RangeError(`silver store retry.maxAttempts must be a whole number ≥ 1, got ${this.retry.maxAttempts}`);
    }
  }

  async putEvents(events: readonly CleanEvent[]): Promise<SinkWriteResult> {
    const items = events.map(silverStagingItem);
    const failedFinally = new Map<number, SinkFailure>();
    let pending: number[] = [];
    items.forEach((item, index) => {
      const rejection = silverStagingItemRejection(item);
      if (rejection) failedFinally.set(index, { index, ...rejection });
      else pending.push(index);
    });

    for (let attempt = 1; pending.length > 0; attempt++) {
      const chunks = chunkForBatchWrite(pending, (index) => silverStagingKeyOf(items[index]));
      const outcomes = await mapWithConcurrency(chunks, this.concurrency, (chunk) => this.writeChunk(items, chunk));
      const retryable: SinkFailure[] = [];
      for (const outcome of outcomes) {
        for (const failure of outcome.permanent) failedFinally.set(failure.index, failure);
        retryable.push(...outcome.retryable);
      }
      if (retryable.length === 0 || attempt >= this.retry.maxAttempts) {
        for (const failure of retryable) failedFinally.set(failure.index, failure);
        break;
      }
      pending = retryable.map((failure) => failure.index).sort((a, b) => a - b);
      await this.retry.sleep(backoffDelayMs(attempt, this.retry));
    }
    return { failed: [...failedFinally.values()].sort((a, b) => a.index - b.index) };
  }

  /** One BatchWriteItem call; which of its items must be tried again and which failed for good. */
  private async writeChunk(
    items: readonly SilverStagingItem[],
    chunk: readonly number[],
  ): Promise<{ retryable: SinkFailure[]; permanent: SinkFailure[] }> {
    const table = this.options.tableName;
    let output: BatchWriteItemCommandOutput;
    try {
      output = await this.options.client.send(
        new BatchWriteItemCommand({ RequestItems: { [table]: chunk.map((index) => ({ PutRequest: { Item: items[index] } })) } }),
      );
    } catch (error) {
      const errorCode = (error as Error).name ?? "Error";
      const failures = chunk.map((index) => ({ index, errorCode, errorMessage: `staging table ${table}: ${(error as Error).message}` }));
      return PERMANENT_CALL_ERRORS.has(errorCode) ? { retryable: [], permanent: failures } : { retryable: failures, permanent: [] };
    }
    // What DynamoDB did not write (throttled partitions); the call names one table, so every entry is ours
    // whether it comes back under the name or the ARN.
    const unprocessed: WriteRequest[] = Object.values(output.UnprocessedItems ?? {}).flat();
    if (unprocessed.length === 0) return { retryable: [], permanent: [] };
    const unprocessedKeys = new Set(
      unprocessed.flatMap((request) => (request.PutRequest?.Item ? [silverStagingKeyOf(request.PutRequest.Item as SilverStagingItem)] : [])),
    );
    const retryable = chunk
      .filter((index) => unprocessedKeys.has(silverStagingKeyOf(items[index])))
      .map((index) => ({ index, errorCode: "UnprocessedItem", errorMessage: `staging table ${table} did not process the item (throttled)` }));
    return { retryable, permanent: [] };
  }
}

/** The staging store the configuration asks for (SILVER_STAGING_TABLE), or undefined when it is off. */
export function silverStoreFor(
  config: { silverStagingTable?: string },
  client: Pick<DynamoDBClient, "send">,
  retry?: Partial<RetryOptions>,
): DynamoDbSilverStore | undefined {
  return config.silverStagingTable ? new DynamoDbSilverStore({ client, tableName: config.silverStagingTable, retry }) : undefined;
}
