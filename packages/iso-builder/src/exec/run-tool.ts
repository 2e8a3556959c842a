import { spawn } from 'node:child_process';
import { IsoError } from '../errors';

export interface ToolResult {
  stdout: string;
  stderr: string;
}

/** Runs an external tool with an argv array (never a shell) and fails with TOOL_FAILED on a non-zero exit. */
export function runTool(command: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(new IsoError('TOOL_FAILED', `cannot run ${command}: ${error.message}`, { command })),
    );
    child.on('close', (code) => {
      const result = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      if (code === 0) resolve(result);
      else {
        const tail = result.stderr.trim().split('\n').slice(-5).join('\n');
        reject(new IsoError('TOOL_FAILED', `${command} exited with ${code}: ${tail}`, { command, args, code, stderr: result.stderr }));
      }
    });
  });
}
