#!/usr/bin/env node
// `npm start`: set up whatever is missing or stale, then run the server with the dashboard. Without
// DATABASE_URL the server starts its embedded PostgreSQL under ./.data.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { log, ROOT, setUp } from './lib/setup.mjs';

const t0 = Date.now();
try {
  setUp();
} catch (err) {
  console.error(`[bootfleet] set-up failed: ${err.message}`);
  process.exit(1);
}
log(`set-up done in ${((Date.now() - t0) / 1000).toFixed(1)} s; starting the server`);

const server = spawn(process.execPath, [path.join(ROOT, 'apps/server/dist/main.js')], { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
