import { Injectable } from '@nestjs/common';
import { Prisma, type Host, type Rollout, type RolloutHost } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { HostPhase } from './domain/phases';

export type RolloutRow = Rollout;
export type RolloutHostRow = RolloutHost;
export type RolloutHostWithRollout = RolloutHost & { rollout: Rollout };
export type TargetHost = Pick<Host, 'id' | 'name' | 'status' | 'presentedFingerprint' | 'labels' | 'group' | 'architecture' | 'bootedDigest' | 'imageId' | 'specImage'>;

const TARGET_FIELDS = { id: true, name: true, status: true, presentedFingerprint: true, labels: true, group: true, architecture: true, bootedDigest: true, imageId: true, specImage: true } as const;

export interface HostSelector {
  hostIds?: string[] | undefined;
  labels?: Record<string, string> | undefined;
  group?: string | undefined;
}

export interface NewRolloutHost {
  hostId: string;
  batch: number;
  targetReference: string | null;
  targetDigest: string | null;
  jobId?: string;
}

/** Thrown when the one-active-rollout-per-host index refuses a host. */
export class HostBusyError extends Error {
  constructor(readonly hostIds: string[]) {
    super('host already in an active rollout or operation');
  }
}

/** A policy with the newest rollout it created. */
const WITH_LAST_ROLLOUT = {
  rollouts: { orderBy: { createdAt: 'desc' }, take: 1, select: { id: true, name: true, state: true, pausedReason: true, createdAt: true } },
} as const satisfies Prisma.RolloutPolicyInclude;

/** Rollouts, their hosts and policies; the host claims that make each step run exactly once. */
@Injectable()
export class RolloutsRepository {
  constructor(private readonly prisma: PrismaService) {}

  selectHosts(selector: HostSelector): Promise<TargetHost[]> {
    const and: Prisma.HostWhereInput[] = [{ status: { not: 'pending' } }];
    if (selector.hostIds) and.push({ id: { in: selector.hostIds } });
    if (selector.group) and.push({ group: selector.group });
    for (const [key, value] of Object.entries(selector.labels ?? {})) and.push({ labels: { path: [key], equals: value } });
    return this.prisma.host.findMany({ where: { AND: and }, select: TARGET_FIELDS, orderBy: { name: 'asc' } });
  }

  findHost(id: string) {
    return this.prisma.host.findUnique({ where: { id } });
  }

  /** The host ids among `hostIds` that are in an active rollout or operation now. */
  async busyHosts(hostIds: string[]): Promise<string[]> {
    const rows = await this.prisma.rolloutHost.findMany({ where: { activeHostId: { in: hostIds } }, select: { hostId: true } });
    return rows.map((r) => r.hostId);
  }

  async create(data: Prisma.RolloutUncheckedCreateInput, hosts: NewRolloutHost[]): Promise<RolloutRow> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const rollout = await tx.rollout.create({ data });
        await tx.rolloutHost.createMany({ data: hosts.map((h) => ({ ...h, rolloutId: rollout.id, activeHostId: h.hostId })) });
        return rollout;
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new HostBusyError(await this.busyHosts(hosts.map((h) => h.hostId)));
      throw error;
    }
  }

  find(id: string): Promise<RolloutRow | null> {
    return this.prisma.rollout.findUnique({ where: { id } });
  }

  list(filter: { kind: string; state?: string | undefined; take: number }): Promise<RolloutRow[]> {
    return this.prisma.rollout.findMany({ where: { kind: filter.kind, ...(filter.state ? { state: filter.state } : {}) }, orderBy: { createdAt: 'desc' }, take: filter.take });
  }

  hostsOf(rolloutId: string): Promise<RolloutHostRow[]> {
    return this.prisma.rolloutHost.findMany({ where: { rolloutId }, orderBy: [{ batch: 'asc' }, { id: 'asc' }] });
  }

  hostNames(ids: string[]): Promise<{ id: string; name: string }[]> {
    return this.prisma.host.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  }

  findRolloutHost(id: string): Promise<RolloutHostWithRollout | null> {
    return this.prisma.rolloutHost.findUnique({ where: { id }, include: { rollout: true } });
  }

  /** Changes the rollout's state only if it is still in one of `from` (two processes may race). */
  async transition(id: string, from: string[], data: Prisma.RolloutUncheckedUpdateInput): Promise<boolean> {
    const { count } = await this.prisma.rollout.updateMany({ where: { id, state: { in: from } }, data });
    return count === 1;
  }

  /**
   * Runs `work` holding this rollout's advisory lock (released at commit), so that one process at a
   * time plans a rollout: the parallel-reboot limit holds across processes.
   */
  withRolloutLock<T>(rolloutId: string, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T | null> {
    return this.withLock(`rollout:${rolloutId}`, work);
  }

  /** Runs `work` while no other process evaluates this policy (null when one does). */
  withPolicyLock<T>(policyId: string, work: () => Promise<T>): Promise<T | null> {
    return this.withLock(`policy:${policyId}`, () => work());
  }

  private async withLock<T>(key: string, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T | null> {
    return this.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${key})) AS locked`;
      if (!row?.locked) return null;
      return work(tx);
    }, { timeout: 30_000 });
  }

  /** Moves waiting rows to their next phase inside the planning transaction; the step runner picks them up unleased. */
  async setPhases(tx: Prisma.TransactionClient, rows: { id: string; from: HostPhase[]; to: HostPhase; data?: Prisma.RolloutHostUncheckedUpdateInput }[], now: Date): Promise<string[]> {
    const moved: string[] = [];
    for (const r of rows) {
      const { count } = await tx.rolloutHost.updateMany({
        where: { id: r.id, phase: { in: r.from } },
        data: { ...r.data, phase: r.to, leaseOwner: null, leaseUntil: null, ...(r.to === 'prechecking' ? { startedAt: now } : {}) },
      });
      if (count === 1) moved.push(r.id);
    }
    return moved;
  }

  /**
   * Takes the lease on a row if nobody holds a live one and nobody claimed it since it was read
   * (attempt unchanged). Only the winner of this conditional UPDATE runs the row's step.
   */
  async acquire(row: Pick<RolloutHostRow, 'id' | 'attempt'>, owner: string, now: Date, leaseMs: number): Promise<number | null> {
    const { count } = await this.prisma.rolloutHost.updateMany({
      where: { id: row.id, attempt: row.attempt, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { attempt: { increment: 1 }, leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
    });
    return count === 1 ? row.attempt + 1 : null;
  }

  /** Writes the row's next phase (and what the step recorded) while this holder's claim is still valid. */
  async advance(id: string, attempt: number, data: Prisma.RolloutHostUncheckedUpdateInput): Promise<boolean> {
    const { count } = await this.prisma.rolloutHost.updateMany({ where: { id, attempt }, data });
    return count === 1;
  }

  async renewLease(id: string, attempt: number, until: Date): Promise<boolean> {
    const { count } = await this.prisma.rolloutHost.updateMany({ where: { id, attempt }, data: { leaseUntil: until } });
    return count === 1;
  }

  async release(id: string, attempt: number): Promise<void> {
    await this.prisma.rolloutHost.updateMany({ where: { id, attempt }, data: { leaseOwner: null, leaseUntil: null } });
  }

  /** Rollouts the ticker plans: not finished, or finished with hosts still finishing their step. */
  async activeRolloutIds(): Promise<string[]> {
    const rows = await this.prisma.rollout.findMany({
      where: { OR: [{ state: { in: ['scheduled', 'waiting-window', 'running', 'paused'] } }, { hosts: { some: { activeHostId: { not: null } } } }] },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /** In-flight rows nobody is working on: never picked up, or left by a process that died (lease expired). */
  async orphanedSteps(now: Date, unleasedFor: number): Promise<string[]> {
    const rows = await this.prisma.rolloutHost.findMany({
      where: {
        phase: { in: ['prechecking', 'staging', 'applying', 'rebooting', 'verifying', 'rolling-back'] },
        OR: [{ leaseUntil: { lt: now } }, { leaseUntil: null, updatedAt: { lt: new Date(now.getTime() - unleasedFor) } }],
      },
      select: { id: true },
      take: 5_000,
    });
    return rows.map((r) => r.id);
  }

  /** Records what bootfleet now expects the host to have booted (its own change, or a rollback). */
  async setExpectedDigest(hostId: string, digest: string): Promise<void> {
    await this.prisma.host.updateMany({ where: { id: hostId }, data: { expectedDigest: digest } });
  }

  revisionByDigest(digest: string) {
    return this.prisma.imageRevision.findFirst({ where: { digest }, include: { image: { include: { registry: true } } } });
  }

  revision(id: string) {
    return this.prisma.imageRevision.findUnique({ where: { id }, include: { image: { include: { registry: true } } } });
  }

  image(id: string) {
    return this.prisma.image.findUnique({ where: { id }, include: { registry: true } });
  }

  currentRevisions(imageId: string) {
    return this.prisma.imageRevision.findMany({ where: { imageId, current: true } });
  }

  /** Puts failed hosts back to pending (and into the one-active-rollout index again). */
  async retryHosts(ids: string[]): Promise<void> {
    try {
      await this.prisma.$transaction(async (tx) => {
        const rows = await tx.rolloutHost.findMany({ where: { id: { in: ids } }, select: { id: true, hostId: true } });
        for (const r of rows) {
          await tx.rolloutHost.update({
            where: { id: r.id },
            data: { phase: 'pending', activeHostId: r.hostId, error: Prisma.DbNull, finishedAt: null, previousBootId: null, rollbackBootId: null, rollbackReason: null, jobId: null, timings: {} },
          });
        }
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new HostBusyError([]);
      throw error;
    }
  }

  // ---- policies ----
  createPolicy(data: Prisma.RolloutPolicyUncheckedCreateInput) {
    return this.prisma.rolloutPolicy.create({ data, include: WITH_LAST_ROLLOUT });
  }
  listPolicies() {
    return this.prisma.rolloutPolicy.findMany({ orderBy: { name: 'asc' }, include: WITH_LAST_ROLLOUT });
  }
  findPolicy(id: string) {
    return this.prisma.rolloutPolicy.findUnique({ where: { id } });
  }
  updatePolicy(id: string, data: Prisma.RolloutPolicyUncheckedUpdateInput) {
    return this.prisma.rolloutPolicy.update({ where: { id }, data, include: WITH_LAST_ROLLOUT });
  }
  async deletePolicy(id: string): Promise<boolean> {
    return (await this.prisma.rolloutPolicy.deleteMany({ where: { id } })).count === 1;
  }
  enabledPolicies(imageId?: string) {
    return this.prisma.rolloutPolicy.findMany({ where: { enabled: true, ...(imageId ? { imageId } : {}) }, orderBy: { name: 'asc' } });
  }
  async hasActivePolicyRollout(policyId: string): Promise<boolean> {
    return (await this.prisma.rollout.count({ where: { policyId, state: { in: ['scheduled', 'waiting-window', 'running', 'paused'] } } })) > 0;
  }
  /** Moves a policy from the revision it last acted on to another, once across processes (false: someone else did). */
  async claimPolicyDigest(id: string, previous: string | null, digest: string | null): Promise<boolean> {
    return (await this.prisma.rolloutPolicy.updateMany({ where: { id, lastDigest: previous }, data: { lastDigest: digest } })).count === 1;
  }
}
