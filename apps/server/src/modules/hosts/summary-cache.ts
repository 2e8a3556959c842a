/**
 * Host summaries as JSON, each kept for one version of its row (PostgreSQL's xmin, which every committed change of a
 * row moves): a summary is written once per change of its host, not once per page that shows it. Hosts change every
 * few minutes (a refresh); dashboards read the same pages many times in between.
 */
export class SummaryCache<Json = Buffer> {
  private readonly entries = new Map<string, { version: string; json: Json }>();

  /** `capacity` bounds memory (a summary is under 1 kB); when full, the longest-kept summary makes room. */
  constructor(private readonly capacity = 50_000) {}

  get(id: string, version: string): Json | undefined {
    const entry = this.entries.get(id);
    return entry?.version === version ? entry.json : undefined;
  }

  set(id: string, version: string, json: Json): void {
    this.entries.delete(id);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(id, { version, json });
  }
}
