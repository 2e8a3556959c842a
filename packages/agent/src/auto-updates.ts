import type { ExecOptions, Executor } from './transport/executor';
import { runChecked } from './transport/run-checked';

export const AUTO_UPDATE_TIMER = 'bootc-fetch-apply-updates.timer';

export interface AutoUpdateState {
  /** What `systemctl is-enabled` printed: enabled, disabled, masked, static, not-found... */
  readonly enablement: string;
  readonly masked: boolean;
}

// is-enabled exits non-zero for disabled and masked units, so its stdout is the answer, not its exit code.
export function parseIsEnabled(stdout: string, stderr: string): AutoUpdateState {
  const word = stdout.trim().split('\n')[0]?.trim() ?? '';
  const enablement = word.length > 0 ? word : /No such file|not found|does not exist/i.test(stderr) ? 'not-found' : 'unknown';
  return { enablement, masked: enablement === 'masked' || enablement === 'masked-runtime' };
}

/** The host's own update timer reboots hosts on its schedule; a fleet manager keeps it masked. */
export class AutoUpdates {
  constructor(private readonly executor: Executor) {}

  async state(options: ExecOptions = {}): Promise<AutoUpdateState> {
    const result = await this.executor.exec(['systemctl', 'is-enabled', AUTO_UPDATE_TIMER], options);
    return parseIsEnabled(result.stdout, result.stderr);
  }

  async mask(options: ExecOptions = {}): Promise<AutoUpdateState> {
    await runChecked(this.executor, ['systemctl', 'mask', '--now', AUTO_UPDATE_TIMER], { ...options, sudo: true });
    return this.state(options);
  }

  /** Hands the update channel back to the host: unmasked, enabled and running without a reboot. */
  async unmask(options: ExecOptions = {}): Promise<AutoUpdateState> {
    await runChecked(this.executor, ['systemctl', 'unmask', AUTO_UPDATE_TIMER], { ...options, sudo: true });
    await runChecked(this.executor, ['systemctl', 'enable', '--now', AUTO_UPDATE_TIMER], { ...options, sudo: true });
    return this.state(options);
  }
}
