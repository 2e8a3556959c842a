#!/usr/bin/env node
// `npm run bench`: fleet-scale figures (never asserted by tests). Runs every workspace's `bench` script
// with BOOTFLEET_BENCH_DIR pointing at ./bench-results, then prints every figure the benches wrote
// and saves them together in bench-results/summary.json. `npm run bench -- agent` runs matching ones.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { log, ROOT, setUp } from './lib/setup.mjs';
import { ensureDebianPackages } from './lib/debian.mjs';

const OUT = path.join(ROOT, 'bench-results');
const only = process.argv.slice(2);

ensureDebianPackages();
setUp();
mkdirSync(OUT, { recursive: true });

const { workspaces } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const benches = workspaces.filter((ws) => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, ws, 'package.json'), 'utf8'));
  return pkg.scripts?.bench && (only.length === 0 || only.some((o) => ws.includes(o)));
});

const runs = [];
for (const ws of benches) {
  log(`── bench ${ws} ──`);
  const started = Date.now();
  const r = spawnSync('npm', ['run', 'bench', '-w', ws], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, BOOTFLEET_BENCH_DIR: OUT } });
  runs.push({ workspace: ws, ok: r.status === 0, seconds: (Date.now() - started) / 1000 });
}

/** Every number in a bench's JSON, as `path.to.value`. */
function flatten(value, prefix, out) {
  if (typeof value === 'number' || typeof value === 'boolean') out.push([prefix, value]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const results = {};
for (const file of readdirSync(OUT).filter((f) => f.endsWith('.json') && f !== 'summary.json')) {
  results[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(path.join(OUT, file), 'utf8'));
}
log('── figures ──');
for (const [name, data] of Object.entries(results)) {
  console.log(`\n${name}`);
  for (const [key, value] of flatten(data, '', [])) console.log(`  ${key.padEnd(56)} ${typeof value === 'number' ? Number(value.toFixed(3)) : value}`);
}
writeFileSync(path.join(OUT, 'summary.json'), `${JSON.stringify({ at: new Date().toISOString(), runs, results }, null, 2)}\n`);
log(`figures written to ${path.relative(process.cwd(), path.join(OUT, 'summary.json'))}`);
for (const r of runs) if (!r.ok) log(`bench ${r.workspace} failed`);
process.exit(runs.every((r) => r.ok) && existsSync(OUT) ? 0 : 1);
