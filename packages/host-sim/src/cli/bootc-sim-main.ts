// `bootc`, `systemctl` and `reboot` as real executables over a state file, so a real OpenSSH sshd
// can serve the simulator. Registry credentials come from files under the host's simulated root
// (`<dir of state file>/root/etc/ostree/auth.json`, ...), not from the machine's real /etc.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hostCommands } from '../host/host-commands';
import { OSTREE_AUTH_PATHS, REGISTRIES_CONF_DIR } from '../registry/host-registry-config';
import { RegistryImageFetcher } from '../registry/image-fetcher';
import { reboot, softReboot } from '../state/host-state';
import { VirtualFs } from '../shell/virtual-fs';
import { readStateFile, writeStateFile } from './state-file';

export const STATE_ENV = 'BOOTC_SIM_STATE';

/** The files under root that bootc's registry access depends on, loaded into a VirtualFs. */
export function loadHostFiles(root: string): VirtualFs {
  const files: Record<string, string> = {};
  const add = (path: string) => {
    const real = join(root, path);
    if (existsSync(real)) files[path] = readFileSync(real, 'utf8');
  };
  OSTREE_AUTH_PATHS.forEach(add);
  for (const dir of [REGISTRIES_CONF_DIR, '/etc/containers/certs.d']) {
    if (!existsSync(join(root, dir))) continue;
    for (const entry of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) add(join(dir, entry));
  }
  return new VirtualFs(files);
}

export interface MainIo {
  env: NodeJS.ProcessEnv;
  isRoot: boolean;
  write(stream: 'stdout' | 'stderr', text: string): void;
}

export async function bootcSimMain(argv: string[], io: MainIo): Promise<number> {
  const statePath = io.env[STATE_ENV];
  if (!statePath) {
    io.write('stderr', `bootc-sim: ${STATE_ENV} is not set\n`);
    return 1;
  }
  const file = readStateFile(statePath);
  let state = file.state;
  const fs = loadHostFiles(join(dirname(statePath), 'root'));
  const fetcher = new RegistryImageFetcher(file.registries);
  const commands = hostCommands({
    hostname: 'localhost',
    kernelRelease: '6.12.0-55.el10.x86_64',
    machine: state.architecture === 'arm64' ? 'aarch64' : 'x86_64',
    degraded: file.degraded ?? false,
    getState: () => state,
    setState: (next) => (state = next),
    bootcContext: () => ({
      fetch: (image) => fetcher.fetch(image, fs, state.architecture),
      sysrootLocked: () => false,
      waitForSysrootLock: () => Promise.resolve(),
      diskFull: file.diskFull ?? false,
    }),
  });
  const name = argv[0] ?? '';
  const handler = commands[name];
  if (!handler) {
    io.write('stderr', `bootc-sim: unknown command ${name}\n`);
    return 127;
  }
  const user = { name: io.isRoot ? 'root' : 'user', isRoot: io.isRoot };
  const outcome = await handler({ argv, user, fs, readFile: (p) => fs.read(p), stdin: () => Promise.resolve('') });
  if (outcome.reboot === 'reboot') state = reboot(state, randomUUID());
  if (outcome.reboot === 'soft-reboot') state = softReboot(state);
  if (state !== file.state) writeStateFile(statePath, { ...file, state });
  if (outcome.stdout) io.write('stdout', outcome.stdout);
  if (outcome.stderr) io.write('stderr', outcome.stderr);
  return outcome.exitCode;
}
