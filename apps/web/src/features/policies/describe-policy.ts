import { formatLabels } from '../fleet/describe-host';
import { describeSeconds } from '../rollouts/describe-rollout';
import { successPercentOf } from '../rollouts/plan-values';
import type { Policy } from './use-policies';

/** `env=prod site=berlin`, `group edge`, `3 hosts`: which hosts the policy's rollouts target. */
export function describeSelector(selector: Policy['selector']): string {
  const parts: string[] = [];
  if (typeof selector.labels === 'object' && selector.labels !== null) parts.push(formatLabels(selector.labels as Record<string, string>));
  if (typeof selector.group === 'string') parts.push(`group ${selector.group}`);
  if (Array.isArray(selector.hostIds)) parts.push(`${selector.hostIds.length} host${selector.hostIds.length === 1 ? '' : 's'}`);
  return parts.join(' · ') || 'no hosts';
}

/** When the rollout a new revision creates starts (`manual`: an operator starts it). */
export function describeStart(autoStart: boolean): string {
  return autoStart ? 'at once' : 'manual';
}

/** The batch plan in short table cells: canaries, batch size, failed hosts that pause it, soak. */
export function planCells(strategy: Policy['strategy']): { canary: string; batch: string; pauseAt: string; soak: string } {
  const { canaryCount, batchSize, maxFailures, soakSeconds } = strategy;
  return {
    canary: String(canaryCount),
    batch: 'count' in batchSize ? String(batchSize.count) : `${batchSize.percent}%`,
    pauseAt: maxFailures === 0 ? 'never' : `${maxFailures} failed`,
    soak: soakSeconds > 0 ? describeSeconds(soakSeconds) : '—',
  };
}

/** `1 canary · batches of 10% · pause at 1 failure · soak 10 m 0 s`: the whole batch plan in one line. */
export function describePlan(strategy: Policy['strategy']): string {
  const { canaryCount, batchSize, successThreshold, maxFailures, soakSeconds, requireApproval } = strategy;
  const parts = [
    canaryCount === 0 ? 'no canary' : `${canaryCount} canar${canaryCount === 1 ? 'y' : 'ies'}`,
    'count' in batchSize ? `batches of ${batchSize.count}` : `batches of ${batchSize.percent}%`,
    maxFailures === 0 ? 'no failure pause' : `pause at ${maxFailures} failure${maxFailures === 1 ? '' : 's'}`,
  ];
  if (successThreshold < 1) parts.push(`${successPercentOf(successThreshold)}% must succeed`);
  if (soakSeconds > 0) parts.push(`soak ${describeSeconds(soakSeconds)}`);
  if (requireApproval) parts.push('approval per batch');
  return parts.join(' · ');
}

