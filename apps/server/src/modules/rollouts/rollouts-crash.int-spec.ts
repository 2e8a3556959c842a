import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import type { ApiClient } from '../../testing/test-app';
import type { RolloutDetailDto } from './rollouts.dto';
import { type ChildServer, serverFarm, type ServerFarm } from './testing/child-server';
import { type CommandHold, holdCommand } from './testing/command-hold';
import { enrollWorld, rebootsOf, type RolloutWorld, startRolloutWorld, until } from './testing/rollout-fixture';

// The built server as a child process, SIGKILLed with a host frozen in each step phase, then
// restarted: every rollout still finishes from the hosts' real state, no host reboots twice for one
// step and no completed command is sent again (host-sim's command records). Then two servers on one
// database share a rollout: both run steps, each host gets one switch and one reboot.

const CRASH_HOSTS = 6;
const SHARED_HOSTS = 8;

interface RowSeen {
  host_id: string;
  phase: string;
  job_id: string | null;
}

describe('rollouts survive SIGKILL of the server (built server as a child process)', () => {
  let world: RolloutWorld;
  let db: TestDatabase;
  let sql: pg.Client;
  let farm: ServerFarm;
  let server: ChildServer;
  let api: ApiClient;
  let hostIds: Record<string, string>;
  let newRevisionId: string;
  const name = (i: number) => world.fleet.inventory[i]!.name;
  const host = (i: number) => world.fleet.node(name(i)).host;
  const commands = (i: number, text: string, ok = false) => host(i).records.filter((r) => r.line.includes(text) && (!ok || r.exitCode === 0)).length;
  const booted = (i: number) => host(i).bootcState.booted?.image?.imageDigest;

  async function rowOf(rolloutId: string): Promise<RowSeen> {
    const { rows } = await sql.query<RowSeen>('SELECT host_id, phase, job_id FROM rollout_hosts WHERE rollout_id = $1', [rolloutId]);
    return rows[0]!;
  }

  async function rolloutOf(i: number): Promise<string> {
    const created = await api.post<RolloutDetailDto>('/api/rollouts', {
      name: `crash ${name(i)}`,
      target: { revisionId: newRevisionId },
      selector: { hostIds: [hostIds[name(i)]] },
      strategy: { canaryCount: 1, batchSize: { count: 1 }, maxParallelReboots: 1, maxFailures: 1 },
      healthChecks: { deadlineSeconds: 5, rebootTimeoutSeconds: 30 },
      schedule: 'now',
    });
    if (created.status !== 201) throw new Error(`rollout for ${name(i)}: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id;
  }

  beforeAll(async () => {
    world = await startRolloutWorld(CRASH_HOSTS + SHARED_HOSTS);
    db = await createTestDatabase();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    // A short lease: the killed server's steps are taken over sooner (and the setting is exercised end to end).
    farm = serverFarm(db.url, { BOOTFLEET_STEP_LEASE_MS: '6000' });
    server = await farm.start();
    api = await server.signIn();
    ({ hostIds, newRevisionId } = await enrollWorld(api, world));
  }, 180_000);

  afterAll(async () => {
    await farm?.stopAll();
    await sql?.end();
    await db?.drop();
    await world?.stop();
  });

  it('finishes every step phase after a SIGKILL there, never repeating a completed command or a reboot', async () => {
    // One host frozen in each in-flight phase at the moment of the kill.
    const PRECHECK = 0, STAGE = 1, APPLY = 2, REBOOT = 3, VERIFY = 4, ROLLBACK = 5;
    const holds: Partial<Record<number, CommandHold>> = {
      [PRECHECK]: holdCommand(host(PRECHECK), 'bootc status'),
      // The switch runs only after the server died: the next server must find it staged, not switch again.
      [STAGE]: holdCommand(host(STAGE), 'bootc switch'),
      // The reboot request reached the host, which goes down only after the next server looked at it.
      [APPLY]: holdCommand(host(APPLY), 'systemctl reboot'),
      [VERIFY]: holdCommand(host(VERIFY), 'is-system-running'),
      [ROLLBACK]: holdCommand(host(ROLLBACK), 'bootc rollback'),
    };
    host(REBOOT).setFaults({ neverReturnFromReboot: true });
    // Degraded after its reboot: verification fails and the host really has to roll back.
    host(ROLLBACK).setFaults({ degradedAfterReboot: true });
    const expected: Record<number, string> = { [PRECHECK]: 'prechecking', [STAGE]: 'staging', [APPLY]: 'applying', [REBOOT]: 'rebooting', [VERIFY]: 'verifying', [ROLLBACK]: 'rolling-back' };

    const rollouts: string[] = [];
    for (let i = 0; i < CRASH_HOSTS; i++) rollouts.push(await rolloutOf(i));
    const seen = new Set<number>();
    for (const [i, h] of Object.entries(holds)) void h!.seen.then(() => seen.add(Number(i)));
    await until('every held command reached its host', async () => [...seen].sort(), (s) => s.length === Object.keys(holds).length, 60_000).catch((error: Error) => {
      const lines = Object.keys(holds).filter((i) => !seen.has(Number(i))).map((i) => `${name(Number(i))}: ${host(Number(i)).records.map((r) => r.line).join(' | ')}`);
      throw new Error(`${error.message}\n${lines.join('\n')}`);
    });
    await until('every host frozen in its phase', () => Promise.all(rollouts.map(rowOf)), (rows) => rows.every((r, i) => r.phase === expected[i]), 60_000);
    const before = { switches: commands(STAGE, 'bootc switch'), reboots: rebootsOf(world.fleet, name(ROLLBACK)) };
    expect(before).toEqual({ switches: 0, reboots: 1 });

    await server.kill();
    host(REBOOT).powerOn();
    host(REBOOT).clearFaults();
    host(ROLLBACK).clearFaults();
    for (const i of [PRECHECK, STAGE, VERIFY]) holds[i]!.release();
    await until('the switch ran on its own', async () => host(STAGE).bootcState.staged?.image?.imageDigest, (d) => d === world.newDigest, 30_000);

    server = await farm.start();
    api = await server.signIn();
    // The frozen reboot requests go through once the new server has looked at the host: a second
    // request (the bug; the held one is recorded only once released) or the new server saying it waits for
    // the recorded one, whichever comes first.
    const rowsAtKill = await Promise.all(rollouts.map(rowOf));
    await Promise.all(
      [APPLY, ROLLBACK].map(async (i) => {
        const command = i === APPLY ? 'systemctl reboot' : 'bootc rollback';
        await until(
          `${name(i)}: the next server looked at the requested reboot`,
          async () => {
            const log = rowsAtKill[i]!.job_id ? await api.get(`/api/jobs/${rowsAtKill[i]!.job_id}/log`) : { body: null };
            return { waiting: JSON.stringify(log.body).includes('recorded as requested'), again: commands(i, command) >= 1 };
          },
          (s) => s.waiting || s.again,
          60_000,
        );
        holds[i]!.release();
      }),
    );

    const final = await until('every rollout finished', () => Promise.all(rollouts.map(async (id) => (await api.get<RolloutDetailDto>(`/api/rollouts/${id}`)).body)), (rs) => rs.every((r) => r.state === 'completed' || r.state === 'failed'), 120_000);
    expect(final.map((r) => r.state)).toEqual(['completed', 'completed', 'completed', 'completed', 'completed', 'failed']);
    expect(final[ROLLBACK]!.hosts[0]!.phase).toBe('rolled-back');
    for (let i = 0; i < CRASH_HOSTS; i++) {
      expect(commands(i, 'bootc switch'), `${name(i)} switches`).toBe(1);
      expect(rebootsOf(world.fleet, name(i)), `${name(i)} reboots`).toBe(i === ROLLBACK ? 2 : 1);
      expect(booted(i), `${name(i)} booted`).toBe(i === ROLLBACK ? world.oldDigest : world.newDigest);
    }
    expect(commands(APPLY, 'systemctl reboot')).toBe(1);
    expect(commands(ROLLBACK, 'bootc rollback')).toBe(1);
  }, 300_000);

  it('runs each step exactly once with two server processes on one database, and both take part', async () => {
    // Each process runs at most half the steps at once and every step is held at its switch until
    // all are: all switches reached means both processes run steps, whoever queued them.
    await server.stop();
    const halfEach = { BOOTFLEET_SSH_CONCURRENCY: String(SHARED_HOSTS / 2) };
    server = await farm.start(halfEach);
    const other = await farm.start(halfEach);
    api = await server.signIn();
    const shared = Array.from({ length: SHARED_HOSTS }, (_, k) => CRASH_HOSTS + k);
    const holds = shared.map((i) => holdCommand(host(i), 'bootc switch'));
    const created = await api.post<RolloutDetailDto>('/api/rollouts', {
      name: 'two processes',
      target: { revisionId: newRevisionId },
      selector: { hostIds: shared.map((i) => hostIds[name(i)]!) },
      strategy: { canaryCount: 0, batchSize: { count: SHARED_HOSTS }, maxParallelReboots: SHARED_HOSTS, maxFailures: 1 },
      healthChecks: { deadlineSeconds: 5, rebootTimeoutSeconds: 30 },
      schedule: 'now',
    });
    expect(created.status).toBe(201);
    let reached = 0;
    for (const h of holds) void h.seen.then(() => reached++);
    await until('every switch reached its host', async () => reached, (n) => n === SHARED_HOSTS, 60_000);
    for (const h of holds) h.release();
    const done = await until('completed', () => api.get<RolloutDetailDto>(`/api/rollouts/${created.body.id}`), (r) => r.body.state === 'completed' || r.body.state === 'failed', 120_000);
    expect(done.body.state).toBe('completed');
    const pids = new Set<string>();
    for (const h of done.body.hosts) {
      const log = await api.get(`/api/jobs/${h.jobId}/log`);
      for (const m of JSON.stringify(log.body).matchAll(/run by process (\d+)/g)) pids.add(m[1]!);
    }
    expect([...pids].sort()).toEqual([String(server.pid), String(other.pid)].sort());
    for (const i of shared) {
      expect(commands(i, 'bootc switch'), `${name(i)} switches`).toBe(1);
      expect(rebootsOf(world.fleet, name(i)), `${name(i)} reboots`).toBe(1);
      expect(booted(i)).toBe(world.newDigest);
    }
  }, 180_000);
});
