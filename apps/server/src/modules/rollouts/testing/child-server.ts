import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ApiClient } from '../../auth/testing/api-client';

/** The built server, as `npm start` runs it: these tests kill real processes. */
export const SERVER_MAIN = path.resolve(__dirname, '../../../../dist/main.js');
const ADMIN = { username: 'admin', password: 'kill-and-restart-pw' };

export interface ChildServer {
  readonly pid: number;
  readonly baseUrl: string;
  /** Everything it printed (for failure messages). */
  output(): string;
  signIn(): Promise<ApiClient>;
  /** SIGKILL: no shutdown hooks, leases stay held until they expire. */
  kill(): Promise<void>;
  /** SIGTERM: the server's own graceful shutdown. */
  stop(): Promise<void>;
}

/** Settings every server of one test shares: one database, one secret key for sealed credentials. */
export interface ServerFarm {
  /** `env` adds to (or overrides) the farm's variables for this server only. */
  start(env?: Record<string, string>): Promise<ChildServer>;
  stopAll(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function signIn(baseUrl: string): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  await client.login(ADMIN.username, ADMIN.password);
  return client;
}

/** Spawns built servers on `databaseUrl` with only their own variables (plus PATH). Fails loudly without a build. */
export function serverFarm(databaseUrl: string, env: Record<string, string> = {}): ServerFarm {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: build the server first (cd apps/server && npx tsc -p tsconfig.build.json; npm test does)`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bootfleet-crash-'));
  const secretKey = randomBytes(32).toString('base64');
  const children = new Set<ChildProcess>();
  return {
    async start(serverEnv = {}) {
      const port = await freePort();
      const child = spawn(process.execPath, [SERVER_MAIN], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: databaseUrl,
          BOOTFLEET_DATA_DIR: dataDir,
          BOOTFLEET_PORT: String(port),
          BOOTFLEET_LISTEN_HOST: '127.0.0.1',
          BOOTFLEET_LOG_LEVEL: 'warn',
          BOOTFLEET_SECRET_KEY: secretKey,
          BOOTFLEET_ADMIN_USERNAME: ADMIN.username,
          BOOTFLEET_ADMIN_PASSWORD: ADMIN.password,
          BOOTFLEET_WEB_DIR: dataDir,
          BOOTFLEET_SSH_CONNECT_TIMEOUT_MS: '2000',
          ...env,
          ...serverEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      let output = '';
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const end = async (signal: NodeJS.Signals) => {
        child.kill(signal);
        await exited;
        children.delete(child);
      };
      const baseUrl = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
        const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.status === 200, () => false);
        if (ok) break;
        if (Date.now() > deadline) throw new Error(`server not healthy within 60 s: ${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      return {
        pid: child.pid!,
        baseUrl,
        output: () => output,
        signIn: () => signIn(baseUrl),
        kill: () => end('SIGKILL'),
        stop: () => end('SIGTERM'),
      };
    },
    async stopAll() {
      await Promise.all([...children].map(async (c) => {
        c.kill('SIGKILL');
        if (c.exitCode === null) await new Promise((r) => c.once('exit', r));
      }));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
