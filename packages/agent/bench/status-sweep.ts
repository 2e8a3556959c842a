// Status sweep of a simulated fleet: the agent cold and warm, side by side with Ansible.
// Usage (from packages/agent):
//   node --conditions=source --import tsx bench/status-sweep.ts OUT.json [--hosts 1000] [--concurrency 64]
//     [--fleet-processes 2] [--ansible-hosts N]
// `npm run bench -w packages/agent` writes bench-results/agent-status-sweep.json. Figures are printed
// and written, never asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pushTestImage, startRegistry } from '@bootfleet/oci/testing';
import { ansibleSweep, type AnsibleFigures } from './ansible-sweep';
import type { FleetSlice, SweepFigures } from './sweep';

interface ClientFigures {
  readonly concurrency: number;
  readonly cold: SweepFigures;
  readonly warm: SweepFigures;
  readonly peakRssMb: number;
}

const TARGETS = { warmMaxMs: 3_000, coldMaxMs: 25_000, clientRssMaxMb: 300, ansibleColdRatioMin: 10 };
const PACKAGE_DIR = resolve(__dirname, '..');

function tsNode(script: string, args: string[], stdin: 'ignore' | 'pipe'): ChildProcess {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(__dirname, script), ...args], {
    cwd: PACKAGE_DIR,
    stdio: [stdin, 'pipe', 'inherit'],
  });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    if (!child.stdout) return reject(new Error('child has no stdout'));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      lines.close();
      resolvePromise(line);
    });
    child.once('exit', (code) => reject(new Error(`${child.spawnargs.join(' ')} exited with ${code}`)));
  });
}

/** Simulated hosts split over processes: one simulator process would be the bottleneck, not the agent. */
async function startFleetProcesses(registryUrl: string, image: string, count: number, processes: number, workDir: string) {
  const children: ChildProcess[] = [];
  const slices = await Promise.all(
    Array.from({ length: processes }, (_, i) => {
      const size = Math.floor(count / processes) + (i < count % processes ? 1 : 0);
      const dir = join(workDir, `fleet-${i}`);
      mkdirSync(dir);
      const child = tsNode('fleet-process.ts', [registryUrl, image, String(size), `127.${120 + i}`, dir], 'pipe');
      children.push(child);
      return firstLine(child).then((line) => JSON.parse(line) as FleetSlice);
    }),
  );
  const stop = () =>
    Promise.all(
      children.map((child) => new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.stdin?.end();
      })),
    );
  return { hosts: slices.flatMap((s) => s.hosts), stop };
}

async function runClient(descriptorPath: string, concurrency: number): Promise<ClientFigures> {
  const child = tsNode('sweep-client.ts', [descriptorPath, String(concurrency)], 'ignore');
  return JSON.parse(await firstLine(child)) as ClientFigures;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { hosts: { type: 'string' }, concurrency: { type: 'string' }, 'fleet-processes': { type: 'string' }, 'ansible-hosts': { type: 'string' } },
  });
  const outPath = resolve(positionals[0] ?? 'bench-results/agent-status-sweep.json');
  const count = Number(values.hosts ?? 1000);
  const concurrency = Number(values.concurrency ?? 64);
  const fleetProcesses = Number(values['fleet-processes'] ?? 1);
  const ansibleCount = Math.min(count, Number(values['ansible-hosts'] ?? count));
  const workDir = mkdtempSync(join(tmpdir(), 'agent-bench-'));

  console.log(`starting a registry and ${count} simulated hosts in ${fleetProcesses} processes...`);
  const registry = await startRegistry({ auth: 'none' });
  try {
    await pushTestImage(registry, { repository: 'bench/os', tag: 'stable', version: '1.0' });
    const fleet = await startFleetProcesses(registry.url, `${registry.host}/bench/os:stable`, count, fleetProcesses, workDir);
    try {
      const descriptorPath = join(workDir, 'fleet.json');
      writeFileSync(descriptorPath, JSON.stringify({ hosts: fleet.hosts } satisfies FleetSlice));

      console.log(`agent sweep (concurrency ${concurrency})...`);
      const agent = await runClient(descriptorPath, concurrency);

      let ansible: AnsibleFigures | null = null;
      if (ansibleCount > 0) {
        console.log(`ansible sweep of ${ansibleCount} hosts (-f 50)...`);
        ansible = await ansibleSweep(fleet.hosts.slice(0, ansibleCount), workDir);
      }
      const coldRatio = ansible && ansible.hostsPerSecond > 0 ? Math.round((agent.cold.hostsPerSecond / ansible.hostsPerSecond) * 10) / 10 : null;
      const result = {
        date: new Date().toISOString(),
        machine: { cpus: cpus().length, node: process.version },
        hosts: count,
        fleetProcesses,
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
