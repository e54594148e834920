/**
 * Container-lifetime memory of records that reached the clean output but whose `emitted` mark could
 * not be written (dedup store unavailable). While the container lives, a redelivery of such a record
 * is recognised as emitted even though the store still says `pending`, and the marks are retried at
 * the start of each invocation. Bounded: beyond `capacity` the oldest entries are forgotten (those
 * records fall back to the store's `pending` state — the documented duplicate window).
 */
export class UnmarkedEmissions {
  private readonly entries = new Map<string, { key: string; sourceId: string }>();

  constructor(private readonly capacity = 100_000) {}

  get size(): number {
    return this.entries.size;
  }

  add(items: ReadonlyArray<{ key: string; sourceId: string }>): void {
    for (const item of items) {
      const id = UnmarkedEmissions.id(item.key, item.sourceId);
      this.entries.delete(id);
      this.entries.set(id, { key: item.key, sourceId: item.sourceId });
      if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  has(key: string, sourceId: string): boolean {
    return this.entries.has(UnmarkedEmissions.id(key, sourceId));
  }

  list(): Array<{ key: string; sourceId: string }> {
    return [...this.entries.values()];
  }

  remove(items: ReadonlyArray<{ key: string; sourceId: string }>): void {
    for (const item of items) this.entries.delete(UnmarkedEmissions.id(item.key, item.sourceId));
  }

  private static id(key: string, sourceId: string): string {
    return `${sourceId}\u0000${key}`;
  }
}
