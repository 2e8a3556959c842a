import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { EventBus } from '../../infra/events/event-bus.service';
import { isUniqueViolation } from '../../infra/prisma/prisma-errors';
import { APPROVABLE_PAUSES, FAILED_PHASES, type RolloutState } from './domain/phases';
import { assignBatches } from './domain/strategy';
import { revisionKey } from './policies/policy-decision';
import { REBOOT_GATES, type RebootGates } from './reboot-gates';
import { RolloutAdvancer } from './rollout-advancer';
import { rolloutDetail, rolloutSummary } from './rollout-view';
import type { PolicyCreateDto, PolicyUpdateDto, RolloutCreate, RolloutDetailDto, RolloutPreviewDto, RolloutSummaryDto } from './rollouts.dto';
import { HostBusyError, type HostSelector, RolloutsRepository, type TargetHost } from './rollouts.repository';
import { type ResolvedTarget, TargetResolver } from './target-resolver';

export type RolloutAction = 'start' | 'pause' | 'resume' | 'approve' | 'cancel' | 'retry-failed';

/** Published when a policy is created, changed or deleted (not when it creates a rollout: that is `rollout.updated`). */
export const POLICY_UPDATED = 'rollout-policy.updated';

/** Which states each operator action may leave from. */
const ALLOWED_FROM: Record<RolloutAction, RolloutState[]> = {
  start: ['scheduled', 'waiting-window'],
  pause: ['running', 'scheduled', 'waiting-window'],
  resume: ['paused'],
  approve: ['paused'],
  cancel: ['scheduled', 'waiting-window', 'running', 'paused'],
  'retry-failed': ['paused', 'failed', 'running'],
};

export function busyError(hostIds: string[]): DomainError {
  return new DomainError('conflict', 'HOST_BUSY', `${hostIds.length} host(s) are already in an active rollout or operation`, { hostIds });
}

/** Rollouts: choose targets, batch them, and let the advancer drive them; operator actions change state. */
@Injectable()
export class RolloutsService {
  constructor(
    private readonly rollouts: RolloutsRepository,
    private readonly targets: TargetResolver,
    private readonly advancer: RolloutAdvancer,
    private readonly events: EventBus,
    @Inject(REBOOT_GATES) private readonly windows: RebootGates,
  ) {}

  private async plannedTargets(input: Pick<RolloutCreate, 'target' | 'selector' | 'strategy'>) {
    const hosts = await this.rollouts.selectHosts(input.selector as HostSelector);
    if (hosts.length === 0) throw new DomainError('unprocessable', 'NO_TARGETS', 'no enrolled host matches the selector', { selector: input.selector });
    if (input.selector.hostIds && hosts.length !== new Set(input.selector.hostIds).size) {
      const found = new Set(hosts.map((h) => h.id));
      throw new DomainError('not_found', 'HOST_NOT_FOUND', 'some chosen hosts do not exist or are not enrolled', { hostIds: input.selector.hostIds.filter((id) => !found.has(id)) });
    }
    const keyChanged = hosts.filter((h) => h.presentedFingerprint);
    if (keyChanged.length) {
      throw new DomainError('conflict', 'HOST_KEY_CHANGED', `${keyChanged.map((h) => h.name).join(', ')} presented another host key: approve it first`, { hostIds: keyChanged.map((h) => h.id) });
    }
    const resolved = await this.targets.resolve(input.target, hosts);
    const batches = assignBatches(hosts.length, input.strategy);
    return { hosts, resolved, batches };
  }

  async preview(input: RolloutCreate, now = new Date()): Promise<RolloutPreviewDto> {
    const { hosts, resolved, batches } = await this.plannedTargets(input);
    const gates = await this.windows.gates(hosts.map((h) => h.id), now);
    const byBatch = new Map<number, RolloutPreviewDto['batches'][number]['hosts']>();
    hosts.forEach((h: TargetHost, i) => {
      const t = resolved.byHost.get(h.id) as ResolvedTarget;
      const gate = gates.get(h.id);
      const list = byBatch.get(batches[i]!) ?? [];
      list.push({ hostId: h.id, name: h.name, targetReference: t.reference, targetDigest: t.digest, alreadyOnTarget: h.bootedDigest === t.digest, windowOpensAt: gate && !gate.allowed ? (gate.nextStart?.toISOString() ?? null) : null });
      byBatch.set(batches[i]!, list);
    });
    const startsAt = await this.startTime(input.schedule, hosts, now);
    return {
      total: hosts.length,
      batches: [...byBatch.entries()].map(([index, list]) => ({ index, canary: index === 0 && input.strategy.canaryCount > 0, hosts: list })),
      startsAt: startsAt.startAt?.toISOString() ?? null,
    };
  }

  private async startTime(schedule: RolloutCreate['schedule'], hosts: TargetHost[], now: Date): Promise<{ state: RolloutState; startAt: Date | null }> {
    if (schedule === 'now') return { state: 'running', startAt: now };
    if (schedule === 'manual') return { state: 'scheduled', startAt: null };
    if (schedule === 'next-window') return { state: 'waiting-window', startAt: (await this.windows.nextOpening(hosts.map((h) => h.id), now)) ?? now };
    return { state: 'scheduled', startAt: new Date(schedule.at) };
  }

  /** `policyId`: the policy that created it (at most one of its rollouts is active at a time). */
  async create(input: RolloutCreate, actor: string, options: { policyId?: string } = {}, now = new Date()): Promise<RolloutDetailDto> {
    const { hosts, resolved, batches } = await this.plannedTargets(input);
    const { state, startAt } = await this.startTime(input.schedule, hosts, now);
    try {
      const rollout = await this.rollouts.create(
        {
          name: input.name,
          kind: 'rollout',
          imageId: resolved.imageId,
          targetReference: resolved.single?.reference ?? null,
          targetDigest: resolved.single?.digest ?? null,
          selector: input.selector,
          strategy: input.strategy,
          healthChecks: input.healthChecks,
          state,
          startAt,
          startAtNextWindow: input.schedule === 'next-window',
          startedAt: state === 'running' ? now : null,
          createdBy: actor,
          policyId: options.policyId ?? null,
        },
        hosts.map((h, i) => {
          const t = resolved.byHost.get(h.id) as ResolvedTarget;
          return { hostId: h.id, batch: batches[i]!, targetReference: t.reference, targetDigest: t.digest };
        }),
      );
      await this.events.publish('rollout.updated', { id: rollout.id, state });
      this.advancer.kick(rollout.id);
      return this.get(rollout.id);
    } catch (error) {
      if (error instanceof HostBusyError) throw busyError(error.hostIds);
      throw error;
    }
  }

  async list(filter: { state?: RolloutState | undefined; limit: number }, kind = 'rollout'): Promise<RolloutSummaryDto[]> {
    const rows = await this.rollouts.list({ kind, state: filter.state, take: filter.limit });
    return Promise.all(rows.map(async (r) => rolloutSummary(r, await this.rollouts.hostsOf(r.id))));
  }

  async get(id: string): Promise<RolloutDetailDto> {
    const rollout = await this.rollouts.find(id);
    if (!rollout) throw new DomainError('not_found', 'ROLLOUT_NOT_FOUND', `no rollout ${id}`, { id });
    const hosts = await this.rollouts.hostsOf(id);
    const names = new Map((await this.rollouts.hostNames(hosts.map((h) => h.hostId))).map((h) => [h.id, h.name]));
    return rolloutDetail(rollout, hosts, names);
  }

  async act(id: string, action: RolloutAction, now = new Date()): Promise<RolloutDetailDto> {
    const rollout = await this.rollouts.find(id);
    if (!rollout) throw new DomainError('not_found', 'ROLLOUT_NOT_FOUND', `no rollout ${id}`, { id });
    const from = ALLOWED_FROM[action];
    const refuse = () => new DomainError('conflict', 'ILLEGAL_ROLLOUT_ACTION', `cannot ${action} a rollout that is ${rollout.state}${rollout.pausedReason ? ` (${rollout.pausedReason})` : ''}`, { state: rollout.state, action });
    if (!from.includes(rollout.state as RolloutState)) throw refuse();
    const hosts = await this.rollouts.hostsOf(id);
    const failures = hosts.filter((h) => FAILED_PHASES.has(h.phase as never)).length;
    const batchOf = () => Math.min(...hosts.filter((h) => h.phase === 'pending').map((h) => h.batch), Number.MAX_SAFE_INTEGER);
    let ok: boolean;
    switch (action) {
      case 'start':
        ok = await this.rollouts.transition(id, from, { state: 'running', startedAt: now, startAt: now });
        break;
      case 'pause':
        ok = await this.rollouts.transition(id, from, { state: 'paused', pausedReason: 'operator' });
        break;
      case 'resume':
        // Resuming acknowledges the failures so far and lets the batch that stopped go ahead.
        ok = await this.rollouts.transition(id, from, { state: 'running', pausedReason: null, failureBaseline: failures, approvedBatch: Math.max(rollout.approvedBatch, batchOf() === Number.MAX_SAFE_INTEGER ? 0 : batchOf()), startedAt: rollout.startedAt ?? now });
        break;
      case 'approve':
        if (!rollout.pausedReason || !APPROVABLE_PAUSES.has(rollout.pausedReason)) throw refuse();
        ok = await this.rollouts.transition(id, from, { state: 'running', pausedReason: null, approvedBatch: batchOf() });
        break;
      case 'cancel':
        ok = await this.rollouts.transition(id, from, { state: 'cancelled', finishedAt: now });
        break;
      case 'retry-failed': {
        const failed = hosts.filter((h) => FAILED_PHASES.has(h.phase as never));
        if (failed.length === 0) throw new DomainError('conflict', 'NOTHING_TO_RETRY', 'no host of this rollout failed');
        try {
          await this.rollouts.retryHosts(failed.map((h) => h.id));
        } catch (error) {
          if (error instanceof HostBusyError) throw busyError(error.hostIds);
          throw error;
        }
        ok = await this.rollouts.transition(id, from, { state: 'running', pausedReason: null, finishedAt: null, failureBaseline: Math.max(0, failures - failed.length) });
        break;
      }
    }
    if (!ok) throw refuse();
    await this.events.publish('rollout.updated', { id, action });
    this.advancer.kick(id);
    return this.get(id);
  }

  // ---- policies ----
  async createPolicy(input: PolicyCreateDto, actor: string) {
    if (!(await this.rollouts.image(input.imageId))) throw new DomainError('not_found', 'UNKNOWN_IMAGE', `image ${input.imageId} does not exist`);
    // A policy acts on revisions that appear after it: the tag's revision now is its starting point.
    const lastDigest = revisionKey(await this.rollouts.currentRevisions(input.imageId));
    const policy = await this.rollouts.createPolicy({ ...input, lastDigest, createdBy: actor }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new DomainError('conflict', 'POLICY_NAME_TAKEN', `a policy named ${input.name} exists`, { name: input.name });
      throw error;
    });
    await this.events.publish(POLICY_UPDATED, { id: policy.id });
    return policy;
  }
  listPolicies() {
    return this.rollouts.listPolicies();
  }
  async updatePolicy(id: string, input: PolicyUpdateDto) {
    if (!(await this.rollouts.findPolicy(id))) throw new DomainError('not_found', 'POLICY_NOT_FOUND', `no policy ${id}`);
    const policy = await this.rollouts.updatePolicy(id, input);
    await this.events.publish(POLICY_UPDATED, { id });
    return policy;
  }
  async deletePolicy(id: string): Promise<void> {
    if (!(await this.rollouts.deletePolicy(id))) throw new DomainError('not_found', 'POLICY_NOT_FOUND', `no policy ${id}`);
    await this.events.publish(POLICY_UPDATED, { id, deleted: true });
  }
}
