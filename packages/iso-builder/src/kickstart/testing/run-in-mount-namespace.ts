import { spawn } from 'node:child_process';

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a bash snippet in a private mount namespace (`unshare -m`, needs root) so that an
 * installer script can write to /tmp or /mnt without touching this machine. Asynchronous, so a
 * server in the test process keeps answering while the script runs.
 */
export function runInMountNamespace(setup: string, env: NodeJS.ProcessEnv = {}): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['-m', '--propagation', 'private', 'bash', '-c', setup], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`unshare could not run (${error.message}); these tests need util-linux and root`));
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      if (/unshare: .*(Operation not permitted|failed)/.test(stderr)) reject(new Error(`unshare failed: ${stderr}`));
      else resolve({ status, stdout, stderr });
    });
  });
}
