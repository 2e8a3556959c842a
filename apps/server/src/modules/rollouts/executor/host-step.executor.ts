import { randomUUID } from 'node:crypto';
import { type BootcClient, type BootcStatus, isAgentError } from '@bootfleet/agent';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/config.schema';
import type { Prisma } from '../../../generated/prisma/client';
import { EventBus } from '../../../infra/events/event-bus.service';
import { JobQueue } from '../../../infra/jobs/job-queue.service';
import { HostConnections } from '../../../infra/ssh/host-connections.service';
import { HostsService } from '../../hosts/hosts.service';
import { JobRecordsService } from '../../jobs/job-records.service';
import { type HostPhase, isInFlight, isTerminal } from '../domain/phases';
import { DEFAULT_HEALTH, type HealthChecks, healthChecksSchema } from '../domain/strategy';
import { type RolloutHostWithRollout, RolloutsRepository } from '../rollouts.repository';
import { httpCheck } from './http-check';
import { findApply, findRollback } from './reconcile';
import { StepFailure } from './step-failure';

export const HOST_STEP = 'rollout.host-step';
/**
 * A recorded boot id with the host still on it means a reboot may have been requested by a
 * process that died before the host went down: wait this long for it before ever asking again.
 */
export const REQUESTED_REBOOT_GRACE_MS = 30_000;

type Row = RolloutHostWithRollout;
type Host = NonNullable<Awaited<ReturnType<RolloutsRepository['findHost']>>>;
interface StepResult {
  next: HostPhase;
  data?: Prisma.RolloutHostUncheckedUpdateInput;
  error?: { code: string; message: string };
}
interface StepContext {
  row: Row;
  host: Host;
  health: HealthChecks;
  log: (line: string) => void;
  /** Persists fields while staying in the phase: the "before the SSH step" writes. */
  record: (data: Prisma.RolloutHostUncheckedUpdateInput) => Promise<void>;
  session: <T>(work: (bootc: BootcClient) => Promise<T>) => Promise<T>;
}

/**
 * The per-host step machine shared by rollouts and single-host operations. A row in an in-flight
 * phase is run by whoever wins its lease (a conditional UPDATE on id, attempt and an expired or
 * empty lease), so two processes never run one step twice. Every step starts from the host's real
 * state: after a crash the next holder re-reads bootc status and the boot id and carries on from
 * what actually happened, never requesting a reboot the recorded boot id shows already happened.
 */
@Injectable()
export class HostStepExecutor {
  private readonly logger = new Logger(HostStepExecutor.name);
  readonly owner = randomUUID();
  /** A step holder renews its lease every third of this; a lease this old belongs to a dead process. */
  private readonly leaseMs: number;

  constructor(
    private readonly rollouts: RolloutsRepository,
    private readonly connections: HostConnections,
    private readonly jobs: JobQueue,
    private readonly records: JobRecordsService,
    private readonly events: EventBus,
    private readonly hosts: HostsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.leaseMs = config.stepLeaseMs;
    jobs.register<{ rolloutHostId: string }>({
      name: HOST_STEP,
      // Recovery is by lease, not by the queue: a dead process's job needs no retry of its own.
      retryLimit: 0,
      concurrency: config.ssh.concurrency,
      expireInSeconds: 4 * 3600,
      handler: async ({ rolloutHostId }) => ({ outcome: await this.run(rolloutHostId) }),
    });
  }

  async enqueue(rolloutHostIds: string[]): Promise<void> {
    await this.jobs.enqueueMany(HOST_STEP, rolloutHostIds.map((id) => ({ data: { rolloutHostId: id } })));
  }

  /** Runs the row's steps while it is in flight and this process holds its lease. */
  async run(rolloutHostId: string): Promise<string> {
    const row = await this.rollouts.findRolloutHost(rolloutHostId);
    if (!row || !isInFlight(row.phase)) return 'nothing-to-do';
    const attempt = await this.rollouts.acquire(row, this.owner, new Date(), this.leaseMs);
    if (attempt === null) return 'held-elsewhere';
    let held = true;
    const heartbeat = setInterval(() => {
      void this.rollouts.renewLease(row.id, attempt, new Date(Date.now() + this.leaseMs)).then((ok) => {
        held = ok;
      });
    }, this.leaseMs / 3);
    try {
      return await this.drive({ ...row, attempt }, () => held);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async drive(start: Row, stillHeld: () => boolean): Promise<string> {
    let row = start;
    const jobId = row.jobId ?? (await this.openJob(row));
    row = { ...row, jobId };
    for (;;) {
      if (!stillHeld()) return 'lease-lost';
      const phase = row.phase as HostPhase;
      await this.records.step(jobId, phase, { rolloutId: row.rolloutId, phase });
      // Which process ran which step: recovery and the exactly-once tests read it from the job log.
      this.records.log(jobId, `${phase} run by process ${process.pid} (${this.owner})`, 'info');
      const result = await this.step(row, jobId);
      const now = new Date();
      const terminal = isTerminal(result.next);
      const timings = { ...(row.timings as Record<string, string>), [result.next]: now.toISOString() };
      const data: Prisma.RolloutHostUncheckedUpdateInput = {
        ...result.data,
        phase: result.next,
        timings,
        ...(result.error ? { error: result.error } : {}),
        ...(terminal ? { activeHostId: null, finishedAt: now, leaseOwner: null, leaseUntil: null } : {}),
      };
      if (!(await this.rollouts.advance(row.id, row.attempt, data))) return 'lease-lost';
      row = { ...row, ...(data as Partial<Row>), phase: result.next, timings } as Row;
      await this.events.publish('rollout.host', { id: row.id, rolloutId: row.rolloutId, hostId: row.hostId, phase: result.next });
      if (terminal) {
        await this.finishJob(row, jobId, result);
        await this.events.publish('rollout.updated', { id: row.rolloutId });
        return result.next;
      }
      if (!isInFlight(result.next)) {
        // Staged: the planner decides when it may reboot (window, parallel limit).
        await this.rollouts.release(row.id, row.attempt);
        await this.events.publish('rollout.updated', { id: row.rolloutId });
        return result.next;
      }
    }
  }

  private async step(row: Row, jobId: string): Promise<StepResult> {
    const host = await this.rollouts.findHost(row.hostId);
    if (!host) return { next: 'failed', error: { code: 'HOST_NOT_FOUND', message: 'the host was deleted' } };
    if (host.presentedFingerprint) return { next: 'failed', error: { code: 'HOST_KEY_CHANGED', message: `${host.name} presented another host key; approve it first` } };
    const parsed = healthChecksSchema.safeParse(row.rollout.healthChecks);
    const ctx: StepContext = {
      row,
      host,
      health: parsed.success ? parsed.data : DEFAULT_HEALTH,
      log: (line) => this.records.log(jobId, line, 'info'),
      record: async (data) => {
        if (!(await this.rollouts.advance(row.id, row.attempt, data))) throw new StepFailure('LEASE_LOST', 'another process took over this host');
        Object.assign(row, data);
      },
      session: (work) => this.connections.withHost(host, ({ bootc }) => work(bootc), { onLine: (line, stream) => this.records.log(jobId, line, stream) }),
    };
    try {
      switch (row.phase as HostPhase) {
        case 'prechecking':
          return await this.precheck(ctx);
        case 'staging':
          return await this.stage(ctx);
        case 'applying':
          return await this.apply(ctx);
        case 'rebooting':
          return await this.awaitReboot(ctx);
        case 'verifying':
          return await this.verify(ctx);
        case 'rolling-back':
          return await this.rollBack(ctx);
        default:
          return { next: row.phase as HostPhase };
      }
    } catch (error) {
      if (error instanceof StepFailure && error.code === 'LEASE_LOST') throw error;
      const code = error instanceof StepFailure || isAgentError(error) ? error.code : 'STEP_FAILED';
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof StepFailure) && !isAgentError(error)) this.logger.error(`${host.name}: ${row.phase} failed unexpectedly: ${message}`);
      ctx.log(`${row.phase} failed: ${code}: ${message}`);
      // Verification that cannot finish counts as failed verification: the host goes back.
      const next: HostPhase = row.phase === 'verifying' && row.rollout.action !== 'reboot' ? 'rolling-back' : 'failed';
      return { next, error: { code, message }, ...(next === 'rolling-back' ? { data: { rollbackReason: 'failed-verification' } } : {}) };
    }
  }

  private async precheck({ row, session }: StepContext): Promise<StepResult> {
    const status = await session((bootc) => bootc.status());
    if (!status.isBootcHost) throw new StepFailure('NOT_BOOTC_HOST', 'the host is not booted from a bootc image');
    const booted = status.booted?.digest ?? null;
    const action = row.rollout.action;
    const base = { previousDigest: booted, previousBootId: null, rollbackBootId: null };
    if (action === 'rollback') {
      const target = status.rollback?.digest;
      if (!target) throw new StepFailure('NO_ROLLBACK', 'the host has no rollback deployment');
      return { next: 'staged', data: { ...base, targetDigest: target, targetReference: status.rollback?.image ?? null } };
    }
    if (action === 'apply' || action === 'reboot') {
      const staged = status.staged?.digest ?? null;
      if (action === 'apply' && !staged) throw new StepFailure('NOTHING_STAGED', 'the host has no staged deployment to apply');
      const target = staged && !(status.staged?.downloadOnly && action === 'reboot') ? staged : booted;
      return { next: 'staged', data: { ...base, targetDigest: target, downloadOnly: status.staged?.downloadOnly ?? false } };
    }
    if (booted !== null && booted === row.targetDigest) return { next: action === null ? 'skipped' : 'succeeded', data: base };
    return { next: 'staging', data: base };
  }

  private async stage({ row, session, log }: StepContext): Promise<StepResult> {
    if (!row.targetReference || !row.targetDigest) throw new StepFailure('NO_TARGET', 'no digest-pinned target to stage');
    const ref = row.targetReference;
    const status = await session(async (bootc) => {
      const before = await bootc.status();
      // Already staged by an earlier attempt: switching again would only repeat the pull.
      if (before.staged?.digest === row.targetDigest) return before;
      await bootc.switch(ref);
      return bootc.status();
    });
    if (status.staged?.digest !== row.targetDigest) throw new StepFailure('STAGE_MISMATCH', `staged ${status.staged?.digest ?? 'nothing'}, expected ${row.targetDigest}`);
    log(`staged ${ref}`);
    const stageOnly = row.rollout.action === 'stage';
    return { next: stageOnly ? 'succeeded' : 'staged', data: { downloadOnly: status.staged?.downloadOnly ?? false } };
  }

  private async apply(ctx: StepContext): Promise<StepResult> {
    const { row, session, log, record } = ctx;
    return session(async (bootc) => {
      const [status, bootId] = [await bootc.status(), await bootc.bootId()];
      const finding = findApply(row, { bootId, bootedDigest: status.booted?.digest ?? null });
      if (finding === 'not-applied' && row.previousBootId === bootId && (await this.rebootArrives(bootc, bootId, ctx))) {
        log(`the reboot an earlier attempt requested happened (${bootId} changed): not rebooting again`);
        return { next: 'rebooting' };
      }
      if (finding === 'rebooted') {
        log(`boot id changed since the reboot was requested (${row.previousBootId} -> ${bootId}): not rebooting again`);
        return { next: 'rebooting' };
      }
      if (finding === 'on-target-without-reboot') return { next: 'verifying' };
      const rebootOnly = row.rollout.action === 'reboot';
      if (!rebootOnly && status.staged?.digest !== row.targetDigest) {
        throw new StepFailure('STAGED_CHANGED', `the host has ${status.staged?.digest ?? 'nothing'} staged, not ${row.targetDigest}`);
      }
      // Written before the reboot request: whoever resumes this step tells a done reboot by it.
      await record({ previousBootId: bootId });
      await this.requestReboot(bootc, status, rebootOnly);
      return { next: 'rebooting' };
    });
  }

  /**
   * Whether a reboot requested by an earlier holder (which died before the host went down) still
   * happens: waits for the boot id to change, bounded by the grace and the rollout's reboot timeout.
   */
  private async rebootArrives(bootc: BootcClient, bootId: string, { health, log }: StepContext): Promise<boolean> {
    const waitMs = Math.min(REQUESTED_REBOOT_GRACE_MS, health.rebootTimeoutSeconds * 1000);
    log(`a reboot was recorded as requested from boot ${bootId}; waiting up to ${waitMs} ms for it before requesting one`);
    try {
      await bootc.waitForReboot(bootId, Date.now() + waitMs);
      return true;
    } catch (error) {
      if (isAgentError(error, 'COMMAND_TIMEOUT')) return false;
      throw error;
    }
  }

  private async requestReboot(bootc: BootcClient, status: BootcStatus, rebootOnly: boolean): Promise<void> {
    if (!rebootOnly && status.staged?.downloadOnly) await bootc.upgrade({ fromDownloaded: true, apply: true });
    else await bootc.reboot();
  }

  private async awaitReboot({ row, health, session }: StepContext): Promise<StepResult> {
    if (!row.previousBootId) return { next: 'applying' };
    const enteredAt = Date.parse((row.timings as Record<string, string>).rebooting ?? new Date().toISOString());
    const deadline = enteredAt + health.rebootTimeoutSeconds * 1000;
    try {
      await session((bootc) => bootc.waitForReboot(row.previousBootId!, Math.max(deadline, Date.now() + 1000)));
    } catch (error) {
      if (isAgentError(error, 'COMMAND_TIMEOUT')) throw new StepFailure('HOST_DID_NOT_RETURN', `the host did not come back from its reboot within ${health.rebootTimeoutSeconds} s`);
      throw error;
    }
    return { next: 'verifying' };
  }

  private async verify({ row, host, health, session, log }: StepContext): Promise<StepResult> {
    const deadline = Date.now() + health.deadlineSeconds * 1000;
    const { status, report } = await session(async (bootc) => {
      const seen = await bootc.status();
      if (seen.booted?.digest !== row.targetDigest) return { status: seen, report: null };
      const commands = health.commands.map((argv) => ({ argv }));
      return { status: seen, report: await bootc.health({ commands, deadline }) };
    });
    const requested = row.rollout.action === 'rollback';
    if (!report) throw new StepFailure('WRONG_IMAGE', `booted ${status.booted?.digest ?? 'nothing'} instead of ${row.targetDigest}`);
    if (!report.healthy) {
      const failed = report.checks.filter((c) => !c.ok).map((c) => c.argv.join(' '));
      throw new StepFailure('UNHEALTHY', `system is ${report.systemState}${failed.length ? `; failed checks: ${failed.join(', ')}` : ''}`);
    }
    if (health.http) {
      const http = await httpCheck(health.http.url, health.http.expectStatus, deadline);
      if (!http.ok) throw new StepFailure('HTTP_CHECK_FAILED', `GET ${health.http.url}: expected ${health.http.expectStatus}, got ${http.seen}`);
    }
    log(`${host.name} verified on ${row.targetDigest}${requested ? ' (rolled back as requested)' : ''}`);
    return { next: 'succeeded' };
  }

  private async rollBack(ctx: StepContext): Promise<StepResult> {
    const { row, health, session, log, record } = ctx;
    const requested = row.rollbackReason === 'requested' || row.rollout.action === 'rollback';
    const expectedDigest = requested ? row.targetDigest : row.previousDigest;
    const done: HostPhase = requested ? 'succeeded' : 'rolled-back';
    return session(async (bootc) => {
      let bootId = await bootc.bootId();
      // Rolling back twice would cancel the first: if an earlier holder's request may be under way, let it land.
      if (row.rollbackBootId === bootId && (await this.rebootArrives(bootc, bootId, ctx))) bootId = await bootc.bootId();
      const status = await bootc.status();
      const seen = { bootId, bootedDigest: status.booted?.digest ?? null, rollbackDigest: status.rollback?.digest ?? null, rollbackQueued: status.rollbackQueued };
      const finding = findRollback({ rollbackBootId: row.rollbackBootId, expectedDigest }, seen);
      log(`rollback: ${finding} (booted ${seen.bootedDigest}, expected ${expectedDigest})`);
      if (finding === 'back') return { next: done, ...(requested ? {} : { error: row.error as { code: string; message: string } }) };
      if (finding === 'rebooted-elsewhere') throw new StepFailure('ROLLBACK_FAILED', `after the rollback reboot the host runs ${seen.bootedDigest}, not ${expectedDigest}`);
      if (finding === 'unsafe') throw new StepFailure('NO_SAFE_ROLLBACK', `the rollback deployment is ${seen.rollbackDigest ?? 'missing'}, not ${expectedDigest}`);
      await record({ rollbackBootId: bootId, rollbackReason: requested ? 'requested' : 'failed-verification' });
      if (finding === 'reboot-only') await bootc.reboot();
      else await bootc.rollback({ apply: true });
      await bootc.waitForReboot(bootId, Date.now() + health.rebootTimeoutSeconds * 1000);
      const after = await bootc.status();
      if (after.booted?.digest !== expectedDigest) throw new StepFailure('ROLLBACK_FAILED', `after the rollback the host runs ${after.booted?.digest ?? 'nothing'}, not ${expectedDigest}`);
      return { next: done, ...(requested ? {} : { error: row.error as { code: string; message: string } }) };
    });
  }

  private async openJob(row: Row): Promise<string> {
    const host = await this.rollouts.findHost(row.hostId);
    const action = row.rollout.action;
    const job = await this.records.create({
      type: action ? `host.${action}` : 'rollout.host',
      title: action ? `${action} ${host?.name ?? row.hostId}` : `${row.rollout.name}: ${host?.name ?? row.hostId}`,
      hostId: row.hostId,
      actor: row.rollout.createdBy,
      params: { rolloutId: row.rolloutId, rolloutHostId: row.id, targetDigest: row.targetDigest },
    });
    await this.rollouts.advance(row.id, row.attempt, { jobId: job.id });
    return job.id;
  }

  private async finishJob(row: Row, jobId: string, result: StepResult): Promise<void> {
    const phase = result.next;
    const state = phase === 'succeeded' || phase === 'skipped' ? 'succeeded' : phase === 'cancelled' ? 'cancelled' : 'failed';
    const error = (result.error ?? (row.error as { code: string; message: string } | null)) || undefined;
    await this.records.finish(jobId, state, { result: { phase, targetDigest: row.targetDigest }, ...(state === 'failed' && error ? { error } : {}) });
    // What bootfleet now expects the host to run: the target after success, the previous digest after a rollback.
    const expected = phase === 'succeeded' ? row.targetDigest : phase === 'rolled-back' ? row.previousDigest : null;
    if (expected) await this.rollouts.setExpectedDigest(row.hostId, expected);
    await this.hosts.refresh([row.hostId]).catch((e: Error) => this.logger.warn(`queueing a refresh of ${row.hostId} failed: ${e.message}`));
  }
}
