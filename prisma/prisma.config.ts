// Prisma CLI configuration (generate, migrate). Prisma 6.19's JS (Wasm) schema engine is used so
// that migrations run offline; the adapter below works around its known defects on this stack.
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { defineConfig } from 'prisma/config';

// `prisma generate` never connects, but without a URL it tries to download an engine.
const PLACEHOLDER_URL = 'postgresql://generate-only@127.0.0.1:1/none';
process.env.DATABASE_URL ??= PLACEHOLDER_URL;
process.env.CHECKPOINT_DISABLE ??= '1';
process.env.SCARF_ANALYTICS ??= 'false';

// PostgreSQL system types the Wasm engine cannot deserialise when it reads the catalogs
// (prisma/prisma#27403). Reporting them as text (OID 25) is enough for introspection.
const SYSTEM_TYPE_OIDS = new Set([18, 19, 22, 24, 28, 29, 30, 194, 1002, 1003, 1034, 2205, 2206, 3361, 3402, 5017]);
const TEXT_OID = 25;

function reportSystemTypesAsText(res: pg.QueryResult | undefined): void {
  for (const field of res?.fields ?? []) {
    if (SYSTEM_TYPE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
}

// pg.Pool calls client.query(config, values, callback); direct users get a promise. Patch both.
class CatalogSafeClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: Error | null, res?: pg.QueryResult) => void;
      args[last] = (err: Error | null, res?: pg.QueryResult) => {
        if (!err) reportSystemTypesAsText(res);
        callback(err, res);
      };
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as (...a: any[]) => any)(...args);
    if (!result || typeof result.then !== 'function') return result;
    return result.then((res: pg.QueryResult) => {
      reportSystemTypesAsText(res);
      return res;
    });
  }
}

function discreteConfig(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    // The Wasm engine never closes its pool: let the process exit when it is idle.
    allowExitOnIdle: true,
    Client: CatalogSafeClient,
  };
}

// The stock shadow database opens a pool with the main URL, whose database name wins, and drops the
// database while its own pool is still connected. Give it its own, uniquely named database instead.
class MigratePg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }

  override async connectToShadowDb() {
    const database = `prisma_shadow_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ ...this.poolConfig, Client: undefined } as pg.ClientConfig);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const shadow = new PrismaPg({ ...this.poolConfig, database });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await adapter.underlyingDriver().end().catch(() => undefined);
      const dropper = new pg.Client({ ...this.poolConfig, Client: undefined } as pg.ClientConfig);
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${database}"`);
      await dropper.end();
    };
    return adapter;
  }
}

// The engine leaves 10 s and 60 s timers behind, which keep the CLI alive long after it is done.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
  const timer = setTimeoutOriginal(fn, ms, ...rest);
  if ((ms ?? 0) >= 10_000) timer.unref();
  return timer;
}) as typeof setTimeout;

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: path.join(__dirname, 'schema'),
  migrations: { path: path.join(__dirname, 'migrations') },
  adapter: async () => new MigratePg(discreteConfig(process.env.DATABASE_URL ?? PLACEHOLDER_URL)),
});
