// Installs the Debian packages the suite needs (scripts/debian-packages.txt) when some are missing.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { log, ROOT, run } from './setup.mjs';

export function requiredDebianPackages() {
  return readFileSync(path.join(ROOT, 'scripts', 'debian-packages.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

function missing(packages) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Abbrev}\n', ...packages], { encoding: 'utf8' });
  const installed = new Set(
    r.stdout
      .split('\n')
      .filter((l) => / ii\s*$/.test(l))
      .map((l) => l.split(' ')[0]),
  );
  return packages.filter((p) => !installed.has(p));
}

export function ensureDebianPackages() {
  const needed = missing(requiredDebianPackages());
  if (needed.length === 0) return;
  if (process.getuid?.() !== 0) {
    log(`missing Debian packages (run as root to install them): ${needed.join(' ')}`);
    return;
  }
  log(`installing Debian packages: ${needed.join(' ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...needed], { env });
}
