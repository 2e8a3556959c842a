#!/usr/bin/env node
// `npm test`: installs what the suite needs (Debian packages as root, npm dependencies), builds, then
// runs lint, typecheck, unit, integration, boot and e2e tiers and the compose check, and ends with one
// summary line. Any failure makes the exit status non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { log, ROOT, setUp } from './lib/setup.mjs';
import { ensureDebianPackages } from './lib/debian.mjs';

const RESULTS = path.join(ROOT, '.tmp', 'test-results');
const only = process.argv.slice(2); // e.g. `npm test -- unit int` runs just those steps

const steps = [
  { name: 'lint', run: () => check('npm', ['run', 'lint']) },
  { name: 'typecheck', run: () => check('npm', ['run', 'typecheck']) },
  { name: 'unit', run: () => vitest('unit') },
  { name: 'int', run: () => vitest('int') },
  { name: 'boot', run: () => vitest('boot') },
  { name: 'e2e', run: () => playwright() },
  { name: 'compose', run: () => check('docker-compose', ['-f', 'docker-compose.yml', 'config', '--quiet']) },
];

function check(command, args) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  return { ok: r.status === 0, passed: 0, failed: 0, skipped: 0 };
}

function vitest(tier) {
  const out = path.join(RESULTS, `${tier}.json`);
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, TIER: tier },
  });
  if (!existsSync(out)) return { ok: false, passed: 0, failed: 1, skipped: 0, note: 'no results written' };
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const failedSuites = report.numFailedTestSuites ?? 0;
  return {
    ok: r.status === 0 && report.numFailedTests === 0 && failedSuites === 0,
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numFailedTests === 0 ? failedSuites : 0),
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwright() {
  const out = path.join(RESULTS, 'e2e.json');
  const r = spawnSync('npx', ['playwright', 'test', '--reporter=list,json'], {
    cwd: path.join(ROOT, 'e2e'),
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
  });
  if (!existsSync(out)) return { ok: false, passed: 0, failed: 1, skipped: 0, note: 'no results written' };
  const { stats } = JSON.parse(readFileSync(out, 'utf8'));
  return { ok: r.status === 0 && stats.unexpected === 0, passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

const t0 = Date.now();
try {
  ensureDebianPackages();
  setUp();
} catch (err) {
  console.error(`[bootfleet] set-up failed: ${err.message}`);
  console.log('total: 0 passed, 1 failed');
  process.exit(1);
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const results = [];
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  log(`── ${step.name} ──`);
  const started = Date.now();
  const result = step.run();
  results.push({ name: step.name, seconds: (Date.now() - started) / 1000, ...result });
}

// A failed step that counted no failing test (lint, typecheck, a crash) still counts as one failure.
const failuresOf = (r) => (r.ok ? r.failed : Math.max(r.failed, 1));
const total = results.reduce(
  (t, r) => ({ passed: t.passed + r.passed, failed: t.failed + failuresOf(r), skipped: t.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
log('── summary ──');
for (const r of results) {
  const counts = r.passed || r.failed || r.skipped ? ` ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped` : '';
  log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(10)}${counts} (${r.seconds.toFixed(0)} s)${r.note ? ` ${r.note}` : ''}`);
}
log(`whole suite: ${((Date.now() - t0) / 60000).toFixed(1)} min`);
console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
