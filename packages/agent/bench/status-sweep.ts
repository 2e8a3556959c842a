// Status sweep of a simulated fleet: the agent cold and warm, side by side with Ansible.
// Usage (from packages/agent):
//   node --conditions=source --import tsx bench/status-sweep.ts OUT.json [--hosts 1000] [--concurrency 64] [--ansible-hosts N]
// `npm run bench -w packages/agent` writes bench-results/agent-status-sweep.json. Figures are printed
// and written, never asserted.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry } from '@bootfleet/oci/testing';
import { ansibleSweep, type AnsibleFigures } from './ansible-sweep';
import type { FleetDescriptor, SweepFigures } from './sweep';

interface ClientFigures {
  readonly concurrency: number;
  readonly cold: SweepFigures;
  readonly warm: SweepFigures;
  readonly peakRssMb: number;
}

const TARGETS = { warmMaxMs: 3_000, coldMaxMs: 25_000, clientRssMaxMb: 300, ansibleColdRatioMin: 10 };

function runClient(descriptorPath: string, concurrency: number): Promise<ClientFigures> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(__dirname, 'sweep-client.ts'), descriptorPath, String(concurrency)], {
      cwd: resolve(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`sweep client exited with ${code}`));
      else resolvePromise(JSON.parse(out.trim().split('\n').pop() ?? '{}') as ClientFigures);
    });
  });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { hosts: { type: 'string' }, concurrency: { type: 'string' }, 'ansible-hosts': { type: 'string' } },
  });
  const outPath = resolve(positionals[0] ?? 'bench-results/agent-status-sweep.json');
  const count = Number(values.hosts ?? 1000);
  const concurrency = Number(values.concurrency ?? 64);
  const ansibleCount = Math.min(count, Number(values['ansible-hosts'] ?? count));
  const workDir = mkdtempSync(join(tmpdir(), 'agent-bench-'));

  console.log(`starting registry and ${count} simulated hosts...`);
  const registry = await startRegistry({ auth: 'none' });
  try {
    await pushTestImage(registry, { repository: 'bench/os', tag: 'stable', version: '1.0' });
    const fleet = await startFleet({ count, registry: { url: registry.url }, image: `${registry.host}/bench/os:stable`, addressPrefix: '127.120', workDir });
    try {
      const descriptor: FleetDescriptor = {
        privateKeyPath: fleet.keyPath,
        hosts: fleet.inventory.map((e) => ({ host: e.address, port: e.port, username: e.user, hostKeyFingerprint: e.hostKeyFingerprint })),
      };
      const descriptorPath = join(workDir, 'fleet.json');
      writeFileSync(descriptorPath, JSON.stringify(descriptor));

      console.log(`agent sweep (concurrency ${concurrency})...`);
      const agent = await runClient(descriptorPath, concurrency);

      let ansible: AnsibleFigures | null = null;
      if (ansibleCount > 0) {
        console.log(`ansible sweep of ${ansibleCount} hosts (-f 50)...`);
        const hosts = descriptor.hosts.slice(0, ansibleCount).map((h, i) => ({ ...h, hostPublicKey: fleet.nodes[i]?.ssh.hostPublicKey ?? '' }));
        ansible = await ansibleSweep(hosts, fleet.keyPath, workDir);
      }
      const coldRatio = ansible && ansible.hostsPerSecond > 0 ? Math.round((agent.cold.hostsPerSecond / ansible.hostsPerSecond) * 10) / 10 : null;
      const result = {
        date: new Date().toISOString(),
        machine: { cpus: cpus().length, node: process.version },
        hosts: count,
        agent,
        ansible,
        agentVsAnsibleCold: coldRatio,
        targets: TARGETS,
        meetsTargets: {
          warm: agent.warm.totalMs <= TARGETS.warmMaxMs && agent.warm.failures === 0,
          cold: agent.cold.totalMs <= TARGETS.coldMaxMs && agent.cold.failures === 0,
          clientRss: agent.peakRssMb <= TARGETS.clientRssMaxMb,
          ansibleRatio: coldRatio === null ? null : coldRatio >= TARGETS.ansibleColdRatioMin,
        },
      };
      mkdirSync(dirname(outPath), { recursive: true });
      writeFileSync(outPath, `${JSON.stringify(result, null, 2)}\n`);
      console.log(JSON.stringify(result, null, 2));
      console.log(`written to ${outPath}`);
    } finally {
      await fleet.stop();
    }
  } finally {
    await registry.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
