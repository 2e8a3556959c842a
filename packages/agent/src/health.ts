import { isAgentError } from './errors';
import type { ExecOptions, Executor } from './transport/executor';

export interface HealthCheck {
  readonly argv: readonly string[];
  readonly sudo?: boolean;
}

export interface HealthCheckResult {
  readonly argv: readonly string[];
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly output: string;
}

export interface HealthReport {
  readonly healthy: boolean;
  /** `systemctl is-system-running` verdict: running, degraded, starting, ... or `timeout`. */
  readonly systemState: string;
  readonly checks: HealthCheckResult[];
}

export interface HealthOptions extends Omit<ExecOptions, 'timeoutMs' | 'stdin' | 'sudo'> {
  readonly commands?: readonly HealthCheck[];
  /** Epoch milliseconds by which the whole check must finish. */
  readonly deadline: number;
}

function remaining(deadline: number): number {
  return Math.max(1, deadline - Date.now());
}

/** Healthy = systemd reached `running` before the deadline and every given check exits 0. */
export async function checkHealth(executor: Executor, options: HealthOptions): Promise<HealthReport> {
  const { commands = [], deadline, ...exec } = options;
  let systemState: string;
  try {
    // --wait blocks while the system is still starting up, so a freshly rebooted host is judged once settled.
    const result = await executor.exec(['systemctl', 'is-system-running', '--wait'], { ...exec, timeoutMs: remaining(deadline) });
    systemState = result.stdout.trim() || 'unknown';
  } catch (error) {
    if (!isAgentError(error, 'COMMAND_TIMEOUT')) throw error;
    systemState = 'timeout';
  }
  const checks: HealthCheckResult[] = [];
  for (const check of commands) {
    try {
      const result = await executor.exec(check.argv, { ...exec, sudo: check.sudo === true, timeoutMs: remaining(deadline) });
      checks.push({ argv: check.argv, ok: result.exitCode === 0, exitCode: result.exitCode, output: (result.stdout + result.stderr).trim() });
    } catch (error) {
      if (!isAgentError(error, 'COMMAND_TIMEOUT')) throw error;
      checks.push({ argv: check.argv, ok: false, exitCode: null, output: 'timed out before the deadline' });
    }
  }
  return { healthy: systemState === 'running' && checks.every((c) => c.ok), systemState, checks };
}
