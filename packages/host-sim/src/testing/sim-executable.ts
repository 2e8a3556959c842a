// Builds the `bootc-sim` executable as one self-contained CommonJS bundle (straight from the
// TypeScript sources, no `npm run build` needed) plus `bootc`, `systemctl` and `reboot` shims, in a
// world-readable directory that a sudoers `secure_path` can put first.
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const SIM_BIN_DIR = '/tmp/bootfleet-host-sim/bin';
const ENTRY = resolve(__dirname, '../cli/bootc-sim-entry.ts');
const SHIMS = ['bootc', 'systemctl', 'reboot'];

let built: Promise<string> | undefined;

async function build(): Promise<string> {
  await mkdir(SIM_BIN_DIR, { recursive: true, mode: 0o755 });
  await chmod(SIM_BIN_DIR, 0o755);
  const bundle = join(SIM_BIN_DIR, 'bootc-sim.cjs');
  const tmp = `${bundle}.${process.pid}.tmp`;
  const { build: rolldown } = await import('rolldown');
  await rolldown({
    input: ENTRY,
    platform: 'node',
    resolve: { conditionNames: ['source', 'require', 'node', 'default'] },
    output: { file: tmp, format: 'cjs' },
    logLevel: 'silent',
  });
  // Renames keep concurrent builders (parallel test files) from exposing half-written files.
  await rename(tmp, bundle);
  for (const name of SHIMS) {
    const shim = join(SIM_BIN_DIR, name);
    await writeFile(`${shim}.${process.pid}.tmp`, `#!/bin/sh\nexec ${process.execPath} ${bundle} ${name} "$@"\n`, { mode: 0o755 });
    await rename(`${shim}.${process.pid}.tmp`, shim);
  }
  return SIM_BIN_DIR;
}

/** The directory holding bootc/systemctl/reboot shims; built once per process. */
export function simExecutableDir(): Promise<string> {
  built ??= build();
  return built;
}
