import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { EventBus } from '../../infra/events/event-bus.service';
import { JobQueue } from '../../infra/jobs/job-queue.service';
import { fromAgentError } from '../../infra/ssh/agent-errors';
import { HostConnections } from '../../infra/ssh/host-connections.service';
import { HostsService } from '../hosts/hosts.service';
import { JobRecordsService } from '../jobs/job-records.service';
import { QuarantineService } from '../quarantine';
import { strategySchema } from './domain/strategy';
import { REBOOT_GATES, type RebootGates } from './reboot-gates';
import { RolloutAdvancer } from './rollout-advancer';
import type { ActionPreviewDto, ActionResultDto, BulkActionDto, BulkResultDto, HostAction, HostTarget } from './rollouts.dto';
import { HostBusyError, RolloutsRepository } from './rollouts.repository';
import { busyError } from './rollouts.service';
import { TargetResolver } from './target-resolver';

export const HOST_CHECK_UPDATE = 'host.check-update';
type Host = NonNullable<Awaited<ReturnType<RolloutsRepository['findHost']>>>;
type OperationAction = Exclude<HostAction, 'check-update' | 'refresh'>;
const REBOOTING: ReadonlySet<OperationAction> = new Set(['upgrade', 'apply', 'rollback', 'reboot']);
// One host at a time, never paused for failures: an operation is the step machine on one host.
const OPERATION_STRATEGY = strategySchema.parse({ canaryCount: 0, batchSize: { count: 1 }, maxParallelReboots: 1, maxFailures: 0, successThreshold: 0 });

/**
 * Single-host actions: each change is an operation (a one-host rollout of kind `operation`) driven
 * by the same step machine as rollouts, so it is durable, resumable and exclusive per host.
 */
@Injectable()
export class HostActionsService {
  constructor(
    private readonly rollouts: RolloutsRepository,
    private readonly targets: TargetResolver,
    private readonly advancer: RolloutAdvancer,
    private readonly hosts: HostsService,
    private readonly records: JobRecordsService,
    private readonly connections: HostConnections,
    private readonly jobs: JobQueue,
    private readonly events: EventBus,
    private readonly quarantine: QuarantineService,
    @Inject(REBOOT_GATES) private readonly windows: RebootGates,
  ) {
    jobs.register<{ hostId: string; jobId: string }>({ name: HOST_CHECK_UPDATE, retryLimit: 0, handler: (data) => this.checkUpdate(data.hostId, data.jobId) });
  }

  /** Refuses an action on a host that cannot take it, before anything is queued. */
  private async usableHost(hostId: string): Promise<Host> {
    const host = await this.rollouts.findHost(hostId);
    if (!host) throw new DomainError('not_found', 'HOST_NOT_FOUND', `no host ${hostId}`, { id: hostId });
    if (host.presentedFingerprint) throw new DomainError('conflict', 'HOST_KEY_CHANGED', `${host.name} presented another host key (${host.presentedFingerprint}): approve it before any action`, { presentedFingerprint: host.presentedFingerprint });
    if (host.status === 'pending') throw new DomainError('conflict', 'HOST_NOT_ENROLLED', `${host.name} is not enrolled yet`);
    if (host.status === 'unreachable') throw new DomainError('unprocessable', 'HOST_UNREACHABLE', `${host.name} is unreachable; refresh it once it answers again`);
    if ((await this.rollouts.busyHosts([host.id])).length) throw busyError([host.id]);
    return host;
  }

  async run(hostId: string, action: HostAction, options: { target?: HostTarget | undefined; when?: 'now' | 'next-window' | undefined; quarantineRevision?: boolean; quarantineReason?: string | undefined }, actor: string): Promise<ActionResultDto> {
    const host = await this.usableHost(hostId);
    if (action === 'refresh') {
      await this.hosts.refresh([host.id]);
      return { hostId, operationId: null, jobId: null };
    }
    if (action === 'check-update') {
      const job = await this.records.create({ type: 'host.check-update', title: `check ${host.name} for an update`, hostId, actor });
      await this.jobs.enqueue(HOST_CHECK_UPDATE, { hostId, jobId: job.id });
      return { hostId, operationId: null, jobId: job.id };
    }
    const started = await this.startOperation(host, action, options, actor);
    if (action === 'rollback' && options.quarantineRevision) await this.quarantineBooted(host, options.quarantineReason ?? `rolled back from by ${actor}`);
    return started;
  }

  /** Marks the revision the host is rolling away from as bad, so no rollout can target it again. */
  private async quarantineBooted(host: Host, reason: string): Promise<void> {
    const revision = host.bootedDigest ? await this.rollouts.revisionByDigest(host.bootedDigest) : null;
    if (!revision) throw new DomainError('unprocessable', 'UNKNOWN_REVISION', `${host.name} runs ${host.bootedDigest ?? 'nothing known'}, which is not a tracked revision: nothing to quarantine`);
    if (!revision.quarantined) await this.quarantine.quarantine(revision.imageId, revision.id, reason);
  }

  private async startOperation(host: Host, action: OperationAction, options: { target?: HostTarget | undefined; when?: 'now' | 'next-window' | undefined }, actor: string): Promise<ActionResultDto> {
    const target = action === 'stage' || action === 'upgrade' ? await this.hostTarget(host, options.target ?? { latest: true }) : null;
    const when = options.when ?? 'now';
    const job = await this.records.create({ type: `host.${action}`, title: `${action} ${host.name}${target ? ` to ${target.digest.slice(0, 19)}` : ''}`, hostId: host.id, actor, params: { action, when, targetDigest: target?.digest ?? null } });
    try {
      const rollout = await this.rollouts.create(
        {
          name: `${action} ${host.name}`,
          kind: 'operation',
          action,
          targetReference: target?.reference ?? null,
          targetDigest: target?.digest ?? null,
          selector: { hostIds: [host.id] },
          strategy: OPERATION_STRATEGY,
          state: 'running',
          startedAt: new Date(),
          ignoreWindows: when === 'now' || !REBOOTING.has(action),
          createdBy: actor,
        },
        [{ hostId: host.id, batch: 0, targetReference: target?.reference ?? null, targetDigest: target?.digest ?? null, jobId: job.id }],
      );
      await this.events.publish('rollout.updated', { id: rollout.id, kind: 'operation' });
      this.advancer.kick(rollout.id);
      return { hostId: host.id, operationId: rollout.id, jobId: job.id };
    } catch (error) {
      await this.records.finish(job.id, 'cancelled', { error: { code: 'HOST_BUSY', message: 'the host is in another rollout or operation' } });
      if (error instanceof HostBusyError) throw busyError([host.id]);
      throw error;
    }
  }

  private async hostTarget(host: Host, target: HostTarget) {
    if ('latest' in target) {
      if (!host.imageId) throw new DomainError('unprocessable', 'NO_TRACKED_IMAGE', `${host.name} does not follow a tracked image: choose a revision`);
      const { byHost } = await this.targets.resolve({ imageId: host.imageId, follow: 'latest' }, [host]);
      return byHost.get(host.id)!;
    }
    return (await this.targets.resolve(target, [host])).single!;
  }

  async bulk(body: BulkActionDto, actor: string): Promise<BulkResultDto> {
    const hostIds = body.hostIds ?? (await this.rollouts.selectHosts({ labels: body.filter?.labels, group: body.filter?.group })).map((h) => h.id);
    if (hostIds.length === 0) throw new DomainError('unprocessable', 'NO_TARGETS', 'no enrolled host matches the filter');
    const result: BulkResultDto = { started: [], refused: [] };
    for (const hostId of hostIds) {
      try {
        result.started.push(await this.run(hostId, body.action, { target: body.target, when: body.when }, actor));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        result.refused.push({ hostId, code: error.code, message: error.message });
      }
    }
    return result;
  }

  /** What the confirmation dialog shows: exactly which image and digest the host will boot. */
  async preview(hostId: string, action: OperationAction, target: HostTarget | undefined, now = new Date()): Promise<ActionPreviewDto> {
    const host = await this.rollouts.findHost(hostId);
    if (!host) throw new DomainError('not_found', 'HOST_NOT_FOUND', `no host ${hostId}`, { id: hostId });
    const current = { image: host.bootedImage, digest: host.bootedDigest, version: host.bootedVersion };
    let willBoot = current;
    let revisionId: string | null = null;
    if (action === 'stage' || action === 'upgrade') {
      const t = await this.hostTarget(host, target ?? { latest: true });
      willBoot = { image: t.reference, digest: t.digest, version: t.version };
      revisionId = t.revisionId;
    } else if (action === 'rollback') {
      if (!host.rollbackDigest) throw new DomainError('conflict', 'NO_ROLLBACK', `${host.name} has no rollback deployment`);
      willBoot = { image: host.rollbackImage, digest: host.rollbackDigest, version: host.rollbackVersion };
    } else if (host.stagedDigest && !host.stagedDownloadOnly) {
      willBoot = { image: host.stagedImage, digest: host.stagedDigest, version: host.stagedVersion };
    } else if (action === 'apply') {
      throw new DomainError('conflict', 'NOTHING_STAGED', `${host.name} has no staged deployment to apply`);
    }
    const revision = willBoot.digest ? await this.rollouts.revisionByDigest(willBoot.digest) : null;
    const gate = (await this.windows.gates([host.id], now)).get(host.id);
    return {
      action,
      hostId: host.id,
      hostName: host.name,
      willBoot,
      current,
      reboots: REBOOTING.has(action),
      nextWindow: gate && !gate.allowed ? (gate.nextStart?.toISOString() ?? null) : null,
      revisionId: revisionId ?? revision?.id ?? null,
      quarantined: revision?.quarantined ?? false,
    };
  }

  private async checkUpdate(hostId: string, jobId: string): Promise<object> {
    const host = await this.rollouts.findHost(hostId);
    if (!host) {
      await this.records.finish(jobId, 'failed', { error: { code: 'HOST_NOT_FOUND', message: 'the host was deleted' } });
      return {};
    }
    await this.records.step(jobId, 'checking');
    try {
      const check = await this.connections.withHost(host, ({ bootc }) => bootc.checkUpgrade(), { onLine: (line, stream) => this.records.log(jobId, line, stream) });
      await this.records.finish(jobId, 'succeeded', { result: { available: check.available, digest: check.digest, version: check.version } });
      await this.hosts.refresh([hostId]);
      return check;
    } catch (error) {
      const mapped = fromAgentError(error, host.name) as { code?: string; message: string };
      await this.records.finish(jobId, 'failed', { error: { code: mapped.code ?? 'CHECK_FAILED', message: mapped.message } });
      return {};
    }
  }
}
