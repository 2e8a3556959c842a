import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.factory';
import { startTestApp, type TestApp } from '../../testing/test-app';
import type { ActionResultDto, RolloutDetailDto } from './rollouts.dto';
import { enrollWorld, rebootsOf, type RolloutWorld, startRolloutWorld, until } from './testing/rollout-fixture';

// Two complete servers (each with its own job queue, step executor and planner tick) on one
// database drive the same rollout: the simulated hosts' command records prove that every step ran
// once. Then single-host actions: upgrade with one click, and roll back with one click.

describe('rollouts with two server processes on one database', () => {
  let world: RolloutWorld;
  let t: TestApp;
  let second: INestApplication;
  let hostIds: Record<string, string>;
  let newRevisionId: string;
  const name = (i: number) => world.fleet.inventory[i]!.name;
  const booted = (i: number) => world.fleet.node(name(i)).host.bootcState.booted?.image?.imageDigest;
  const lines = (i: number, text: string) => world.fleet.node(name(i)).host.records.filter((r) => r.line.includes(text)).length;

  beforeAll(async () => {
    world = await startRolloutWorld(12);
    t = await startTestApp({ env: { BOOTFLEET_SSH_CONNECT_TIMEOUT_MS: '2000' } });
    second = await createApp(t.config, t.db.url);
    await second.init();
    ({ hostIds, newRevisionId } = await enrollWorld(t.admin, world));
  }, 120_000);

  afterAll(async () => {
    await second?.close();
    await t?.close();
    await world?.stop();
  });

  it('switches and reboots each host exactly once', async () => {
    const ids = Object.entries(hostIds).filter(([n]) => n !== name(11)).map(([, id]) => id);
    const created = await t.admin.post<RolloutDetailDto>('/api/rollouts', {
      name: 'two processes',
      target: { revisionId: newRevisionId },
      selector: { hostIds: ids },
      strategy: { canaryCount: 1, batchSize: { count: 5 }, maxParallelReboots: 5, maxFailures: 1 },
      healthChecks: { deadlineSeconds: 5, rebootTimeoutSeconds: 30 },
      schedule: 'now',
    });
    expect(created.status).toBe(201);
    const done = await until('completed', () => t.admin.get<RolloutDetailDto>(`/api/rollouts/${created.body.id}`), (r) => r.body.state === 'completed' || r.body.state === 'failed', 120_000);
    expect(done.body.state).toBe('completed');
    expect(done.body.counts).toEqual({ succeeded: 11 });
    for (let i = 0; i < 11; i++) {
      expect(booted(i)).toBe(world.newDigest);
      expect(rebootsOf(world.fleet, name(i))).toBe(1);
      expect(lines(i, 'bootc switch')).toBe(1);
    }
  }, 180_000);

  it('upgrades one host with one click and rolls it back with one click', async () => {
    const i = 11;
    const id = hostIds[name(i)]!;
    const preview = await t.admin.get<{ willBoot: { digest: string }; current: { digest: string }; reboots: boolean }>(`/api/hosts/${id}/actions/preview?action=upgrade&revisionId=${newRevisionId}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ willBoot: { digest: world.newDigest }, current: { digest: world.oldDigest }, reboots: true });

    const upgrade = await t.admin.post<ActionResultDto>(`/api/hosts/${id}/actions/upgrade`, { target: { revisionId: newRevisionId }, when: 'now' });
    expect(upgrade.status).toBe(202);
    expect(upgrade.body.jobId).toBeTruthy();
    const again = await t.admin.post<{ code: string }>(`/api/hosts/${id}/actions/reboot`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('HOST_BUSY');
    const op = () => t.admin.get<RolloutDetailDto>(`/api/rollouts/${upgrade.body.operationId}`);
    await until('upgraded', op, (r) => r.body.state === 'completed' || r.body.state === 'failed', 60_000);
    expect(booted(i)).toBe(world.newDigest);
    // The job is marked done once its handler, which completed the operation, has returned.
    const job = await until('the job done', () => t.admin.get<{ state: string }>(`/api/jobs/${upgrade.body.jobId}`), (r) => r.body.state !== 'running', 10_000);
    expect(job.body.state).toBe('succeeded');
    const log = await t.admin.get<{ items: { line: string }[] } | { line: string }[]>(`/api/jobs/${upgrade.body.jobId}/log`);
    expect(JSON.stringify(log.body)).toContain('verifying');

    // The host's refresh sees the new rollback slot before the rollback preview can name it.
    await until('refreshed', () => t.admin.get<{ rollback: { digest: string } | null }>(`/api/hosts/${id}`), (r) => r.body.rollback?.digest === world.oldDigest, 30_000);
    const rollbackPreview = await t.admin.get<{ willBoot: { digest: string } }>(`/api/hosts/${id}/actions/preview?action=rollback`);
    expect(rollbackPreview.body.willBoot.digest).toBe(world.oldDigest);
    const rollback = await t.admin.post<ActionResultDto>(`/api/hosts/${id}/actions/rollback`, { when: 'now', quarantineRevision: true, quarantineReason: 'broke the app' });
    expect(rollback.status).toBe(202);
    const rolled = await until('rolled back', () => t.admin.get<RolloutDetailDto>(`/api/rollouts/${rollback.body.operationId}`), (r) => r.body.state === 'completed' || r.body.state === 'failed', 60_000);
    expect(rolled.body.state).toBe('completed');
    expect(booted(i)).toBe(world.oldDigest);
    expect(rebootsOf(world.fleet, name(i))).toBe(2);
    expect(world.fleet.node(name(i)).host.bootcState.autoUpdateTimer).toBe('masked');
    // The revision rolled away from is quarantined: nothing can target it any more.
    const refused = await t.admin.post<{ code: string }>(`/api/hosts/${id}/actions/stage`, { target: { revisionId: newRevisionId } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('REVISION_QUARANTINED');
  }, 120_000);
});
