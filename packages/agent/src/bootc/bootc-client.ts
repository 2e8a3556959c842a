import { setTimeout as delay } from 'node:timers/promises';
import { AutoUpdates } from '../auto-updates';
import {
  checkUpgradeArgv, legacyStatusArgv, rebootArgv, rollbackArgv, statusArgv, switchArgv, upgradeArgv,
  type RollbackOptions, type SwitchOptions, type UpgradeOptions,
} from '../command/bootc-argv';
import { AgentError, isAgentError } from '../errors';
import { readBootId, readFacts, type HostFacts } from '../facts';
import { checkHealth, type HealthOptions, type HealthReport } from '../health';
import { writeRegistryAuth, type RegistryAuthInput } from '../registry-auth';
import type { BootcStatus } from '../status/bootc-status';
import { parseBootcStatus } from '../status/parse-bootc-status';
import type { ExecOptions, ExecResult, Executor } from '../transport/executor';
import { commandError, runChecked } from '../transport/run-checked';
import { parseRollbackOutput, parseStageOutput, parseUpgradeCheck, type RollbackOutcome, type StageOutcome, type UpdateCheck } from './bootc-output';

export type CallOptions = Omit<ExecOptions, 'sudo' | 'stdin'>;

export interface ChangeResult extends StageOutcome {
  /** `--apply` took (or is taking) the host down; follow with waitForReboot(). */
  readonly rebooting: boolean;
  readonly stdout: string;
}

export interface RollbackResult extends RollbackOutcome {
  readonly rebooting: boolean;
  readonly stdout: string;
}

export interface WaitForRebootOptions {
  /** A soft reboot keeps boot_id: success is the booted digest moving away from this one. */
  readonly softRebootFromDigest?: string;
  readonly signal?: AbortSignal;
}

export interface RebootedHost {
  readonly bootId: string;
  readonly bootedDigest: string | null;
}

export interface BootcClientOptions {
  /** `bootc status` waits on the sysroot lock during an upgrade; bound it. */
  readonly statusTimeoutMs?: number;
  /** Pulls can take a while on slow links. */
  readonly mutateTimeoutMs?: number;
  readonly pollIntervalMs?: number;
}

// The kernel's SIGKILL of the session during `systemctl reboot` surfaces as 128 + 9.
const KILLED_BY_REBOOT = 137;
const UNKNOWN_FORMAT_FLAG = /(unexpected argument '--format|Found argument '--format' which wasn't expected|unrecognized option '--format)/;
const UNREACHABLE_WHILE_REBOOTING = new Set(['CONNECTION_LOST', 'CONNECT_TIMEOUT', 'COMMAND_TIMEOUT']);

/** The bootc verbs over any Executor (SSH in production, a fake in unit tests). */
export class BootcClient {
  readonly autoUpdates: AutoUpdates;
  private readonly statusTimeoutMs: number;
  private readonly mutateTimeoutMs: number;
  private readonly pollIntervalMs: number;

  constructor(private readonly executor: Executor, options: BootcClientOptions = {}) {
    this.autoUpdates = new AutoUpdates(executor);
    this.statusTimeoutMs = options.statusTimeoutMs ?? 60_000;
    this.mutateTimeoutMs = options.mutateTimeoutMs ?? 30 * 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
  }

  async status(call: CallOptions = {}): Promise<BootcStatus> {
    const options = { timeoutMs: this.statusTimeoutMs, ...call, sudo: true };
    let result = await this.executor.exec(statusArgv(), options);
    if (result.exitCode !== 0 && UNKNOWN_FORMAT_FLAG.test(result.stderr)) {
      result = await this.executor.exec(legacyStatusArgv(), options);
      if (result.exitCode !== 0) throw commandError(legacyStatusArgv(), result);
    } else if (result.exitCode !== 0) throw commandError(statusArgv(), result);
    return parseBootcStatus(result.stdout);
  }

  async checkUpgrade(call: CallOptions = {}): Promise<UpdateCheck> {
    const { stdout } = await runChecked(this.executor, checkUpgradeArgv(), { timeoutMs: this.mutateTimeoutMs, ...call, sudo: true });
    return parseUpgradeCheck(stdout);
  }

  async upgrade(options: UpgradeOptions = {}, call: CallOptions = {}): Promise<ChangeResult> {
    return this.stage(upgradeArgv(options), options.apply === true, call);
  }

  async switch(ref: string, options: SwitchOptions = {}, call: CallOptions = {}): Promise<ChangeResult> {
    return this.stage(switchArgv(ref, options), options.apply === true, call);
  }

  async rollback(options: RollbackOptions = {}, call: CallOptions = {}): Promise<RollbackResult> {
    const argv = rollbackArgv(options);
    const outcome = await this.runMaybeRebooting(argv, options.apply === true, call);
    if (outcome === 'rebooting') return { nextBoot: 'rollback', rebooting: true, stdout: '' };
    // An applied rollback that returned is about to reboot (systemd-run queued it).
    return { ...parseRollbackOutput(outcome.stdout), rebooting: options.apply === true, stdout: outcome.stdout };
  }

  /** Asks for a reboot; the dropped connection is the expected answer. */
  async reboot(call: CallOptions = {}): Promise<void> {
    await this.runMaybeRebooting(rebootArgv(), true, call);
  }

  facts(call: CallOptions = {}): Promise<HostFacts> {
    return readFacts(this.executor, call);
  }

  bootId(call: CallOptions = {}): Promise<string> {
    return readBootId(this.executor, call);
  }

  writeRegistryAuth(input: RegistryAuthInput, call: CallOptions = {}): Promise<void> {
    return writeRegistryAuth(this.executor, input, call);
  }

  health(options: HealthOptions): Promise<HealthReport> {
    return checkHealth(this.executor, options);
  }

  /**
   * Polls until the host answers with a new boot_id (or, after a soft reboot, a new booted digest).
   * Connection failures while it is down are expected; anything else (a changed host key, failed
   * authentication) ends the wait at once. `deadline` is epoch milliseconds.
   */
  async waitForReboot(previousBootId: string, deadline: number, options: WaitForRebootOptions = {}): Promise<RebootedHost> {
    const { signal, softRebootFromDigest } = options;
    let lastError: unknown = null;
    for (;;) {
      const timeoutMs = deadline - Date.now();
      if (timeoutMs <= 0) break;
      try {
        const call = { timeoutMs: Math.min(timeoutMs, 15_000), ...(signal ? { signal } : {}) };
        const bootId = await this.bootId(call);
        if (softRebootFromDigest === undefined && bootId !== previousBootId) return { bootId, bootedDigest: null };
        if (softRebootFromDigest !== undefined) {
          const digest = (await this.status(call)).booted?.digest ?? null;
          if (digest !== softRebootFromDigest) return { bootId, bootedDigest: digest };
        }
      } catch (error) {
        if (!isAgentError(error) || !UNREACHABLE_WHILE_REBOOTING.has(error.code)) throw error;
        lastError = error;
      }
      const pause = Math.min(this.pollIntervalMs, deadline - Date.now());
      if (pause > 0) await delay(pause, undefined, signal ? { signal } : {}).catch(() => {
        throw new AgentError('CANCELLED', 'waiting for the reboot was cancelled');
      });
    }
    throw new AgentError('COMMAND_TIMEOUT', `host did not come back from its reboot by ${new Date(deadline).toISOString()}`, {
      previousBootId,
      lastError: lastError instanceof Error ? lastError.message : null,
    });
  }

  private async stage(argv: string[], apply: boolean, call: CallOptions): Promise<ChangeResult> {
    const outcome = await this.runMaybeRebooting(argv, apply, call);
    if (outcome === 'rebooting') return { changed: true, target: null, version: null, digest: null, rebooting: true, stdout: '' };
    const parsed = parseStageOutput(outcome.stdout);
    // bootc --apply reboots only when something was queued; "no changes" returns normally.
    return { ...parsed, rebooting: apply && parsed.changed, stdout: outcome.stdout };
  }

  /** With --apply, the channel dropping or the session being killed (137) is success in progress. */
  private async runMaybeRebooting(argv: string[], apply: boolean, call: CallOptions): Promise<ExecResult | 'rebooting'> {
    let result: ExecResult;
    try {
      result = await this.executor.exec(argv, { timeoutMs: this.mutateTimeoutMs, ...call, sudo: true });
    } catch (error) {
      if (apply && isAgentError(error, 'CONNECTION_LOST')) return 'rebooting';
      throw error;
    }
    if (apply && (result.exitCode === KILLED_BY_REBOOT || result.signal === 'KILL' || result.signal === 'TERM')) return 'rebooting';
    if (result.exitCode !== 0) throw commandError(argv, result);
    return result;
  }
}
