import type { HostPhase } from './domain/phases';
import { DEFAULT_HEALTH, DEFAULT_STRATEGY, healthChecksSchema, strategySchema } from './domain/strategy';
import type { RolloutDetailDto, RolloutSummaryDto } from './rollouts.dto';
import type { RolloutHostRow, RolloutRow } from './rollouts.repository';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function countPhases(hosts: Pick<RolloutHostRow, 'phase'>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const h of hosts) counts[h.phase] = (counts[h.phase] ?? 0) + 1;
  return counts;
}

export function rolloutSummary(r: RolloutRow, hosts: Pick<RolloutHostRow, 'phase'>[]): RolloutSummaryDto {
  const strategy = strategySchema.safeParse(r.strategy);
  const health = healthChecksSchema.safeParse(r.healthChecks);
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as 'rollout' | 'operation',
    action: r.action,
    state: r.state as RolloutSummaryDto['state'],
    pausedReason: r.pausedReason,
    imageId: r.imageId,
    targetReference: r.targetReference,
    targetDigest: r.targetDigest,
    selector: r.selector as Record<string, unknown>,
    strategy: strategy.success ? strategy.data : DEFAULT_STRATEGY,
    healthChecks: health.success ? health.data : DEFAULT_HEALTH,
    approvedBatch: r.approvedBatch,
    startAt: iso(r.startAt),
    policyId: r.policyId,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    counts: countPhases(hosts),
    total: hosts.length,
  };
}

export function rolloutDetail(r: RolloutRow, hosts: RolloutHostRow[], names: Map<string, string>): RolloutDetailDto {
  const batchIndexes = [...new Set(hosts.map((h) => h.batch))].sort((a, b) => a - b);
  const unfinished = hosts.filter((h) => !['succeeded', 'rolled-back', 'failed', 'skipped', 'cancelled'].includes(h.phase));
  return {
    ...rolloutSummary(r, hosts),
    currentBatch: unfinished.length ? Math.min(...unfinished.map((h) => h.batch)) : null,
    batches: batchIndexes.map((index) => {
      const inBatch = hosts.filter((h) => h.batch === index);
      return { index, total: inBatch.length, counts: countPhases(inBatch) };
    }),
    hosts: hosts.map((h) => ({
      id: h.id,
      hostId: h.hostId,
      hostName: names.get(h.hostId) ?? h.hostId,
      batch: h.batch,
      phase: h.phase as HostPhase,
      targetDigest: h.targetDigest,
      previousDigest: h.previousDigest,
      windowOpensAt: iso(h.windowOpensAt),
      timings: h.timings as Record<string, string>,
      error: (h.error as { code: string; message: string } | null) ?? null,
      jobId: h.jobId,
      startedAt: iso(h.startedAt),
      finishedAt: iso(h.finishedAt),
    })),
  };
}
