import type { ClaimResult, DedupStore } from "../core";
import type { ClaimState, EmissionTrackingStore } from "./dynamo-dedup-store";

/**
 * Adapter for one invocation: passes claims through to the tracking store as a plain DedupStore
 * (what the core's crossBatchDedup takes) and remembers, per (key, source), the state a redelivered
 * claim was found in — which the core's ClaimResult does not carry — plus store errors for logging.
 */
export class RecordingDedupStore implements DedupStore {
  private readonly states = new Map<string, ClaimState>();
  readonly errors: string[] = [];

  constructor(private readonly store: EmissionTrackingStore) {}

  async claim(entries: Array<{ key: string; sourceId: string }>, nowMs: number): Promise<ClaimResult[]> {
    const claims = await this.store.claimDetailed(entries, nowMs);
    claims.forEach((claim, i) => {
      if (claim.state) this.states.set(RecordingDedupStore.id(entries[i].key, entries[i].sourceId), claim.state);
      if (claim.error) this.errors.push(claim.error);
    });
    return claims.map((claim) => claim.result);
  }

  /** The state found for a redelivered (key, source); undefined when the claim was not a redelivery. */
  redeliveryState(key: string, sourceId: string): ClaimState | undefined {
    return this.states.get(RecordingDedupStore.id(key, sourceId));
  }

  private static id(key: string, sourceId: string): string {
    return `${sourceId}\u0000${key}`;
  }
}
