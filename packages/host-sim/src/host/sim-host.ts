// One simulated bootc host: its state, files, power cycle, faults and a record of every command.
// Transport-agnostic: the SSH server (src/ssh) drives exec() and follows the 'down'/'up' events.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { authenticationRequired, type ImageFetcher } from '../registry/image-fetcher';
import { timerActive } from '../state/auto-update-timer';
import { reboot as rebootState, softReboot, type RebootKind } from '../state/host-state';
import type { HostState } from '../state/types';
import { homeDirectory, type ShellUser } from '../shell/command-types';
import { runShell, type ShellResult } from '../shell/shell';
import { VirtualFs } from '../shell/virtual-fs';
import type { HostFaults } from './faults';
import { hostCommands } from './host-commands';

export const DEFAULT_OS_RELEASE = [
  'NAME="CentOS Stream"', 'VERSION="10 (Coughlan)"', 'ID="centos"', 'ID_LIKE="rhel fedora"', 'VERSION_ID="10"',
  'PLATFORM_ID="platform:el10"', 'PRETTY_NAME="CentOS Stream 10 (Coughlan)"', 'VARIANT="bootc"', 'VARIANT_ID="bootc"', '',
].join('\n');

export interface SimHostOptions {
  name: string;
  hostname?: string;
  state: HostState;
  fetcher: ImageFetcher;
  /** Extra files at boot, e.g. /etc/ostree/auth.json or registries.conf.d drop-ins. */
  files?: Record<string, string>;
  osRelease?: string;
  kernelRelease?: string;
  /** How long a reboot keeps the host down. Default 1000 ms. */
  rebootDelayMs?: number;
  now?: () => number;
}

export type PowerState = 'up' | 'down';

export interface CommandRecord {
  user: string;
  line: string;
  startedAt: number;
  finishedAt: number | null;
  /** null while running, and when the command took the machine down before exiting. */
  exitCode: number | null;
  reboot?: RebootKind;
}

export interface ExecOptions {
  user: ShellUser;
  line: string;
  stdin?: () => Promise<string>;
  /** Record under another name (e.g. `systemd` for the auto-update timer). */
  recordAs?: string;
}

const OCI_TO_UNAME: Record<string, string> = { amd64: 'x86_64', arm64: 'aarch64', ppc64le: 'ppc64le', s390x: 's390x' };

export class SimHost extends EventEmitter<{ down: [RebootKind]; up: []; lock: [] }> {
  readonly name: string;
  readonly hostname: string;
  readonly fs: VirtualFs;
  readonly records: CommandRecord[] = [];
  faults: HostFaults = {};
  private state: HostState;
  private power: PowerState = 'up';
  private bootedAt: number;
  private degraded = false;
  private lockRelease: (() => void) | null = null;
  private lockReleased: Promise<void> = Promise.resolve();
  private upTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  private readonly rebootDelayMs: number;
  private readonly kernelRelease: string;

  constructor(private readonly opts: SimHostOptions) {
    super();
    this.name = opts.name;
    this.hostname = opts.hostname ?? opts.name;
    this.state = opts.state;
    this.now = opts.now ?? Date.now;
    this.bootedAt = this.now();
    this.rebootDelayMs = opts.rebootDelayMs ?? 1000;
    this.kernelRelease = opts.kernelRelease ?? '6.12.0-55.el10.x86_64';
    this.fs = new VirtualFs({
      '/etc/os-release': opts.osRelease ?? DEFAULT_OS_RELEASE,
      '/etc/hostname': `${this.hostname}\n`,
      ...opts.files,
    });
  }

  get powerState(): PowerState {
    return this.power;
  }

  /** A snapshot of the bootc state (for assertions and the control API). */
  get bootcState(): HostState {
    return this.state;
  }

  /** Replaces the bootc state, e.g. to pin a deployment or change the simulated bootc version. */
  setBootcState(state: HostState): void {
    this.state = state;
  }

  get isDegraded(): boolean {
    return this.degraded;
  }

  setFaults(faults: HostFaults): void {
    this.faults = { ...this.faults, ...faults };
    if (!this.faults.upgradeHangs) this.releaseLock();
  }

  clearFaults(): void {
    this.faults = {};
    this.releaseLock();
  }

  private specialFile(path: string): string | undefined {
    if (path === '/proc/sys/kernel/random/boot_id') return `${this.state.bootId}\n`;
    if (path === '/proc/uptime') {
      const up = (this.now() - this.bootedAt) / 1000;
      return `${up.toFixed(2)} ${(up * 1.9).toFixed(2)}\n`;
    }
    return undefined;
  }

  private releaseLock(): void {
    this.lockRelease?.();
    this.lockRelease = null;
  }

  private holdLockWhileHanging(): Promise<void> {
    if (!this.faults.upgradeHangs) return Promise.resolve();
    this.lockReleased = new Promise((resolve) => (this.lockRelease = resolve));
    this.emit('lock');
    return this.lockReleased;
  }

  /** Runs a command line as the host's shell would; resolves when it exits or takes the host down. */
  async exec(opts: ExecOptions): Promise<ShellResult> {
    const record: CommandRecord = { user: opts.recordAs ?? opts.user.name, line: opts.line, startedAt: this.now(), finishedAt: null, exitCode: null };
    this.records.push(record);
    if (this.faults.latencyMs) await delay(this.faults.latencyMs);
    const commands = hostCommands({
      hostname: this.hostname,
      kernelRelease: this.kernelRelease,
      machine: OCI_TO_UNAME[this.state.architecture] ?? this.state.architecture,
      degraded: this.degraded,
      getState: () => this.state,
      setState: (state) => (this.state = state),
      bootcContext: () => ({
        fetch: (image) => {
          if (this.faults.registryAuthFailure) return Promise.reject(authenticationRequired(image));
          return this.opts.fetcher.fetch(image, this.fs, this.state.architecture);
        },
        sysrootLocked: () => this.lockRelease !== null,
        waitForSysrootLock: () => this.lockReleased,
        whileLocked: () => this.holdLockWhileHanging(),
        diskFull: this.faults.diskFull ?? false,
      }),
    });
    const result = await runShell(opts.line, {
      user: opts.user,
      fs: this.loginDirectory(opts.user),
      commands,
      specialFile: (path) => this.specialFile(path),
      sudo: this.faults.sudoPassword ? 'password' : 'nopasswd',
      stdin: opts.stdin ?? (() => Promise.resolve('')),
    });
    record.finishedAt = this.now();
    if (result.reboot) {
      record.reboot = result.reboot;
      // Let the caller flush this command's output before the machine goes away.
      setImmediate(() => this.goDown(result.reboot as RebootKind));
    } else {
      record.exitCode = result.exitCode;
    }
    return result;
  }

  /** sshd starts commands in the user's home directory, or in / when there is none. */
  private loginDirectory(user: ShellUser): VirtualFs {
    const home = homeDirectory(user);
    return this.fs.stat(home)?.kind === 'dir' ? this.fs.at(home) : this.fs;
  }

  /** What `bootc-fetch-apply-updates.service` would do now: `bootc upgrade --apply --quiet` unless the timer is off. */
  async fireAutoUpdateTimer(): Promise<ShellResult | null> {
    if (this.power !== 'up' || !timerActive(this.state)) return null;
    return this.exec({ user: { name: 'root', isRoot: true }, line: '/usr/bin/bootc upgrade --apply --quiet', recordAs: 'systemd' });
  }

  /** Power-cycles the host as `systemctl reboot`/`soft-reboot` would. */
  goDown(kind: RebootKind): void {
    if (this.power === 'down') return;
    const before = this.state;
    this.power = 'down';
    this.releaseLock();
    if (kind === 'soft-reboot') this.state = softReboot(before);
    else if (this.faults.wrongImageAfterReboot) this.state = { ...before, staged: null, rollbackQueued: false, bootId: randomUUID() };
    else this.state = rebootState(before, randomUUID());
    this.emit('down', kind);
    if (this.faults.neverReturnFromReboot) return;
    this.upTimer = setTimeout(() => this.powerOn(), this.rebootDelayMs);
  }

  /** Brings a down host up now (also the way out of `neverReturnFromReboot`). */
  powerOn(): void {
    if (this.upTimer) clearTimeout(this.upTimer);
    this.upTimer = null;
    if (this.power === 'up') return;
    this.degraded = this.faults.degradedAfterReboot ?? false;
    this.bootedAt = this.now();
    this.power = 'up';
    this.emit('up');
  }

  /** Stops timers so a process can exit. */
  dispose(): void {
    if (this.upTimer) clearTimeout(this.upTimer);
    this.releaseLock();
  }
}
