/**
 * Writes items to one DynamoDB table with BatchWriteItem: at most 25 per request, no key twice in a
 * request, a few requests in flight, and the items DynamoDB hands back as UnprocessedItems (throttling,
 * partition limits) retried with exponential backoff and full jitter until a retry budget runs out.
 * Puts replace whole items, so writing the same rows again (a re-run) leaves the same table.
 */
import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from "@aws-sdk/client-dynamodb";
import { itemKey, type PlayerDailyItem } from "./player-daily-item";

export const MAX_BATCH_ITEMS = 25;

/** DynamoDB kept handing items back; the state machine retries this error by name. */
export class UnprocessedItemsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnprocessedItemsError";
  }
}

export interface BatchWriterOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Attempts per batch (the first one included) before the run fails. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected in tests; Math.random by default. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_BATCH_WRITER_OPTIONS: BatchWriterOptions = { concurrency: 8, maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 5_000 };

/** Delay before retry `attempt` (1 = first retry): full jitter over min(max, base · 2^(attempt-1)). */
export function backoffDelayMs(attempt: number, options: Pick<BatchWriterOptions, "baseDelayMs" | "maxDelayMs">, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export class BatchWriter {
  private batch: PlayerDailyItem[] = [];
  private batchKeys = new Set<string>();
  private inFlight = new Set<Promise<void>>();
  private failure: Error | undefined;
  private readonly options: Required<BatchWriterOptions>;
  /** Items DynamoDB accepted, requests sent (retries included), and retries of unprocessed items. */
  public readonly stats = { written: 0, requests: 0, retries: 0 };

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    options: Partial<BatchWriterOptions> = {},
  ) {
    const merged = { ...DEFAULT_BATCH_WRITER_OPTIONS, ...options };
    this.options = { random: Math.random, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), ...merged } as Required<BatchWriterOptions>;
    if (this.options.concurrency < 1 || this.options.maxAttempts < 1) throw new RangeError(`concurrency ${this.options.concurrency} and maxAttempts ${this.options.maxAttempts} must be ≥ 1`);
  }

  /** Queues an item; resolves once it is in a batch (waits when too many requests are in flight). */
  async add(item: PlayerDailyItem): Promise<void> {
    if (this.failure) throw this.failure;
    const key = itemKey(item);
    // A repeated key in one request makes DynamoDB reject the whole request: send what we have first.
    if (this.batchKeys.has(key)) await this.flushBatch();
    this.batch.push(item);
    this.batchKeys.add(key);
    if (this.batch.length === MAX_BATCH_ITEMS) await this.flushBatch();
  }

  /** Sends what is queued and waits for every request; throws the first failure. */
  async close(): Promise<void> {
    await this.flushBatch();
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }

  private async flushBatch(): Promise<void> {
    if (this.batch.length === 0) return;
    const requests: WriteRequest[] = this.batch.map((Item) => ({ PutRequest: { Item } }));
    this.batch = [];
    this.batchKeys = new Set();
    while (this.inFlight.size >= this.options.concurrency) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    const sending: Promise<void> = this.send(requests)
      .catch((error: Error) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  private async send(requests: WriteRequest[]): Promise<void> {
    let pending = requests;
    for (let attempt = 1; ; attempt++) {
      this.stats.requests++;
      const result = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }));
      const unprocessed = result.UnprocessedItems?.[this.tableName] ?? [];
      this.stats.written += pending.length - unprocessed.length;
      if (unprocessed.length === 0) return;
      if (attempt >= this.options.maxAttempts) {
        throw new UnprocessedItemsError(`${unprocessed.length} item(s) still unprocessed by ${this.tableName} after ${attempt} attempts (throttled); re-run the export`);
      }
      this.stats.retries++;
      await this.options.sleep(backoffDelayMs(attempt, this.options, this.options.random));
      pending = unprocessed;
    }
  }
}
