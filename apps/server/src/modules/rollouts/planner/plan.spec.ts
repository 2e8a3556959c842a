import { describe, expect, it } from 'vitest';
import type { HostPhase } from '../domain/phases';
import { assignBatches, strategySchema } from '../domain/strategy';
import { type Gate, plan, type PlanHost, type PlanRollout } from './plan';

const T0 = new Date('2026-03-02T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function rollout(overrides: Partial<Omit<PlanRollout, 'strategy'>> & { strategy?: object } = {}): PlanRollout {
  return { state: 'running', approvedBatch: 0, failureBaseline: 0, startAt: null, pausedReason: null, ...overrides, strategy: strategySchema.parse(overrides.strategy ?? {}) };
}

function fleet(count: number, strategy: object, phases: Record<number, HostPhase> = {}, finishedAt: Date | null = T0): PlanHost[] {
  const batches = assignBatches(count, strategySchema.parse(strategy));
  return batches.map((batch, i) => {
    const phase = phases[i] ?? 'pending';
    return { id: `h${i}`, batch, phase, finishedAt: ['succeeded', 'failed', 'rolled-back', 'skipped'].includes(phase) ? finishedAt : null };
  });
}

const types = (actions: { type: string }[]) => actions.map((a) => a.type);
const ids = (actions: { type: string; hostId?: string }[], type: string) => actions.filter((a) => a.type === type).map((a) => a.hostId);
const allowed = new Map<string, Gate>();

describe('plan', () => {
  it('starts only the canaries first', () => {
    const strategy = { canaryCount: 2, batchSize: { count: 3 } };
    const { actions, summary } = plan(rollout({ strategy }), fleet(8, strategy), allowed, T0);
    expect(ids(actions, 'start-host')).toEqual(['h0', 'h1']);
    expect(summary.currentBatch).toBe(0);
  });

  it('reboots staged hosts up to the parallel limit, counting hosts already rebooting', () => {
    const strategy = { canaryCount: 0, batchSize: { count: 6 }, maxParallelReboots: 3 };
    const hosts = fleet(6, strategy, { 0: 'rebooting', 1: 'verifying', 2: 'staged', 3: 'staged', 4: 'staged', 5: 'staging' });
    const { actions } = plan(rollout({ strategy }), hosts, allowed, T0);
    expect(ids(actions, 'apply-host')).toEqual(['h2']);
  });

  it('keeps a host outside its window waiting and wakes up when the window opens', () => {
    const strategy = { canaryCount: 0, batchSize: { count: 2 } };
    const hosts = fleet(2, strategy, { 0: 'staged', 1: 'staged' });
    const gates = new Map<string, Gate>([['h1', { allowed: false, nextStart: at(3600) }]]);
    const { actions } = plan(rollout({ strategy }), hosts, gates, T0);
    expect(ids(actions, 'apply-host')).toEqual(['h0']);
    expect(actions).toContainEqual({ type: 'wait-window', hostId: 'h1', opensAt: at(3600) });
    expect(actions).toContainEqual({ type: 'wake-at', at: at(3600) });
    // Already waiting: no second wait-window, and once the window opens it is applied.
    const waiting = fleet(2, strategy, { 0: 'succeeded', 1: 'waiting-window' });
    expect(ids(plan(rollout({ strategy }), waiting, gates, T0).actions, 'wait-window')).toEqual([]);
    expect(ids(plan(rollout({ strategy }), waiting, new Map(), at(3600)).actions, 'apply-host')).toEqual(['h1']);
  });

  it('moves to the next batch only after the previous one finished and the pause between batches passed', () => {
    const strategy = { canaryCount: 1, batchSize: { count: 2 }, pauseBetweenBatchesSeconds: 60 };
    const running = fleet(3, strategy, { 0: 'verifying' });
    expect(ids(plan(rollout({ strategy }), running, allowed, T0).actions, 'start-host')).toEqual([]);
    const done = fleet(3, strategy, { 0: 'succeeded' }, T0);
    expect(plan(rollout({ strategy }), done, allowed, at(30)).actions).toEqual([{ type: 'wake-at', at: at(60) }]);
    expect(ids(plan(rollout({ strategy }), done, allowed, at(60)).actions, 'start-host')).toEqual(['h1', 'h2']);
  });

  it('pauses when a finished batch is below its success threshold, until an operator lets the next batch go', () => {
    const strategy = { canaryCount: 2, batchSize: { count: 2 }, successThreshold: 1, maxFailures: 0 };
    const hosts = fleet(4, strategy, { 0: 'succeeded', 1: 'rolled-back' });
    expect(plan(rollout({ strategy }), hosts, allowed, T0).actions).toEqual([{ type: 'pause', reason: 'batch-below-threshold', batch: 1 }]);
    expect(ids(plan(rollout({ strategy, approvedBatch: 1 }), hosts, allowed, T0).actions, 'start-host')).toEqual(['h2', 'h3']);
    // A lower threshold lets one failure in two pass.
    const lenient = { ...strategy, successThreshold: 0.5 };
    expect(ids(plan(rollout({ strategy: lenient }), hosts, allowed, T0).actions, 'start-host')).toEqual(['h2', 'h3']);
  });

  it('pauses on its own after the maximum number of failures since the last resume', () => {
    const strategy = { canaryCount: 0, batchSize: { count: 10 }, maxFailures: 2 };
    const hosts = fleet(10, strategy, { 0: 'rolled-back', 1: 'failed', 2: 'staged', 3: 'rebooting' });
    expect(types(plan(rollout({ strategy }), hosts, allowed, T0).actions)).toEqual(['pause']);
    // After a resume the two known failures no longer count.
    const resumed = plan(rollout({ strategy, failureBaseline: 2 }), hosts, allowed, T0).actions;
    expect(ids(resumed, 'apply-host')).toEqual(['h2']);
  });

  it('asks for approval before each batch after the canaries when the strategy says so', () => {
    const strategy = { canaryCount: 1, batchSize: { count: 1 }, requireApproval: true };
    const hosts = fleet(3, strategy, { 0: 'succeeded' });
    expect(plan(rollout({ strategy }), hosts, allowed, T0).actions).toEqual([{ type: 'pause', reason: 'awaiting-approval', batch: 1 }]);
    expect(ids(plan(rollout({ strategy, approvedBatch: 1 }), hosts, allowed, T0).actions, 'start-host')).toEqual(['h1']);
  });

  it('finishes: completed when every host succeeded or was skipped, failed when any failed', () => {
    const strategy = { canaryCount: 0, batchSize: { count: 3 }, maxFailures: 0 };
    expect(plan(rollout({ strategy }), fleet(3, strategy, { 0: 'succeeded', 1: 'skipped', 2: 'succeeded' }), allowed, T0).actions).toEqual([{ type: 'finish', state: 'completed' }]);
    expect(plan(rollout({ strategy }), fleet(3, strategy, { 0: 'succeeded', 1: 'rolled-back', 2: 'succeeded' }), allowed, T0).actions).toEqual([{ type: 'finish', state: 'failed' }]);
  });

  it('starts a scheduled rollout at its time and does nothing for a paused one', () => {
    const strategy = { canaryCount: 0 };
    const hosts = fleet(2, strategy);
    expect(plan(rollout({ state: 'scheduled', startAt: at(600), strategy }), hosts, allowed, T0).actions).toEqual([{ type: 'wake-at', at: at(600) }]);
    expect(plan(rollout({ state: 'scheduled', startAt: at(600), strategy }), hosts, allowed, at(600)).actions).toEqual([{ type: 'start', reason: 'scheduled-time' }]);
    expect(plan(rollout({ state: 'waiting-window', startAt: at(60), strategy }), hosts, allowed, at(61)).actions).toEqual([{ type: 'start', reason: 'window-opened' }]);
    expect(plan(rollout({ state: 'paused', strategy }), hosts, allowed, T0).actions).toEqual([]);
  });

  describe('soak after the canaries', () => {
    const strategy = { canaryCount: 1, batchSize: { count: 2 }, soakSeconds: 120 };
    const healthy = { online: true, onTarget: true };
    const soaked = (health: PlanHost['health'], finishedAt = T0) => fleet(3, strategy, { 0: 'succeeded' }, finishedAt).map((h) => (h.batch === 0 ? { ...h, health } : h));
    const paused = rollout({ strategy, state: 'paused', pausedReason: 'soaking' });

    it('pauses after the canary batch instead of starting the next one', () => {
      const { actions } = plan(rollout({ strategy }), soaked(healthy), allowed, T0);
      expect(actions).toEqual([{ type: 'pause', reason: 'soaking', batch: 1 }]);
    });

    it('continues by itself once the canaries stayed healthy for the soak time', () => {
      expect(plan(paused, soaked(healthy), allowed, at(119)).actions).toEqual([{ type: 'wake-at', at: at(120) }]);
      expect(plan(paused, soaked(healthy), allowed, at(120)).actions).toEqual([{ type: 'continue', batch: 1 }]);
    });

    it('stops continuing on its own when a canary went offline or off its target', () => {
      expect(plan(paused, soaked({ online: false, onTarget: true }), allowed, at(10)).actions).toEqual([{ type: 'pause', reason: 'canary-unhealthy', batch: 1 }]);
      expect(plan(paused, soaked({ online: true, onTarget: false }), allowed, at(500)).actions).toEqual([{ type: 'pause', reason: 'canary-unhealthy', batch: 1 }]);
    });

    it('waits past the soak time for a canary not yet seen on its target', () => {
      expect(plan(paused, soaked({ online: true, onTarget: null }), allowed, at(500)).actions).toEqual([]);
    });

    it('does not soak again once the batch was let go, nor without canaries', () => {
      expect(ids(plan(rollout({ strategy, approvedBatch: 1 }), soaked(healthy), allowed, T0).actions, 'start-host')).toEqual(['h1', 'h2']);
      const noCanary = { ...strategy, canaryCount: 0 };
      expect(types(plan(rollout({ strategy: noCanary }), fleet(4, noCanary, { 0: 'succeeded', 1: 'succeeded' }), allowed, T0).actions)).not.toContain('pause');
    });
  });
});
