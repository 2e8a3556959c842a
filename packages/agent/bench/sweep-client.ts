// The client side of the bench, in its own process so its peak RSS is the agent's alone.
// Usage: node --conditions=source --import tsx bench/sweep-client.ts FLEET.json CONCURRENCY
import { readFileSync } from 'node:fs';
import { BootcClient, SshTransport } from '../src/index';
import { figures, runBounded, type FleetSlice } from './sweep';

async function main(): Promise<void> {
  const [descriptorPath, concurrencyArg] = process.argv.slice(2);
  if (!descriptorPath) throw new Error('usage: sweep-client.ts FLEET.json [CONCURRENCY]');
  const fleet = JSON.parse(readFileSync(descriptorPath, 'utf8')) as FleetSlice;
  const concurrency = Number(concurrencyArg ?? 64);
  const keys = new Map<string, Buffer>();
  const keyAt = (path: string) => keys.get(path) ?? keys.set(path, readFileSync(path)).get(path);
  const transports = fleet.hosts.map(
    (h) => new SshTransport({ host: h.host, port: h.port, username: h.username, hostKeyFingerprint: h.hostKeyFingerprint, privateKey: keyAt(h.privateKeyPath), connectTimeoutMs: 30_000 }),
  );

  const sweep = async () => {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const results = await runBounded(transports, concurrency, async (t) => {
      const status = await new BootcClient(t).status();
      if (!status.isBootcHost) throw new Error(`${t.target} is not a bootc host`);
    });
    const cpu = process.cpuUsage(cpuBefore);
    // Client CPU shows which side of the shared 2 cores a sweep is bound by.
    return { ...figures(results, performance.now() - started), clientCpuMs: Math.round((cpu.user + cpu.system) / 1000) };
  };

  // Cold: every status opens its connection (handshake, key exchange, auth); warm: the same ones reused.
  const cold = await sweep();
  const warm = await sweep();
  await Promise.all(transports.map((t) => t.close()));
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ concurrency, cold, warm, peakRssMb })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
