import { FAILED_PHASES, type HostPhase, isTerminal, type PauseReason, REBOOT_PHASES, type RolloutState } from '../domain/phases';
import type { Strategy } from '../domain/strategy';
import { type CanaryHealth, soakDecision } from './soak';

export interface PlanRollout {
  state: RolloutState;
  strategy: Strategy;
  approvedBatch: number;
  failureBaseline: number;
  /** Scheduled or waiting-for-window rollouts start at this time (null: only when an operator starts them). */
  startAt: Date | null;
  pausedReason: string | null;
}

export interface PlanHost {
  id: string;
  batch: number;
  phase: HostPhase;
  finishedAt: Date | null;
  /** Only for succeeded canaries of a rollout with a soak time. */
  health?: CanaryHealth;
}

/** Whether the host may reboot now (from the maintenance windows); absent means unrestricted. */
export type Gate = { allowed: true } | { allowed: false; nextStart: Date | null };

export type PlanAction =
  | { type: 'start'; reason: 'scheduled-time' | 'window-opened' }
  | { type: 'start-host'; hostId: string }
  | { type: 'apply-host'; hostId: string }
  | { type: 'wait-window'; hostId: string; opensAt: Date | null }
  | { type: 'pause'; reason: PauseReason; batch: number }
  | { type: 'finish'; state: 'completed' | 'failed' }
  /** The soak after the canaries is over with healthy canaries: let `batch` go. */
  | { type: 'continue'; batch: number }
  | { type: 'wake-at'; at: Date };

export interface PlanSummary {
  /** The lowest batch that still has unfinished hosts (null when all are done). */
  currentBatch: number | null;
  failures: number;
  rebooting: number;
}

/**
 * What to do next for one rollout, from its rows alone: which hosts to start and which to reboot
 * (within the batch order, canaries first, the parallel-reboot limit and each host's window), when
 * to pause on its own (failures, a batch below its success threshold, approval), when it is done.
 * Pure: the same inputs give the same actions, so it is tested on a fake clock.
 */
export function plan(rollout: PlanRollout, hosts: readonly PlanHost[], gates: ReadonlyMap<string, Gate>, now: Date): { actions: PlanAction[]; summary: PlanSummary } {
  const failures = hosts.filter((h) => FAILED_PHASES.has(h.phase)).length;
  const rebooting = hosts.filter((h) => REBOOT_PHASES.has(h.phase)).length;
  const unfinished = hosts.filter((h) => !isTerminal(h.phase));
  const currentBatch = unfinished.length ? Math.min(...unfinished.map((h) => h.batch)) : null;
  const summary = { currentBatch, failures, rebooting };
  const actions: PlanAction[] = [];

  if (rollout.state === 'scheduled' || rollout.state === 'waiting-window') {
    if (rollout.startAt && rollout.startAt <= now) actions.push({ type: 'start', reason: rollout.state === 'scheduled' ? 'scheduled-time' : 'window-opened' });
    else if (rollout.startAt) actions.push({ type: 'wake-at', at: rollout.startAt });
    return { actions, summary };
  }
  if (rollout.state === 'paused' && rollout.pausedReason === 'soaking' && currentBatch !== null) {
    const canaries = hosts.filter((h) => h.batch === 0 && h.phase === 'succeeded');
    const soak = soakDecision(canaries, rollout.strategy.soakSeconds, now);
    if (soak.type === 'continue') actions.push({ type: 'continue', batch: currentBatch });
    else if (soak.type === 'unhealthy') actions.push({ type: 'pause', reason: 'canary-unhealthy', batch: currentBatch });
    else if (soak.until) actions.push({ type: 'wake-at', at: soak.until });
    return { actions, summary };
  }
  if (rollout.state !== 'running') return { actions, summary };

  if (currentBatch === null) {
    actions.push({ type: 'finish', state: failures > 0 ? 'failed' : 'completed' });
    return { actions, summary };
  }
  const { strategy } = rollout;
  if (strategy.maxFailures > 0 && failures - rollout.failureBaseline >= strategy.maxFailures) {
    actions.push({ type: 'pause', reason: 'failure-threshold', batch: currentBatch });
    return { actions, summary };
  }

  // Entering a new batch: everything before it is finished. Check the previous batch, the approval
  // and the pause between batches, unless an operator already let this batch go.
  const started = (batch: number) => hosts.some((h) => h.batch === batch && h.phase !== 'pending');
  if (currentBatch > 0 && !started(currentBatch) && rollout.approvedBatch < currentBatch) {
    const previous = hosts.filter((h) => h.batch === currentBatch - 1 && h.phase !== 'skipped' && h.phase !== 'cancelled');
    const succeeded = previous.filter((h) => h.phase === 'succeeded').length;
    if (previous.length > 0 && succeeded / previous.length < strategy.successThreshold) {
      actions.push({ type: 'pause', reason: 'batch-below-threshold', batch: currentBatch });
      return { actions, summary };
    }
    if (currentBatch === 1 && strategy.canaryCount > 0 && strategy.soakSeconds > 0) {
      actions.push({ type: 'pause', reason: 'soaking', batch: currentBatch });
      return { actions, summary };
    }
    if (strategy.requireApproval) {
      actions.push({ type: 'pause', reason: 'awaiting-approval', batch: currentBatch });
      return { actions, summary };
    }
    const lastFinished = Math.max(0, ...hosts.filter((h) => h.batch < currentBatch && h.finishedAt).map((h) => h.finishedAt!.getTime()));
    const opensAt = lastFinished + strategy.pauseBetweenBatchesSeconds * 1000;
    if (opensAt > now.getTime()) {
      actions.push({ type: 'wake-at', at: new Date(opensAt) });
      return { actions, summary };
    }
  }

  const batchHosts = unfinished.filter((h) => h.batch === currentBatch);
  for (const h of batchHosts) if (h.phase === 'pending') actions.push({ type: 'start-host', hostId: h.id });

  let capacity = strategy.maxParallelReboots - rebooting;
  let nextWake: Date | null = null;
  for (const h of batchHosts) {
    if (h.phase !== 'staged' && h.phase !== 'waiting-window') continue;
    const gate = gates.get(h.id) ?? { allowed: true };
    if (!gate.allowed) {
      if (h.phase === 'staged') actions.push({ type: 'wait-window', hostId: h.id, opensAt: gate.nextStart });
      if (gate.nextStart && (!nextWake || gate.nextStart < nextWake)) nextWake = gate.nextStart;
      continue;
    }
    if (capacity <= 0) continue;
    capacity--;
    actions.push({ type: 'apply-host', hostId: h.id });
  }
  if (nextWake) actions.push({ type: 'wake-at', at: nextWake });
  return { actions, summary };
}
