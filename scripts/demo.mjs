#!/usr/bin/env node
// `npm run demo`: bootfleet with no real hosts. Starts a docker-registry with an image (1.0, then 1.1
// on the same tag so that an update shows), 12 simulated bootc hosts behind real SSH, and the server
// on its own embedded database under ./.data/demo (reset on every run; the user's data is never
// touched). Enrolls the hosts through the API's bulk import and prints the URL and the admin sign-in.
// Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { log, ROOT, setUp } from './lib/setup.mjs';

const HOSTS = 12;
const PORT = Number(process.env.BOOTFLEET_PORT ?? 8080);
const DATA_DIR = path.resolve(ROOT, process.env.BOOTFLEET_DEMO_DIR ?? '.data/demo');
const ADMIN = { username: 'admin', password: `demo-${randomBytes(6).toString('hex')}` };
const START_TIMEOUT_MS = 120_000;
const POLL_MS = 250;

async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** A signed-in API client: session cookie plus the CSRF token the server asks mutations to echo. */
async function signIn(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (res.status !== 200) throw new Error(`signing in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = await res.json();
  return async (method, route, body) => {
    const r = await fetch(`${baseUrl}${route}`, {
      method,
      headers: { cookie, ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${route}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

const stops = [];
let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  log('stopping the demo');
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(`[bootfleet] ${e.message}`));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function main() {
  setUp();
  const require = createRequire(import.meta.url);
  const { startRegistry, pushTestImage } = require(path.join(ROOT, 'packages/oci/dist/testing/index.js'));
  const { startFleet } = require(path.join(ROOT, 'packages/host-sim/dist/index.js'));

  rmSync(DATA_DIR, { recursive: true, force: true });
  const simDir = path.join(DATA_DIR, 'sim');
  mkdirSync(simDir, { recursive: true });

  log('starting a docker-registry with fleet/os:stable = 1.0');
  const registry = await startRegistry();
  stops.push(() => registry.stop());
  await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.0' });

  log(`starting ${HOSTS} simulated bootc hosts`);
  const fleet = await startFleet({
    count: HOSTS,
    registry: { url: registry.url },
    image: `${registry.host}/fleet/os:stable`,
    addressPrefix: '127.150',
    namePrefix: 'demo-',
    rebootDelayMs: 3000,
    workDir: simDir,
  });
  stops.push(() => fleet.stop());

  log(`starting the server on http://127.0.0.1:${PORT}`);
  const env = { ...process.env, BOOTFLEET_PORT: String(PORT), BOOTFLEET_DATA_DIR: DATA_DIR, BOOTFLEET_ADMIN_USERNAME: ADMIN.username, BOOTFLEET_ADMIN_PASSWORD: ADMIN.password };
  // The demo always uses its own embedded database, never the one DATABASE_URL names.
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, [path.join(ROOT, 'apps/server/dist/main.js')], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  stops.push(async () => {
    server.kill('SIGTERM');
    await exited;
  });
  server.once('exit', (code) => !stopping && void stopAll(code ?? 1));
  const baseUrl = `http://127.0.0.1:${PORT}`;
  await until('the server to become healthy', async () => (await fetch(`${baseUrl}/api/health`)).ok, START_TIMEOUT_MS);

  const api = await signIn(baseUrl);
  const reg = await api('POST', '/api/registries', { name: 'demo-registry', url: registry.url });
  const image = await api('POST', '/api/images', { registryId: reg.id, repository: 'fleet/os', tag: 'stable' });

  log(`enrolling the ${HOSTS} hosts (bulk import of the simulator's inventory)`);
  const privateKey = await readFile(fleet.keyPath, 'utf8');
  const { jobId } = await api('POST', '/api/hosts/import', {
    text: await readFile(fleet.inventoryPath, 'utf8'),
    credential: { kind: 'private-key', privateKey },
    defaults: { labels: { env: 'demo' }, group: null },
  });
  const job = await until('the import to finish', async () => {
    const j = await api('GET', `/api/jobs/${jobId}`);
    return j.state === 'succeeded' || j.state === 'failed' ? j : undefined;
  }, START_TIMEOUT_MS);
  if (job.state !== 'succeeded') throw new Error(`the import failed: ${JSON.stringify(job.result ?? job.error)}`);

  log('pushing fleet/os:stable = 1.1, so every host has an update available');
  await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.1' });
  await api('POST', `/api/images/${image.id}/refresh`);

  writeFileSync(path.join(DATA_DIR, 'admin.txt'), `${ADMIN.username}\n${ADMIN.password}\n`, { mode: 0o600 });
  process.stdout.write(
    [
      '',
      `  bootfleet demo is running: ${baseUrl}`,
      `  sign in as ${ADMIN.username} / ${ADMIN.password}`,
      `  ${HOSTS} simulated hosts (fleet/os 1.0, update 1.1 available), registry ${registry.url}`,
      `  simulator inventory: ${fleet.inventoryPath}`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch(async (err) => {
  console.error(`[bootfleet] demo failed: ${err.message}`);
  await stopAll(1);
});
