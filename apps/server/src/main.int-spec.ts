import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverProcessesOf } from './testing/processes';

// The real entry point (the built server, as `npm start` runs it) with its embedded PostgreSQL:
// data survives a SIGKILL, and a graceful stop also stops the database.

const MAIN = path.resolve(__dirname, '../dist/main.js');
const ADMIN = { username: 'admin', password: 'kill-and-restart-pw' };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function until(what: string, fn: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('server process with the embedded database', () => {
  let dataDir: string;
  let port: number;
  let server: ChildProcess | undefined;
  let output = '';

  function start(extraEnv: Record<string, string> = {}): ChildProcess {
    // The server reads only its own variables; PATH lets it find the tools it runs.
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        BOOTFLEET_DATA_DIR: dataDir,
        BOOTFLEET_PORT: String(port),
        BOOTFLEET_LISTEN_HOST: '127.0.0.1',
        BOOTFLEET_LOG_LEVEL: 'warn',
        BOOTFLEET_ADMIN_USERNAME: ADMIN.username,
        BOOTFLEET_ADMIN_PASSWORD: ADMIN.password,
        BOOTFLEET_WEB_DIR: dataDir,
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    return child;
  }

  const healthy = async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200;

  async function signIn(): Promise<{ cookie: string; csrf: string }> {
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { csrfToken: string };
    return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: body.csrfToken };
  }

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the server first (npm test does)`);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'bootfleet-main-'));
    port = await freePort();
  });

  afterAll(async () => {
    server?.kill('SIGKILL');
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGQUIT');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps everything across a SIGKILL and stops its database on SIGTERM', async () => {
    server = start();
    await until(`first start healthy (output: ${output})`, healthy, 90_000);
    const session = await signIn();
    const created = await fetch(`http://127.0.0.1:${port}/api/registries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: JSON.stringify({ name: 'survivor', url: 'http://127.0.0.1:5999' }),
    });
    expect(created.status).toBe(201);

    server.kill('SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    // Its PostgreSQL is orphaned, still holding the data directory: the next start must cope.
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

    server = start();
    await until(`restart healthy (output: ${output})`, healthy, 90_000);
    const again = await signIn();
    const list = await fetch(`http://127.0.0.1:${port}/api/registries`, { headers: { cookie: again.cookie } });
    expect(JSON.stringify(await list.json())).toContain('survivor');

    server.kill('SIGTERM');
    const code = await new Promise((r) => server!.once('exit', r));
    expect(code).toBe(0);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    server = undefined;
  }, 240_000);

  it('serves from several processes, replaces one that dies, and stops them all on SIGTERM', async () => {
    server = start({ BOOTFLEET_API_PROCESSES: '2' });
    const primary = server.pid!;
    await until(`start with two processes healthy (output: ${output})`, async () => (await healthy()) && serverProcessesOf(primary).length === 2, 90_000);
    const before = serverProcessesOf(primary);
    const session = await signIn();
    for (let i = 0; i < 6; i++) {
      const list = await fetch(`http://127.0.0.1:${port}/api/registries`, { headers: { cookie: session.cookie } });
      expect(list.status).toBe(200); // a session made by one process is valid in the other
    }

    process.kill(before[1]!, 'SIGKILL');
    await until('a replacement process', async () => {
      const now = serverProcessesOf(primary);
      return now.length === 2 && !now.includes(before[1]!) && (await healthy());
    }, 60_000);

    const survivors = serverProcessesOf(primary);
    server.kill('SIGTERM');
    const code = await new Promise((r) => server!.once('exit', r));
    expect(code).toBe(0);
    expect(survivors.filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    server = undefined;
  }, 240_000);
});
