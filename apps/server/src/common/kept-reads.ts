/**
 * Values read from the database, kept in memory by key until `forget()` (called when what they were read from
 * changes). A value read across a forget() is returned but not kept: it may have seen the rows from before the
 * change. `canKeep` says whether changes can be heard at all (EventBus.listening); while not, nothing is kept or
 * served from memory.
 */
export class KeptReads<V> {
  private generation = 0;
  private readonly values = new Map<string, V>();

  /** `capacity` bounds memory: keys come from clients, so when full it starts over. */
  constructor(
    private readonly capacity: number,
    private readonly canKeep: () => boolean = () => true,
  ) {}

  forget(): void {
    this.generation += 1;
    this.values.clear();
  }

  /** The kept value, or `read()`'s (kept unless it is null or undefined: nothing found is read again). */
  async get<R extends V | null | undefined>(key: string, read: () => Promise<R>): Promise<R | V> {
    const kept = this.canKeep() ? this.values.get(key) : undefined;
    if (kept !== undefined) return kept;
    const generation = this.generation;
    const value = await read();
    if (value !== undefined && value !== null && this.canKeep() && generation === this.generation) {
      if (this.values.size >= this.capacity) this.values.clear();
      this.values.set(key, value as V);
    }
    return value;
  }
}
