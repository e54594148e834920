/**
 * "first": the key was free (or its claim had expired) and is now held by this source record.
 * "duplicate": another source record holds the key within the window.
 * "redelivery": the SAME source record already holds the key (a retried record recognised as itself).
 * "error": the store could not answer; the record must be retried, never dropped.
 */
export type ClaimResult = "first" | "duplicate" | "redelivery" | "error";

/** Cross-batch dedup store; the DynamoDB implementation lives in functions/processor. */
export interface DedupStore {
  /** One result per entry, in entry order. Entries are claimed in order, so a key repeated within one call is a duplicate. */
  claim(entries: Array<{ key: string; sourceId: string }>, nowMs: number): Promise<ClaimResult[]>;
}

interface Claim {
  sourceId: string;
  expiresAtMs: number;
}

/**
 * In-process store for tests, the file CLI and single-process replays. A claim lasts windowMinutes
 * from the moment it was made (later duplicates do not extend it); an expired claim counts as absent
 * whether or not it has been swept yet.
 */
export class InMemoryDedupStore implements DedupStore {
  private readonly windowMs: number;
  /** Insertion order = claim order, so expired claims are found at the front. */
  private readonly claims = new Map<string, Claim>();

  constructor(windowMinutes: number) {
    if (typeof windowMinutes !== "number" || !Number.isFinite(windowMinutes) || windowMinutes <= 0) {
      throw new RangeError(`InMemoryDedupStore windowMinutes = ${String(windowMinutes)} is invalid; allowed: a positive number of minutes`);
    }
    this.windowMs = windowMinutes * 60_000;
  }

  /** Number of keys currently stored (expired ones included until swept). */
  get size(): number {
    return this.claims.size;
  }

  async claim(entries: Array<{ key: string; sourceId: string }>, nowMs: number): Promise<ClaimResult[]> {
    this.sweep(nowMs);
    return entries.map(({ key, sourceId }) => {
      const held = this.claims.get(key);
      if (held !== undefined && held.expiresAtMs > nowMs) return held.sourceId === sourceId ? "redelivery" : "duplicate";
      // Re-insert so the map stays ordered by claim time.
      this.claims.delete(key);
      this.claims.set(key, { sourceId, expiresAtMs: nowMs + this.windowMs });
      return "first";
    });
  }

  /** Drops expired claims from the front; stops at the first live one (claims are in time order). */
  private sweep(nowMs: number): void {
    for (const [key, claim] of this.claims) {
      if (claim.expiresAtMs > nowMs) break;
      this.claims.delete(key);
    }
  }
}
