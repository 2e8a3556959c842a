import { enumValues } from '../../api';
import type { StatusTone } from '../../components/status-badge';
import type { RolloutHost, RolloutSummary } from './use-rollouts';

export type RolloutState = RolloutSummary['state'];
export type HostPhase = RolloutHost['phase'];

export const STATE_TONE: Record<RolloutState, StatusTone> = {
  scheduled: 'neutral',
  'waiting-window': 'neutral',
  running: 'info',
  paused: 'warning',
  completed: 'ok',
  failed: 'danger',
  cancelled: 'neutral',
};

export const PHASE_TONE: Record<HostPhase, StatusTone> = {
  pending: 'neutral',
  prechecking: 'info',
  staging: 'info',
  staged: 'info',
  'waiting-window': 'neutral',
  applying: 'info',
  rebooting: 'info',
  verifying: 'info',
  succeeded: 'ok',
  'rolling-back': 'warning',
  'rolled-back': 'warning',
  failed: 'danger',
  skipped: 'neutral',
  cancelled: 'neutral',
};

/** Phases in the order a host moves through them, so that counts read left to right as progress. */
export const PHASE_ORDER = enumValues<HostPhase>()([
  'pending',
  'prechecking',
  'staging',
  'staged',
  'waiting-window',
  'applying',
  'rebooting',
  'verifying',
  'rolling-back',
  'succeeded',
  'rolled-back',
  'failed',
  'skipped',
  'cancelled',
]);

const DONE: ReadonlySet<HostPhase> = new Set<HostPhase>(['succeeded', 'rolled-back', 'failed', 'skipped', 'cancelled']);
const BAD: ReadonlySet<HostPhase> = new Set<HostPhase>(['rolled-back', 'failed']);

export interface Progress {
  total: number;
  succeeded: number;
  failed: number;
  /** Finished in any way (succeeded, rolled back, failed, skipped, cancelled). */
  done: number;
}

/** How far a rollout (or one of its batches) is, from its hosts-per-phase counts. */
export function progressOf(counts: Record<string, number>, total: number): Progress {
  const sum = (phases: ReadonlySet<HostPhase>) => [...phases].reduce((n, p) => n + (counts[p] ?? 0), 0);
  const done = sum(DONE);
  const failed = sum(BAD);
  return { total, succeeded: counts.succeeded ?? 0, failed, done };
}

/** Non-zero phase counts in progress order: `[['succeeded', 3], ['rebooting', 1]]`. */
export function phaseCounts(counts: Record<string, number>): [HostPhase, number][] {
  return PHASE_ORDER.filter((p) => (counts[p] ?? 0) > 0).map((p) => [p, counts[p] as number]);
}

export type RolloutCommandName = 'start' | 'pause' | 'resume' | 'approve-next-batch' | 'cancel' | 'retry-failed';

/** The operator commands a state allows (mirrors the server's rules, which still decide). */
export function commandsFor(rollout: Pick<RolloutSummary, 'state' | 'pausedReason' | 'counts'>): Set<RolloutCommandName> {
  const { state } = rollout;
  const commands = new Set<RolloutCommandName>();
  const waiting = state === 'scheduled' || state === 'waiting-window';
  if (waiting) commands.add('start');
  if (waiting || state === 'running') commands.add('pause');
  if (state === 'paused') commands.add(rollout.pausedReason === 'awaiting-approval' ? 'approve-next-batch' : 'resume');
  if (waiting || state === 'running' || state === 'paused') commands.add('cancel');
  const failures = (rollout.counts.failed ?? 0) + (rollout.counts['rolled-back'] ?? 0);
  if (failures > 0 && (state === 'paused' || state === 'failed' || state === 'running')) commands.add('retry-failed');
  return commands;
}

/** `3 m 20 s` for 200 seconds. */
export function describeSeconds(s: number): string {
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} m`;
}

/** `3 m 20 s` between two instants (or until now while a phase lasts). */
export function describeDuration(fromIso: string, toIso: string | null, now: Date): string {
  const ms = Math.max(0, (toIso ? new Date(toIso).getTime() : now.getTime()) - new Date(fromIso).getTime());
  return describeSeconds(Math.round(ms / 1000));
}

/** Each phase a host went through with how long it stayed there, in the order entered. */
export function phaseTimeline(timings: Record<string, string>, finishedAt: string | null, now: Date): { phase: string; at: string; lasted: string }[] {
  const entries = Object.entries(timings).sort(([, a], [, b]) => a.localeCompare(b));
  return entries.map(([phase, at], i) => ({ phase, at, lasted: describeDuration(at, entries[i + 1]?.[1] ?? finishedAt, now) }));
}
