import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const SERVER_DIR = path.resolve(__dirname, '..');
export const BENCH_ADMIN = { username: 'bench-admin', password: 'bench-admin-password-1' };

export interface BenchServer {
  baseUrl: string;
  pid: number;
  /** Signed in as the admin: cookie and CSRF header for every request. */
  headers: Record<string, string>;
  cookie: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The built server (`npm run build -w apps/server`) as production runs it, on the given database. */
export async function startBenchServer(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bootfleet-bench-'));
  // BENCH_CPU_PROF_DIR=DIR writes the server's CPU profile there on stop (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, path.join(SERVER_DIR, 'dist/main.js')], {
    cwd: SERVER_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      BOOTFLEET_PORT: String(port),
      BOOTFLEET_LISTEN_HOST: '127.0.0.1',
      BOOTFLEET_DATA_DIR: dataDir,
      BOOTFLEET_WEB_DIR: path.resolve(SERVER_DIR, '../web/dist'),
      BOOTFLEET_ADMIN_USERNAME: BENCH_ADMIN.username,
      BOOTFLEET_ADMIN_PASSWORD: BENCH_ADMIN.password,
      ...env,
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await until('the server to become healthy', async () => (await fetch(`${baseUrl}/api/health`)).ok, 120_000);
    const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_ADMIN) });
    if (res.status !== 200) throw new Error(`signing in failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await res.json()) as { csrfToken: string | null };
    return { baseUrl, pid: child.pid!, cookie, headers: { cookie, ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
