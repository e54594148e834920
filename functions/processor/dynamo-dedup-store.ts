import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import type { ClaimResult, DedupStore } from "../core";
import { mapWithConcurrency } from "./map-with-concurrency";

/**
 * Cross-batch dedup store on DynamoDB. One item per dedup key:
 *   pk          the dedup key (partition key)
 *   source_id   the record that holds the key ("kinesis:stream/shard/seq")
 *   state       "pending" (claimed, not yet in the clean stream) | "emitted" (in the clean stream)
 *   expires_at  epoch seconds = claim time + window; the table's TTL attribute
 * See docs/processor.md for the claim → write → mark protocol that makes retries safe.
 */
export const DEDUP_PARTITION_KEY = "pk";
export const DEDUP_TTL_ATTRIBUTE = "expires_at";

export type ClaimState = "pending" | "emitted";

export interface DetailedClaim {
  result: ClaimResult;
  /** For "redelivery": the state the key was left in by the earlier delivery. */
  state?: ClaimState;
  error?: string;
}

/** A DedupStore that also tracks whether a claimed key has reached the clean output. */
export interface EmissionTrackingStore extends DedupStore {
  claimDetailed(entries: ReadonlyArray<{ key: string; sourceId: string }>, nowMs: number): Promise<DetailedClaim[]>;
  /**
   * Marks keys emitted where the same source still holds them. Per entry: true when settled (marked,
   * or the key now belongs to another record so there is nothing to mark), false on a store error.
   */
  markEmitted(entries: ReadonlyArray<{ key: string; sourceId: string }>): Promise<boolean[]>;
}

export interface DynamoDedupStoreOptions {
  client: Pick<DynamoDBClient, "send">;
  tableName: string;
  windowMinutes: number;
  /** Concurrent conditional writes (one per key; DynamoDB has no conditional batch write). */
  concurrency?: number;
}

export class DynamoDbDedupStore implements EmissionTrackingStore {
  private readonly concurrency: number;

  constructor(private readonly options: DynamoDedupStoreOptions) {
    if (!Number.isInteger(options.windowMinutes) || options.windowMinutes < 1) {
      throw new RangeError(`dedup windowMinutes must be a whole number ≥ 1, got ${options.windowMinutes}`);
    }
    this.concurrency = options.concurrency ?? 16;
  }

  async claim(entries: Array<{ key: string; sourceId: string }>, nowMs: number): Promise<ClaimResult[]> {
    return (await this.claimDetailed(entries, nowMs)).map((claim) => claim.result);
  }

  claimDetailed(entries: ReadonlyArray<{ key: string; sourceId: string }>, nowMs: number): Promise<DetailedClaim[]> {
    return mapWithConcurrency(entries, this.concurrency, (entry) => this.claimOne(entry.key, entry.sourceId, nowMs));
  }

  markEmitted(entries: ReadonlyArray<{ key: string; sourceId: string }>): Promise<boolean[]> {
    return mapWithConcurrency(entries, this.concurrency, async ({ key, sourceId }) => {
      try {
        await this.options.client.send(
          new UpdateItemCommand({
            TableName: this.options.tableName,
            Key: { [DEDUP_PARTITION_KEY]: { S: key } },
            UpdateExpression: "SET #state = :emitted",
            ConditionExpression: "source_id = :sid",
            ExpressionAttributeNames: { "#state": "state" },
            ExpressionAttributeValues: { ":emitted": { S: "emitted" }, ":sid": { S: sourceId } },
          }),
        );
        return true;
      } catch (error) {
        return error instanceof ConditionalCheckFailedException;
      }
    });
  }

  private async claimOne(key: string, sourceId: string, nowMs: number): Promise<DetailedClaim> {
    const nowSeconds = Math.floor(nowMs / 1000);
    try {
      await this.options.client.send(
        new PutItemCommand({
          TableName: this.options.tableName,
          Item: {
            [DEDUP_PARTITION_KEY]: { S: key },
            source_id: { S: sourceId },
            state: { S: "pending" },
            [DEDUP_TTL_ATTRIBUTE]: { N: String(nowSeconds + this.options.windowMinutes * 60) },
          },
          // Absent, or expired (TTL deletion lags by up to days) and held by ANOTHER record. The same
          // record never overwrites its own claim: it must learn whether it already reached clean.
          ConditionExpression: "attribute_not_exists(#pk) OR (#exp < :now AND source_id <> :sid)",
          ExpressionAttributeNames: { "#pk": DEDUP_PARTITION_KEY, "#exp": DEDUP_TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ":now": { N: String(nowSeconds) }, ":sid": { S: sourceId } },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return { result: "first" };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) {
        return { result: "error", error: `${(error as Error).name}: ${(error as Error).message}` };
      }
      try {
        const holder = error.Item ?? (await this.read(key));
        // The holder vanished between the write and the read (TTL sweep): claim again next delivery.
        if (!holder) return { result: "error", error: "dedup item disappeared after a failed condition" };
        if (holder.source_id?.S !== sourceId) return { result: "duplicate" };
        return { result: "redelivery", state: holder.state?.S === "emitted" ? "emitted" : "pending" };
      } catch (readError) {
        return { result: "error", error: `${(readError as Error).name}: ${(readError as Error).message}` };
      }
    }
  }

  /** Fallback for endpoints that do not return the old item with the condition failure. */
  private async read(key: string): Promise<Record<string, AttributeValue> | undefined> {
    const { Item } = await this.options.client.send(
      new GetItemCommand({ TableName: this.options.tableName, Key: { [DEDUP_PARTITION_KEY]: { S: key } }, ConsistentRead: true }),
    );
    return Item;
  }
}
