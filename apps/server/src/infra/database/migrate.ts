import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

const PRISMA_DIR = path.resolve(__dirname, '../../../../../prisma');

/** Paths the Prisma CLI needs; resolved from the installed packages, never from the environment. */
export function prismaCliPaths(): { cli: string; config: string } {
  return { cli: require.resolve('prisma/build/index.js'), config: path.join(PRISMA_DIR, 'prisma.config.ts') };
}

/**
 * Whether every committed migration is already applied. Asking the database directly takes a few
 * milliseconds, where starting the Prisma CLI takes seconds: restarts with nothing new stay fast.
 */
async function upToDate(databaseUrl: string): Promise<boolean> {
  const committed = (await readdir(path.join(PRISMA_DIR, 'migrations'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return committed.every((name) => applied.has(name));
  } catch {
    // No migrations table yet: a new database.
    return false;
  } finally {
    await client.end();
  }
}

/** Applies committed migrations (`prisma migrate deploy`) unless all are applied already. */
export async function migrateDeploy(databaseUrl: string): Promise<string> {
  if (await upToDate(databaseUrl)) return 'all migrations already applied';
  const { cli, config } = prismaCliPaths();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'migrate', 'deploy', '--config', config], {
      // Only what the CLI needs: the server's own environment stays with the config module.
      env: { DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1', SCARF_ANALYTICS: 'false', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`)),
    );
  });
}
