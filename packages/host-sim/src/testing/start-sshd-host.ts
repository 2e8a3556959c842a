// A simulated bootc host behind a REAL OpenSSH sshd: its own config, host key, PidFile and
// AuthorizedKeysFile on a free loopback port, a non-root login user with /bin/sh and NOPASSWD sudo
// whose secure_path finds the `bootc` shim first. Differences from a SimHost served by ssh2: reboots
// rotate the state file but cannot drop the connection or take sshd down, and /proc, hostname and
// uname are the machine's own.
import { waitUntil } from '@bootfleet/oci/testing';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { registryFiles, resolveImage, type ProvisionOptions, type ResolvedImage, type SimRegistry } from '../fleet/sim-node';
import { readStateFile, writeStateFile, type SimStateFile } from '../cli/state-file';
import { STATE_ENV } from '../cli/bootc-sim-main';
import { createHostState } from '../state/host-state';
import type { HostState, TimerState } from '../state/types';
import { fingerprintOf, generateEd25519 } from '../ssh/host-key';
import { simExecutableDir } from './sim-executable';
import { acceptsConnections } from './tcp-probe';

const PRIVSEP_DIR = '/run/sshd';

const run = promisify(execFile);
const SETUP_LOCK = '/tmp/bootfleet-host-sim.lock';

export interface SshdHostOptions {
  /** Resolve the booted image through this registry; without it, a placeholder image is booted. */
  registry?: SimRegistry;
  /** `HOST:PORT/REPO:TAG`; default a placeholder reference. */
  image?: string;
  rollbackImage?: string;
  address?: string;
  /** Login user, created if missing. Default `bootfleet-sim`. */
  user?: string;
  bootcVersion?: string;
  autoUpdateTimer?: TimerState;
  /** Files under the host's simulated root (e.g. `/etc/ostree/auth.json`). */
  files?: Record<string, string>;
  provision?: ProvisionOptions;
}

export interface SshdHost {
  address: string;
  port: number;
  user: string;
  /** Private key (OpenSSH format) that logs in as user. */
  keyPath: string;
  hostKeyFingerprint: string;
  /** BOOTC_SIM_STATE of this host; its directory holds `root/` (the simulated /etc for registry files). */
  statePath: string;
  readState(): HostState;
  updateStateFile(change: (file: SimStateFile) => SimStateFile): void;
  stop(): Promise<void>;
}

function placeholderImage(ref: string): ResolvedImage {
  return {
    image: { image: ref, transport: 'registry' },
    fetched: { digest: `sha256:${createHash('sha256').update(ref).digest('hex')}`, version: null, created: null, architecture: 'amd64' },
  };
}

async function ensureUserAndSudo(user: string, binDir: string): Promise<void> {
  const sudoers = [
    `${user} ALL=(ALL) NOPASSWD: ALL`,
    `Defaults:${user} secure_path="${binDir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"`,
    `Defaults:${user} env_keep += "${STATE_ENV}"`,
    `Defaults:${user} !requiretty`,
    '',
  ].join('\n');
  const target = `/etc/sudoers.d/bootfleet-host-sim-${user}`;
  const tmp = `/etc/sudoers.d/.bootfleet-host-sim-${user}.${process.pid}`;
  // `*` (not `!`) as password: no password login, but the account is not locked, which sshd
  // without PAM would refuse.
  const script = `id -u ${user} >/dev/null 2>&1 || useradd -m -s /bin/sh -p '*' ${user}`;
  await run('flock', [SETUP_LOCK, 'sh', '-c', script]);
  await writeFile(tmp, sudoers, { mode: 0o440 });
  await run('visudo', ['-cqf', tmp]);
  await rename(tmp, target);
}

function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, address, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForSshd(child: ChildProcess, address: string, port: number, stderr: () => string): Promise<void> {
  await waitUntil(`sshd listening on ${address}:${port}`, async () => {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${stderr()}`);
    return (await acceptsConnections(address, port)) || undefined;
  }, 10_000, 25);
}

export async function startSshdHost(opts: SshdHostOptions = {}): Promise<SshdHost> {
  const user = opts.user ?? 'bootfleet-sim';
  const address = opts.address ?? '127.0.0.1';
  const binDir = await simExecutableDir();
  await ensureUserAndSudo(user, binDir);

  const imageRef = opts.image ?? 'registry.invalid/bootfleet/placeholder:latest';
  const booted = opts.registry ? await resolveImage(opts.registry, imageRef) : placeholderImage(imageRef);
  const rollback = opts.rollbackImage && opts.registry ? await resolveImage(opts.registry, opts.rollbackImage) : undefined;
  const state = createHostState({
    booted,
    ...(rollback ? { rollback } : {}),
    bootId: randomUUID(),
    ...(opts.bootcVersion ? { bootcVersion: opts.bootcVersion } : {}),
    ...(opts.autoUpdateTimer ? { autoUpdateTimer: opts.autoUpdateTimer } : {}),
  });

  const dir = await mkdtemp('/tmp/bootfleet-sshd-host-');
  await chmod(dir, 0o755);
  const hostKey = generateEd25519('bootfleet-sshd-host');
  const clientKey = generateEd25519('bootfleet-sshd-client');
  const statePath = join(dir, 'state.json');
  const keyPath = join(dir, 'client_ed25519');
  await writeFile(join(dir, 'host_ed25519'), hostKey.privateKey, { mode: 0o600 });
  await writeFile(keyPath, clientKey.privateKey, { mode: 0o600 });
  await writeFile(join(dir, 'authorized_keys'), `${clientKey.publicKey}\n`, { mode: 0o644 });
  writeStateFile(statePath, { state, registries: opts.registry ? [{ url: opts.registry.url, ...(opts.registry.caPem ? { caPem: opts.registry.caPem } : {}) }] : [] });
  const rootFiles = { ...(opts.registry ? registryFiles(opts.registry, opts.provision) : {}), ...opts.files };
  for (const [path, content] of Object.entries(rootFiles)) {
    const real = join(dir, 'root', path);
    await mkdir(dirname(real), { recursive: true });
    await writeFile(real, content, { mode: 0o644 });
  }

  const port = await freePort(address);
  const config = [
    `ListenAddress ${address}:${port}`,
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    // The key files live under /tmp, which StrictModes rejects as world-writable.
    'StrictModes no',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'MaxStartups 100:30:200',
    'MaxSessions 100',
    `AllowUsers ${user}`,
    // bootc lives in /usr/bin on a real host; here the shims come first for the login shell too.
    `SetEnv ${STATE_ENV}=${statePath} PATH=${binDir}:/usr/local/bin:/usr/bin:/bin`,
    'LogLevel ERROR',
    '',
  ].join('\n');
  await writeFile(join(dir, 'sshd_config'), config, { mode: 0o644 });

  // sshd started as root refuses to run without its privilege separation directory, which systemd creates at boot
  // only where the ssh service runs: a fresh machine with openssh-server just installed has none.
  if (process.getuid?.() === 0) await mkdir(PRIVSEP_DIR, { recursive: true, mode: 0o755 });
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8192)));
  try {
    await waitForSshd(child, address, port, () => stderr);
  } catch (err) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  return {
    address,
    port,
    user,
    keyPath,
    hostKeyFingerprint: fingerprintOf(hostKey.publicKey),
    statePath,
    readState: () => readStateFile(statePath).state,
    updateStateFile: (change) => writeStateFile(statePath, change(readStateFile(statePath))),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
