/**
 * Totals per filter, valid for one value of a change counter that writers move forward (read before counting) and
 * until the next `invalidate()`. A total counted across an invalidation, or against an older counter value than
 * the newest seen, is returned but not kept: it may have read the rows from before a change.
 */
export class TotalsCache {
  private generation = 0;
  private changes = 0;
  private readonly totals = new Map<string, number>();

  /** `capacity` bounds memory: filters are whatever clients send, so when full it starts over. */
  constructor(private readonly capacity = 1_000) {}

  /** Every total kept so far may be wrong. */
  invalidate(): void {
    this.generation += 1;
    this.totals.clear();
  }

  async total(filterKey: string, changes: number, count: () => Promise<number>): Promise<number> {
    if (changes > this.changes) {
      this.invalidate();
      this.changes = changes;
    }
    const current = changes === this.changes;
    const kept = current ? this.totals.get(filterKey) : undefined;
    if (kept !== undefined) return kept;
    const generation = this.generation;
    const counted = await count();
    if (current && generation === this.generation) {
      if (this.totals.size >= this.capacity) this.totals.clear();
      this.totals.set(filterKey, counted);
    }
    return counted;
  }
}
