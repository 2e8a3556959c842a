import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/test-app';
import type { RolloutDetailDto } from './rollouts.dto';
import { enrollWorld, rebootsOf, type RolloutWorld, startRolloutWorld, until } from './testing/rollout-fixture';

// A rollout of 20 simulated hosts through the real API, real SSH, a real registry and PostgreSQL,
// with two hosts that fail their verification after the reboot.

describe('rollouts with simulated hosts', () => {
  let world: RolloutWorld;
  let t: TestApp;
  let hostIds: Record<string, string>;
  let newRevisionId: string;
  const name = (i: number) => world.fleet.inventory[i]!.name;
  const booted = (i: number) => world.fleet.node(name(i)).host.bootcState.booted?.image?.imageDigest;

  beforeAll(async () => {
    world = await startRolloutWorld(20);
    t = await startTestApp({ env: { BOOTFLEET_SSH_CONNECT_TIMEOUT_MS: '2000' } });
    ({ hostIds, newRevisionId } = await enrollWorld(t.admin, world));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await world?.stop();
  });

  const strategy = { canaryCount: 2, batchSize: { count: 6 }, maxParallelReboots: 3, maxFailures: 2, successThreshold: 0.5 };
  const healthChecks = { deadlineSeconds: 5, rebootTimeoutSeconds: 30, commands: [['true']] };

  it('previews the batches without creating anything, and refuses bad targets with clear errors', async () => {
    const preview = await t.admin.post<{ total: number; batches: { index: number; canary: boolean; hosts: { name: string; targetDigest: string }[] }[] }>('/api/rollouts/preview', {
      name: 'preview',
      target: { revisionId: newRevisionId },
      selector: { hostIds: Object.values(hostIds) },
      strategy,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.total).toBe(20);
    expect(preview.body.batches.map((b) => b.hosts.length)).toEqual([2, 6, 6, 6]);
    expect(preview.body.batches[0]!.canary).toBe(true);
    expect(preview.body.batches.flatMap((b) => b.hosts).every((h) => h.targetDigest === world.newDigest)).toBe(true);

    const nobody = await t.admin.post<{ code: string }>('/api/rollouts', { name: 'x', target: { revisionId: newRevisionId }, selector: { labels: { env: 'nowhere' } } });
    expect(nobody.status).toBe(422);
    expect(nobody.body.code).toBe('NO_TARGETS');
    const unknown = await t.admin.post<{ code: string }>('/api/rollouts', { name: 'x', target: { digest: `sha256:${'0'.repeat(64)}` }, selector: { hostIds: [hostIds[name(0)]] } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('UNKNOWN_REVISION');
    const list = await t.admin.get<{ items: unknown[] }>('/api/rollouts');
    expect(list.body.items).toEqual([]);
    expect(world.fleet.nodes.every((n) => n.host.records.every((r) => !r.line.includes('bootc switch')))).toBe(true);
  });

  it('rolls 20 hosts out in batches, rolls the two failures back and pauses at the failure threshold', async () => {
    // Both in the first batch after the canaries (hosts are batched by name).
    world.fleet.node(name(3)).host.setFaults({ wrongImageAfterReboot: true });
    world.fleet.node(name(5)).host.setFaults({ degradedAfterReboot: true });
    const created = await t.admin.post<RolloutDetailDto>('/api/rollouts', {
      name: 'stable 42.2',
      target: { revisionId: newRevisionId },
      selector: { hostIds: Object.values(hostIds) },
      strategy,
      healthChecks,
      schedule: 'now',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const busy = await t.admin.post<{ code: string }>('/api/rollouts', { name: 'again', target: { revisionId: newRevisionId }, selector: { hostIds: [hostIds[name(19)]] }, schedule: 'now' });
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('HOST_BUSY');
    const busyAction = await t.admin.post<{ code: string }>(`/api/hosts/${hostIds[name(19)]}/actions/reboot`, {});
    expect(busyAction.status).toBe(409);

    const get = () => t.admin.get<RolloutDetailDto>(`/api/rollouts/${id}`);
    const paused = await until('threshold pause', get, (r) => r.body.state === 'paused' && r.body.hosts.every((h) => !['prechecking', 'staging', 'applying', 'rebooting', 'verifying', 'rolling-back'].includes(h.phase)), 120_000);
    expect(paused.body.pausedReason).toBe('failure-threshold');
    const phase = (i: number) => paused.body.hosts.find((h) => h.hostName === name(i))!.phase;
    expect(phase(3)).toBe('rolled-back');
    expect(phase(5)).toBe('rolled-back');
    expect(paused.body.hosts.find((h) => h.hostName === name(3))!.error?.code).toBe('WRONG_IMAGE');
    expect(paused.body.hosts.find((h) => h.hostName === name(5))!.error?.code).toBe('UNHEALTHY');
    // The later batches never started.
    expect(paused.body.hosts.filter((h) => h.batch >= 2).every((h) => h.phase === 'pending')).toBe(true);
    // The failed hosts are back on the old image; the canaries are on the new one.
    expect(booted(3)).toBe(world.oldDigest);
    expect(booted(5)).toBe(world.oldDigest);
    expect([0, 1].map(booted)).toEqual([world.newDigest, world.newDigest]);
    // wrongImageAfterReboot fell back on its own: no rollback reboot; the degraded host needed one.
    expect(rebootsOf(world.fleet, name(3))).toBe(1);
    expect(rebootsOf(world.fleet, name(5))).toBe(2);
    expect(world.fleet.node(name(5)).host.records.map((r) => r.line)).toContain('sudo -n -- bootc rollback --apply');

    // Resume: the rest goes ahead; with two hosts rolled back the rollout ends failed.
    const resumed = await t.admin.post<RolloutDetailDto>(`/api/rollouts/${id}/resume`);
    expect(resumed.status).toBe(200);
    const done = await until('finished', get, (r) => r.body.state === 'failed' || r.body.state === 'completed', 180_000);
    expect(done.body.state).toBe('failed');
    expect(done.body.counts).toEqual({ succeeded: 18, 'rolled-back': 2 });
    for (let i = 0; i < 20; i++) {
      if (i === 3 || i === 5) continue;
      expect(booted(i)).toBe(world.newDigest);
      // Exactly one reboot per host for its one apply step.
      expect(rebootsOf(world.fleet, name(i))).toBe(1);
    }
    // Every host stayed masked (bootfleet alone decides when hosts change).
    expect(world.fleet.nodes.every((n) => n.host.bootcState.autoUpdateTimer === 'masked')).toBe(true);
    // Illegal transitions are refused with a code.
    const illegal = await t.admin.post<{ code: string }>(`/api/rollouts/${id}/pause`);
    expect(illegal.status).toBe(409);
    expect(illegal.body.code).toBe('ILLEGAL_ROLLOUT_ACTION');
  }, 400_000);
});
