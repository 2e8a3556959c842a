import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '../../config/config.module';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { testConfig } from '../../testing/test-config';
import { PrismaModule } from '../prisma/prisma.module';
import { JobQueue } from './job-queue.service';
import { JobsModule } from './jobs.module';

// Each "server" here is the same composition the real server uses (config, Prisma, JobsModule) with
// its own pg-boss instance and connection pool on the shared database, so they contend exactly as
// separate processes do: pg-boss hands a job out with SELECT ... FOR UPDATE SKIP LOCKED.

const RECORD = 'test.record';
const RECORD_PER_KEY = 'test.record-per-key';

@Injectable()
class RecordingJobs {
  constructor(jobs: JobQueue) {
    const handler = async (data: { token: string; failTimes?: number }, ctx: { retryCount: number }) => {
      const client = new pg.Client({ connectionString: process.env.TEST_JOBS_DB });
      await client.connect();
      try {
        await client.query('INSERT INTO test_job_runs (token, attempt, runner) VALUES ($1, $2, $3)', [data.token, ctx.retryCount, runnerName]);
      } finally {
        await client.end();
      }
      if (ctx.retryCount < (data.failTimes ?? 0)) throw new Error(`planned failure ${ctx.retryCount}`);
    };
    jobs.register({ name: RECORD, retryDelaySeconds: 1, retryBackoff: false, handler });
    jobs.register({ name: RECORD_PER_KEY, policy: 'stately', handler });
  }
}
let runnerName = '';

@Module({ providers: [RecordingJobs] })
class RecordingModule {}

async function startServer(url: string, roles: string, name: string) {
  runnerName = name;
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(testConfig({ BOOTFLEET_ROLES: roles, BOOTFLEET_SHUTDOWN_TIMEOUT_MS: '2000' })), PrismaModule.forRoot(url), JobsModule, RecordingModule],
  }).compile();
  const app = moduleRef.createNestApplication();
  await app.init();
  return { app, jobs: app.get(JobQueue) };
}

async function runs(db: TestDatabase, token: string): Promise<{ attempt: number; runner: string }[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const { rows } = await client.query('SELECT attempt, runner FROM test_job_runs WHERE token = $1 ORDER BY attempt', [token]);
  await client.end();
  return rows as { attempt: number; runner: string }[];
}

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('JobQueue on PostgreSQL', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.TEST_JOBS_DB = db.url;
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE TABLE test_job_runs (token text, attempt int, runner text)');
    await client.end();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('runs a job enqueued before a restart once the server is back', async () => {
    // A server without the worker role accepts the job but cannot run it, then goes away.
    const first = await startServer(db.url, 'api', 'first');
    const id = await first.jobs.enqueue(RECORD, { token: 'restart' });
    expect(id).toBeTruthy();
    await first.app.close();
    expect(await runs(db, 'restart')).toEqual([]);

    const second = await startServer(db.url, 'api,worker,scheduler', 'second');
    try {
      const done = await waitFor(() => runs(db, 'restart'), (r) => r.length === 1);
      expect(done).toEqual([{ attempt: 0, runner: 'second' }]);
    } finally {
      await second.app.close();
    }
  });

  it('retries a failing job with its delay until it succeeds', async () => {
    const server = await startServer(db.url, 'api,worker', 'retrier');
    try {
      await server.jobs.enqueue(RECORD, { token: 'retry', failTimes: 2 });
      const attempts = await waitFor(() => runs(db, 'retry'), (r) => r.length === 3);
      expect(attempts.map((a) => a.attempt)).toEqual([0, 1, 2]);
      // Nothing runs after success.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await runs(db, 'retry')).length).toBe(3);
    } finally {
      await server.app.close();
    }
  });

  it('runs each job exactly once with two servers on one database', async () => {
    const a = await startServer(db.url, 'api,worker', 'a');
    const b = await startServer(db.url, 'api,worker', 'b');
    try {
      const tokens = Array.from({ length: 60 }, (_, i) => `pair-${i}`);
      await Promise.all(tokens.map((token, i) => (i % 2 ? a : b).jobs.enqueue(RECORD, { token })));
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const count = async () => Number((await client.query("SELECT count(*) FROM test_job_runs WHERE token LIKE 'pair-%'")).rows[0].count);
      await waitFor(count, (n) => n >= tokens.length);
      // Give a would-be duplicate time to show up before judging.
      await new Promise((r) => setTimeout(r, 1500));
      const { rows } = await client.query("SELECT token, count(*)::int AS n FROM test_job_runs WHERE token LIKE 'pair-%' GROUP BY token");
      await client.end();
      expect(rows).toHaveLength(tokens.length);
      expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    } finally {
      await Promise.all([a.app.close(), b.app.close()]);
    }
  });

  it('keeps one queued job per singleton key', async () => {
    const server = await startServer(db.url, 'api', 'singleton');
    try {
      const first = await server.jobs.enqueue(RECORD_PER_KEY, { token: 's1' }, { singletonKey: 'host-1', startAfter: new Date(Date.now() + 60_000) });
      const second = await server.jobs.enqueue(RECORD_PER_KEY, { token: 's2' }, { singletonKey: 'host-1', startAfter: new Date(Date.now() + 60_000) });
      const other = await server.jobs.enqueue(RECORD_PER_KEY, { token: 's3' }, { singletonKey: 'host-2', startAfter: new Date(Date.now() + 60_000) });
      expect(first).toBeTruthy();
      expect(second).toBeNull();
      expect(other).toBeTruthy();
    } finally {
      await server.app.close();
    }
  });

  it('queues many jobs at once, one per singleton key, and runs each once', async () => {
    const api = await startServer(db.url, 'api', 'bulk-api');
    try {
      // Queued while no worker runs: the second item of key k1 and the one already queued for k2 are dropped.
      await api.jobs.enqueue(RECORD_PER_KEY, { token: 'bulk-k2-first' }, { singletonKey: 'k2' });
      await api.jobs.enqueueMany(RECORD_PER_KEY, [
        { data: { token: 'bulk-k1' }, singletonKey: 'k1' },
        { data: { token: 'bulk-k1-again' }, singletonKey: 'k1' },
        { data: { token: 'bulk-k2' }, singletonKey: 'k2' },
        { data: { token: 'bulk-k3' }, singletonKey: 'k3' },
      ]);
    } finally {
      await api.app.close();
    }
    const worker = await startServer(db.url, 'worker', 'bulk-worker');
    try {
      for (const token of ['bulk-k1', 'bulk-k2-first', 'bulk-k3']) expect(await waitFor(() => runs(db, token), (r) => r.length === 1)).toEqual([{ attempt: 0, runner: 'bulk-worker' }]);
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await runs(db, 'bulk-k1-again')).length + (await runs(db, 'bulk-k2')).length).toBe(0);
    } finally {
      await worker.app.close();
    }
  });
});
