export interface ResolvedRevision {
  architecture: string;
  digest: string;
  indexDigest: string | null;
  version: string | null;
  created: Date | null;
}

/**
 * The resolved revisions that are not already current for their architecture: the ones a poll
 * must record and announce. `current` maps architecture to its current digest.
 */
export function changedRevisions(current: ReadonlyMap<string, string>, resolved: readonly ResolvedRevision[]): ResolvedRevision[] {
  return resolved.filter((r) => current.get(r.architecture) !== r.digest);
}

/** The image config's `created`, or null when absent or not a date (registries serve what was pushed). */
export function parseCreated(created: string | null): Date | null {
  if (!created) return null;
  const date = new Date(created);
  return Number.isNaN(date.getTime()) ? null : date;
}
