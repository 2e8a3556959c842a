import { spawn } from 'node:child_process';
import path from 'node:path';

const PRISMA_DIR = path.resolve(__dirname, '../../../../../prisma');

/** Paths the Prisma CLI needs; resolved from the installed packages, never from the environment. */
export function prismaCliPaths(): { cli: string; config: string } {
  return { cli: require.resolve('prisma/build/index.js'), config: path.join(PRISMA_DIR, 'prisma.config.ts') };
}

/** Applies committed migrations (`prisma migrate deploy`): idempotent, safe on every start. */
export async function migrateDeploy(databaseUrl: string): Promise<string> {
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
