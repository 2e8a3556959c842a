// Shared set-up for `npm start`, `npm test`, `npm run bench` and `npm run demo`: everything a fresh
// clone needs, each step skipped when its inputs have not changed since it last ran.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STAMPS = path.join(ROOT, 'node_modules', '.cache', 'bootfleet');

export function log(message) {
  process.stdout.write(`\u001b[36m[bootfleet]\u001b[0m ${message}\n`);
}

/** Runs a command in the repository, streaming its output; throws when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

/** A fingerprint of files: paths, sizes and modification times (cheap, and enough to notice edits). */
function fingerprint(paths) {
  const hash = createHash('sha256');
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name === 'node_modules' || name === 'dist' || name === '.cache') continue;
        visit(path.join(p, name));
      }
    } else {
      hash.update(`${path.relative(ROOT, p)}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const p of paths) visit(path.join(ROOT, p));
  return hash.digest('hex');
}

/** Runs `step` unless the inputs' fingerprint matches the one recorded after its last success. */
function once(name, inputs, outputs, step) {
  const stamp = path.join(STAMPS, `${name}.stamp`);
  const current = fingerprint(inputs);
  const outputsPresent = outputs.every((o) => existsSync(path.join(ROOT, o)));
  if (outputsPresent && existsSync(stamp) && readFileSync(stamp, 'utf8') === current) return false;
  step();
  mkdirSync(STAMPS, { recursive: true });
  writeFileSync(stamp, fingerprint(inputs));
  return true;
}

export function installDependencies() {
  once('npm-install', ['package.json', 'package-lock.json', ...workspaceManifests()], ['node_modules/.package-lock.json'], () => {
    log('installing npm dependencies');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  });
}

function workspaceManifests() {
  const { workspaces } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return workspaces.map((w) => `${w}/package.json`);
}

export function generatePrismaClient() {
  once('prisma-generate', ['prisma/schema.prisma'], ['apps/server/src/generated/prisma/client.ts'], () => {
    log('generating the Prisma client');
    run('npx', ['prisma', 'generate', '--config', path.join(ROOT, 'prisma/prisma.config.ts')], { cwd: path.join(ROOT, 'apps/server'), env: { CHECKPOINT_DISABLE: '1' } });
  });
}

const BUILD_ORDER = [
  { ws: 'packages/oci', out: 'packages/oci/dist/index.js' },
  { ws: 'packages/agent', out: 'packages/agent/dist/index.js' },
  { ws: 'packages/host-sim', out: 'packages/host-sim/dist/index.js' },
  { ws: 'packages/iso-builder', out: 'packages/iso-builder/dist/index.js' },
  { ws: 'apps/server', out: 'apps/server/dist/main.js' },
  { ws: 'apps/web', out: 'apps/web/dist/index.html' },
];

/** Builds every workspace whose sources (or whose dependencies' sources) changed. */
export function buildAll() {
  const common = ['tsconfig.base.json', 'package-lock.json'];
  let upstreamChanged = false;
  for (const { ws, out } of BUILD_ORDER) {
    if (!existsSync(path.join(ROOT, ws, 'package.json'))) continue;
    const inputs = [...common, `${ws}/src`, `${ws}/package.json`, `${ws}/tsconfig.json`, `${ws}/tsconfig.build.json`, `${ws}/index.html`, `${ws}/vite.config.ts`, `${ws}/bin`];
    if (ws === 'apps/server') inputs.push('prisma/schema.prisma');
    const built = once(`build-${ws.replace('/', '-')}`, inputs, [out], () => {
      log(`building ${ws}`);
      run('npm', ['run', 'build', '-w', ws]);
    });
    if (upstreamChanged && !built) {
      log(`building ${ws} (a dependency changed)`);
      run('npm', ['run', 'build', '-w', ws]);
    }
    upstreamChanged ||= built;
  }
}

export function setUp() {
  installDependencies();
  generatePrismaClient();
  buildAll();
}
