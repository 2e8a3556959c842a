import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { EventBus } from '../../infra/events/event-bus.service';
import type { HostPhase, RolloutState } from './domain/phases';
import { DEFAULT_STRATEGY, strategySchema } from './domain/strategy';
import { HostStepExecutor } from './executor/host-step.executor';
import { plan, type PlanAction } from './planner/plan';
import type { CanaryHealth } from './planner/soak';
import { REBOOT_GATES, type RebootGates } from './reboot-gates';
import { RolloutsRepository } from './rollouts.repository';

type LockedTx = Parameters<Parameters<RolloutsRepository['withRolloutLock']>[1]>[0];

/** How often a worker process plans active rollouts and picks up steps a dead process left behind. */
export const TICK_MS = 2_000;
/** A step row nobody leased for this long was queued by a process that died before it ran. */
const UNLEASED_GRACE_MS = 10_000;

/**
 * Runs the planner for rollouts and carries out its actions: moves hosts to their next phase
 * (inside a per-rollout advisory lock, so the parallel-reboot limit holds across processes), hands
 * in-flight hosts to the step executor, pauses, finishes. Triggered by host step events and by a
 * short tick in every worker process (which is also how steps of a crashed process are resumed).
 */
@Injectable()
export class RolloutAdvancer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RolloutAdvancer.name);
  private timer: NodeJS.Timeout | undefined;
  private subscription: Subscription | undefined;
  private ticking = false;
  private readonly pending = new Set<string>();
  private readonly tickHooks: (() => Promise<void>)[] = [];
  private draining: Promise<void> | undefined;

  constructor(
    private readonly rollouts: RolloutsRepository,
    private readonly executor: HostStepExecutor,
    private readonly events: EventBus,
    @Inject(REBOOT_GATES) private readonly windows: RebootGates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.roles.has('worker')) return;
    this.subscription = this.events.stream(['rollout']).subscribe((event) => {
      const id = event.topic === 'rollout.host' ? event.data.rolloutId : event.data.id;
      if (typeof id === 'string') this.kick(id);
    });
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    void this.tick();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.subscription?.unsubscribe();
  }

  /** Work to run on every tick of a worker process (policy evaluation). */
  onTick(hook: () => Promise<void>): void {
    this.tickHooks.push(hook);
  }

  /** Plans this rollout soon (coalesced: many host events become one planning pass). */
  kick(rolloutId: string): void {
    this.pending.add(rolloutId);
    this.draining ??= (async () => {
      while (this.pending.size) {
        const ids = [...this.pending];
        this.pending.clear();
        for (const id of ids) await this.advance(id).catch((e: Error) => this.logger.warn(`planning rollout ${id} failed: ${e.message}`));
      }
    })().finally(() => {
      this.draining = undefined;
    });
  }

  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const id of await this.rollouts.activeRolloutIds()) this.kick(id);
      const orphans = await this.rollouts.orphanedSteps(new Date(), UNLEASED_GRACE_MS);
      if (orphans.length) await this.executor.enqueue(orphans);
      for (const hook of this.tickHooks) await hook();
    } catch (error) {
      this.logger.warn(`rollout tick failed: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  /** One planning pass; returns the actions taken (null when another process is planning it). */
  async advance(rolloutId: string, now = new Date()): Promise<PlanAction[] | null> {
    const toRun: string[] = [];
    const taken = await this.rollouts.withRolloutLock(rolloutId, async (tx) => {
      const rollout = await tx.rollout.findUnique({ where: { id: rolloutId } });
      if (!rollout) return [];
      const hosts = await tx.rolloutHost.findMany({ where: { rolloutId }, select: { id: true, batch: true, phase: true, finishedAt: true } });
      const waiting = hosts.filter((h) => h.phase === 'staged' || h.phase === 'waiting-window').map((h) => h.id);
      const gates = rollout.ignoreWindows || waiting.length === 0 ? new Map() : await this.gatesByRow(tx, waiting, now);
      const parsed = strategySchema.safeParse(rollout.strategy);
      const strategy = parsed.success ? parsed.data : DEFAULT_STRATEGY;
      const health = strategy.soakSeconds > 0 ? await this.canaryHealth(tx, rolloutId) : new Map<string, CanaryHealth>();
      const { actions } = plan(
        { state: rollout.state as RolloutState, strategy, approvedBatch: rollout.approvedBatch, failureBaseline: rollout.failureBaseline, startAt: rollout.startAt, pausedReason: rollout.pausedReason },
        hosts.map((h) => ({ ...h, phase: h.phase as HostPhase, health: health.get(h.id) })),
        gates,
        now,
      );
      const toPrecheck = actions.flatMap((a) => (a.type === 'start-host' ? [a.hostId] : []));
      toRun.push(...(await this.rollouts.setPhases(tx, toPrecheck.map((id) => ({ id, from: ['pending'], to: 'prechecking' })), now)));
      const toApply = actions.flatMap((a) => (a.type === 'apply-host' ? [a.hostId] : []));
      const to: HostPhase = rollout.action === 'rollback' ? 'rolling-back' : 'applying';
      const data = rollout.action === 'rollback' ? { rollbackReason: 'requested' } : {};
      toRun.push(...(await this.rollouts.setPhases(tx, toApply.map((id) => ({ id, from: ['staged', 'waiting-window'], to, data })), now)));
      for (const a of actions) {
        if (a.type === 'wait-window') await tx.rolloutHost.updateMany({ where: { id: a.hostId, phase: 'staged' }, data: { phase: 'waiting-window', windowOpensAt: a.opensAt } });
        else if (a.type === 'pause') await tx.rollout.updateMany({ where: { id: rolloutId, OR: [{ state: 'running' }, { state: 'paused', pausedReason: 'soaking' }] }, data: { state: 'paused', pausedReason: a.reason } });
        else if (a.type === 'continue') await tx.rollout.updateMany({ where: { id: rolloutId, state: 'paused', pausedReason: 'soaking' }, data: { state: 'running', pausedReason: null, approvedBatch: a.batch } });
        else if (a.type === 'finish') await tx.rollout.updateMany({ where: { id: rolloutId, state: 'running' }, data: { state: a.state, finishedAt: now } });
        else if (a.type === 'start') await tx.rollout.updateMany({ where: { id: rolloutId, state: { in: ['scheduled', 'waiting-window'] } }, data: { state: 'running', startedAt: now } });
      }
      // A cancelled rollout's hosts that were only waiting never start; in-flight ones finish their step.
      if (rollout.state === 'cancelled') {
        await tx.rolloutHost.updateMany({ where: { rolloutId, phase: { in: ['pending', 'staged', 'waiting-window'] } }, data: { phase: 'cancelled', activeHostId: null, finishedAt: now } });
      }
      return actions;
    });
    if (toRun.length) await this.executor.enqueue(toRun);
    if (taken && taken.some((a) => a.type !== 'wake-at')) {
      await this.events.publish('rollout.updated', { id: rolloutId, actions: [...new Set(taken.map((a) => a.type))] });
    }
    if (taken?.some((a) => a.type === 'start' || a.type === 'continue')) this.kick(rolloutId);
    return taken;
  }

  /**
   * Health of the succeeded canaries (batch 0) as last seen: online, and booted on the target by a
   * refresh that happened after the canary finished (null when no refresh since).
   */
  private async canaryHealth(tx: LockedTx, rolloutId: string): Promise<Map<string, CanaryHealth>> {
    const rows = await tx.rolloutHost.findMany({ where: { rolloutId, batch: 0, phase: 'succeeded' }, select: { id: true, hostId: true, targetDigest: true, finishedAt: true } });
    const hosts = await tx.host.findMany({ where: { id: { in: rows.map((r) => r.hostId) } }, select: { id: true, status: true, bootedDigest: true, lastRefreshAt: true } });
    const byId = new Map(hosts.map((h) => [h.id, h]));
    return new Map(rows.map((r) => {
      const host = byId.get(r.hostId);
      const refreshedSince = host?.lastRefreshAt && r.finishedAt && host.lastRefreshAt >= r.finishedAt;
      return [r.id, { online: host?.status === 'online', onTarget: refreshedSince ? host.bootedDigest === r.targetDigest : null }];
    }));
  }

  private async gatesByRow(tx: LockedTx, rowIds: string[], now: Date) {
    const rows = await tx.rolloutHost.findMany({ where: { id: { in: rowIds } }, select: { id: true, hostId: true } });
    const byHost = await this.windows.gates(rows.map((r) => r.hostId), now);
    return new Map(rows.flatMap((r) => {
      const gate = byHost.get(r.hostId);
      return gate ? [[r.id, gate] as const] : [];
    }));
  }
}
