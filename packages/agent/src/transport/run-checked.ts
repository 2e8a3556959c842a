import { AgentError, codeFromStderr, lastErrorLine } from '../errors';
import type { ExecOptions, ExecResult, Executor } from './executor';

export function commandError(argv: readonly string[], result: ExecResult): AgentError {
  const code = codeFromStderr(result.stderr, result.exitCode);
  const status = result.exitCode ?? result.signal ?? 'none';
  const reason = lastErrorLine(result.stderr) || lastErrorLine(result.stdout);
  return new AgentError(code, `${argv.join(' ')} failed (exit ${status}): ${reason}`, {
    argv,
    exitCode: result.exitCode,
    stderr: result.stderr,
  });
}

/** Runs argv and turns a non-zero exit into a typed AgentError mapped from stderr. */
export async function runChecked(executor: Executor, argv: readonly string[], options?: ExecOptions): Promise<ExecResult> {
  const result = await executor.exec(argv, options);
  if (result.exitCode !== 0) throw commandError(argv, result);
  return result;
}
