import type { DedupStore } from "./dedup-store";
import type { BatchResult, CleanEvent } from "./process-batch";
import { sourceId } from "./source";

export interface CrossBatchResult {
  /** clean = claims that were "first"; duplicates gain the "duplicate" claims (duplicateOf "store"). */
  result: BatchResult;
  /** Claims that were "error" (or a store that threw): report as batchItemFailures so they are retried. */
  failed: CleanEvent[];
  /**
   * Claims that were "redelivery": the same source record claimed this key before. They are in neither
   * result.clean nor result.duplicates; the processor decides whether they still need emitting.
   */
  redelivered: CleanEvent[];
}

/**
 * Claims the batch's clean keys in the store. Every input clean event lands in exactly one of
 * result.clean, result.duplicates, failed, redelivered; dead letters and in-batch duplicates pass through.
 */
export async function crossBatchDedup(batch: BatchResult, store: DedupStore, nowMs: number): Promise<CrossBatchResult> {
  const result: BatchResult = { clean: [], duplicates: [...batch.duplicates], deadLetters: batch.deadLetters };
  const failed: CleanEvent[] = [];
  const redelivered: CleanEvent[] = [];
  if (batch.clean.length === 0) return { result, failed, redelivered };

  let claims: string[];
  try {
    claims = await store.claim(
      batch.clean.map((clean) => ({ key: clean.dedupKey, sourceId: sourceId(clean.source) })),
      nowMs,
    );
  } catch {
    // The store is unreachable: nothing is known, so every record must be retried.
    return { result, failed: [...batch.clean], redelivered };
  }
  if (!Array.isArray(claims) || claims.length !== batch.clean.length) {
    throw new Error(`DedupStore.claim returned ${Array.isArray(claims) ? claims.length : typeof claims} results for ${batch.clean.length} entries`);
  }
  batch.clean.forEach((clean, i) => {
    switch (claims[i]) {
      case "first":
        result.clean.push(clean);
        break;
      case "duplicate":
        result.duplicates.push({ ...clean, duplicateOf: "store" });
        break;
      case "redelivery":
        redelivered.push(clean);
        break;
      default:
        failed.push(clean);
    }
  });
  return { result, failed, redelivered };
}
