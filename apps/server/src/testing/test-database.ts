import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../infra/database/embedded-postgres';
import { migrateDeploy } from '../infra/database/migrate';

/** The machine's PostgreSQL when it answers, else an embedded one shared by this test process. */
const LOCAL_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

let embedded: Promise<EmbeddedDatabase> | undefined;

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function adminUrl(): Promise<string> {
  if (await reachable(LOCAL_ADMIN_URL)) return LOCAL_ADMIN_URL;
  embedded ??= mkdtemp(path.join(os.tmpdir(), 'bootfleet-test-pg-')).then((dir) =>
    startEmbeddedPostgres(dir, 0, pino({ level: 'warn' })),
  );
  return (await embedded).url;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, migrated database with a unique name; drop() removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = await adminUrl();
  const name = `bootfleet_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  await migrateDeploy(url.toString());
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
