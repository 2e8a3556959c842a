import { KeptReads } from '../../common/kept-reads';

/**
 * Totals per filter, valid for one value of a change counter that writers move forward (read before counting) and
 * until the next `invalidate()`. A total counted across an invalidation, or against an older counter value than
 * the newest seen, is returned but not kept: it may have read the rows from before a change.
 */
export class TotalsCache {
  private changes = 0;
  private readonly totals: KeptReads<number>;

  constructor(capacity = 1_000) {
    this.totals = new KeptReads(capacity);
  }

  /** Every total kept so far may be wrong. */
  invalidate(): void {
    this.totals.forget();
  }

  total(filterKey: string, changes: number, count: () => Promise<number>): Promise<number> {
    if (changes > this.changes) {
      this.invalidate();
      this.changes = changes;
    }
    return changes === this.changes ? this.totals.get(filterKey, count) : count();
  }
}
