// The same status sweep done the usual way, for comparison: Debian's ansible-core, raw module
// (no Python needed on the hosts), 50 forks, cold connections.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepTarget } from './sweep';

export interface AnsibleFigures {
  readonly hosts: number;
  readonly ok: number;
  readonly totalMs: number;
  readonly hostsPerSecond: number;
}

export async function ansibleSweep(hosts: readonly SweepTarget[], workDir: string, forks = 50): Promise<AnsibleFigures> {
  const knownHosts = join(workDir, 'known_hosts');
  const inventory = join(workDir, 'inventory.ini');
  writeFileSync(knownHosts, hosts.map((h) => `[${h.host}]:${h.port} ${h.hostPublicKey}\n`).join(''));
  writeFileSync(
    inventory,
    [
      '[fleet]',
      ...hosts.map((h, i) => `h${i} ansible_host=${h.host} ansible_port=${h.port} ansible_user=${h.username} ansible_ssh_private_key_file=${h.privateKeyPath}`),
      '[fleet:vars]',
      `ansible_ssh_common_args='-o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes'`,
      '',
    ].join('\n'),
  );
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('ansible', ['all', '-i', inventory, '-m', 'raw', '-a', 'sudo bootc status --format=json', '-f', String(forks)], {
      env: { ...process.env, ANSIBLE_LOCAL_TEMP: join(workDir, 'ansible-tmp'), ANSIBLE_NOCOLOR: '1', ANSIBLE_FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
  const totalMs = performance.now() - started;
  const ok = output.split('\n').filter((line) => /^h\d+ \| (CHANGED|SUCCESS) \| rc=0/.test(line)).length;
  return { hosts: hosts.length, ok, totalMs: Math.round(totalMs), hostsPerSecond: Math.round((ok / (totalMs / 1000)) * 10) / 10 };
}
