import type { ImageRevision, RevisionUsage } from './use-images';

/** `sha256:0123456789ab…` → `0123456789ab`: enough to tell revisions apart at a glance. */
export function shortDigest(digest: string): string {
  const hex = digest.includes(':') ? digest.slice(digest.indexOf(':') + 1) : digest;
  return hex.slice(0, 12);
}

export function revisionLabel(revision: { version: string | null; digest: string }): string {
  return revision.version ? `${revision.version} (${shortDigest(revision.digest)})` : shortDigest(revision.digest);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes ago" / "in 2 minutes", in the largest unit that fits. */
export function relativeTime(iso: string, now: Date): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

export function describeInterval(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export interface RevisionBar {
  key: string;
  label: string;
  hosts: number;
  /** Of the largest bar, 0..1. */
  fraction: number;
  current: boolean;
  known: boolean;
}

/**
 * Bars of the hosts-per-revision chart: one per booted digest, labelled with the tracked revision's
 * version where bootfleet has seen it, the current revision first, then by host count.
 */
export function revisionBars(usage: readonly RevisionUsage[], revisions: readonly ImageRevision[]): RevisionBar[] {
  const byDigest = new Map(revisions.map((r) => [r.digest, r]));
  const max = Math.max(1, ...usage.map((u) => u.hosts));
  return usage
    .map((u): RevisionBar => {
      const revision = u.digest ? byDigest.get(u.digest) : undefined;
      return {
        key: u.digest ?? 'unknown',
        label: u.digest ? revisionLabel({ version: revision?.version ?? u.version, digest: u.digest }) : 'unknown digest',
        hosts: u.hosts,
        fraction: u.hosts / max,
        current: revision?.current ?? false,
        known: revision !== undefined,
      };
    })
    .sort((a, b) => Number(b.current) - Number(a.current) || b.hosts - a.hosts || a.label.localeCompare(b.label));
}
