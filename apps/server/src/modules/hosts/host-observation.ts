import type { BootcStatus, HostFacts } from '@bootfleet/agent';

/** What one refresh learned about a host, as the host columns that store it. */
export interface ObservedState {
  specImage: string | null;
  architecture: string | null;
  bootId: string | null;
  bootedImage: string | null;
  bootedDigest: string | null;
  bootedVersion: string | null;
  bootedTimestamp: Date | null;
  stagedImage: string | null;
  stagedDigest: string | null;
  stagedVersion: string | null;
  stagedDownloadOnly: boolean;
  rollbackImage: string | null;
  rollbackDigest: string | null;
  rollbackVersion: string | null;
  rollbackQueued: boolean;
  cachedUpdateDigest: string | null;
  cachedUpdateVersion: string | null;
  timerState: string | null;
}

/** The stored state a refresh compares with (a subset of the host row). */
export type PreviousState = Pick<
  ObservedState,
  'bootedDigest' | 'bootedVersion' | 'stagedDigest' | 'stagedDownloadOnly' | 'rollbackDigest' | 'timerState' | 'bootId'
> & { onRollback: boolean; expectedDigest: string | null };

export interface HostEventDraft {
  kind: 'booted' | 'staged' | 'rollback' | 'timer' | 'reachability' | 'host-key' | 'enrolled';
  summary: string;
  fromValue: string | null;
  toValue: string | null;
}

function date(value: string | null): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function observe(status: BootcStatus, facts: HostFacts | null, timerState: string | null): ObservedState {
  const { booted, staged, rollback } = status;
  return {
    specImage: status.specImage,
    architecture: booted?.architecture ?? facts?.architecture ?? null,
    bootId: facts?.bootId ?? null,
    bootedImage: booted?.image ?? null,
    bootedDigest: booted?.digest ?? null,
    bootedVersion: booted?.version ?? null,
    bootedTimestamp: date(booted?.timestamp ?? null),
    stagedImage: staged?.image ?? null,
    stagedDigest: staged?.digest ?? null,
    stagedVersion: staged?.version ?? null,
    stagedDownloadOnly: staged?.downloadOnly ?? false,
    rollbackImage: rollback?.image ?? null,
    rollbackDigest: rollback?.digest ?? null,
    rollbackVersion: rollback?.version ?? null,
    rollbackQueued: status.rollbackQueued,
    cachedUpdateDigest: booted?.cachedUpdate?.digest ?? null,
    cachedUpdateVersion: booted?.cachedUpdate?.version ?? null,
    timerState,
  };
}

const short = (digest: string | null) => (digest ? digest.replace(/^sha256:/, '').slice(0, 12) : 'none');
const label = (digest: string | null, version: string | null) => (version ? `${version} (${short(digest)})` : short(digest));

/**
 * A booted deployment that was the rollback one a moment ago, with the old booted now in the
 * rollback slot, is a rollback (ours or someone else's) rather than an upgrade.
 */
export function isRollbackSwap(before: PreviousState, after: ObservedState): boolean {
  return (
    before.bootedDigest !== null &&
    after.bootedDigest === before.rollbackDigest &&
    after.rollbackDigest === before.bootedDigest &&
    before.bootedDigest !== after.bootedDigest
  );
}

/** History entries for what changed between two refreshes. */
export function changesBetween(before: PreviousState, after: ObservedState): HostEventDraft[] {
  const events: HostEventDraft[] = [];
  if (before.bootedDigest !== after.bootedDigest) {
    const how = isRollbackSwap(before, after) ? 'rolled back to' : 'booted';
    events.push({
      kind: 'booted',
      summary: `${how} ${label(after.bootedDigest, after.bootedVersion)} (was ${label(before.bootedDigest, before.bootedVersion)})`,
      fromValue: before.bootedDigest,
      toValue: after.bootedDigest,
    });
  } else if (before.bootId && after.bootId && before.bootId !== after.bootId) {
    events.push({ kind: 'booted', summary: `rebooted into the same image ${label(after.bootedDigest, after.bootedVersion)}`, fromValue: before.bootedDigest, toValue: after.bootedDigest });
  }
  if (before.stagedDigest !== after.stagedDigest || before.stagedDownloadOnly !== after.stagedDownloadOnly) {
    events.push({
      kind: 'staged',
      summary: after.stagedDigest
        ? `staged ${short(after.stagedDigest)}${after.stagedDownloadOnly ? ' (download only)' : ''}`
        : 'staged deployment cleared',
      fromValue: before.stagedDigest,
      toValue: after.stagedDigest,
    });
  }
  if (before.rollbackDigest !== after.rollbackDigest && before.bootedDigest === after.bootedDigest) {
    events.push({ kind: 'rollback', summary: `rollback slot now ${short(after.rollbackDigest)}`, fromValue: before.rollbackDigest, toValue: after.rollbackDigest });
  }
  if (before.timerState !== after.timerState) {
    events.push({ kind: 'timer', summary: `auto-update timer ${after.timerState ?? 'unknown'}`, fromValue: before.timerState, toValue: after.timerState });
  }
  return events;
}

export const ATTENTION_FLAGS = [
  'host-key-changed',
  'unreachable',
  'timer-not-masked',
  'unexpected-image',
  'running-rollback',
  'staged-awaiting-reboot',
  'quarantined-revision',
] as const;
export type AttentionFlag = (typeof ATTENTION_FLAGS)[number];

export interface AttentionInput {
  presentedFingerprint: string | null;
  status: 'pending' | 'online' | 'unreachable';
  timerState: string | null;
  autoUpdateOptOut: boolean;
  bootedDigest: string | null;
  expectedDigest: string | null;
  onRollback: boolean;
  rollbackQueued: boolean;
  stagedDigest: string | null;
  stagedDownloadOnly: boolean;
  /** The booted digest is a revision marked bad (quarantined). */
  bootedQuarantined: boolean;
}

/**
 * Whether a stored host was flagged as booted on a quarantined revision. Only a refresh and a
 * quarantine change decide that flag; every other recompute keeps it.
 */
export function storedBootedQuarantined(h: { attention: readonly string[] }): boolean {
  return h.attention.includes('quarantined-revision');
}

/** What an operator should look at on this host, most serious first. Pure. */
export function attentionFlags(h: AttentionInput): AttentionFlag[] {
  const flags: AttentionFlag[] = [];
  if (h.presentedFingerprint) flags.push('host-key-changed');
  if (h.status === 'unreachable') flags.push('unreachable');
  if (h.timerState !== null && h.timerState !== 'masked' && !h.autoUpdateOptOut) flags.push('timer-not-masked');
  if (h.bootedDigest && h.expectedDigest && h.bootedDigest !== h.expectedDigest) flags.push('unexpected-image');
  if (h.onRollback || h.rollbackQueued) flags.push('running-rollback');
  if (h.stagedDigest && !h.stagedDownloadOnly) flags.push('staged-awaiting-reboot');
  if (h.bootedQuarantined) flags.push('quarantined-revision');
  return flags;
}
