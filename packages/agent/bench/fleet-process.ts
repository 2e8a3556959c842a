// One slice of the simulated fleet in its own process, so the simulator (single-threaded, doing the
// server half of every handshake) is not the bottleneck of the bench. Prints the slice's hosts as one
// JSON line, then serves until its stdin closes.
// Usage: node --conditions=source --import tsx bench/fleet-process.ts REGISTRY_URL IMAGE COUNT ADDRESS_PREFIX WORK_DIR
import { startFleet } from '@bootfleet/host-sim';
import type { FleetSlice } from './sweep';

async function main(): Promise<void> {
  const [registryUrl, image, count, addressPrefix, workDir] = process.argv.slice(2);
  if (!registryUrl || !image || !count || !addressPrefix || !workDir) throw new Error('usage: fleet-process.ts REGISTRY_URL IMAGE COUNT ADDRESS_PREFIX WORK_DIR');
  const fleet = await startFleet({ count: Number(count), registry: { url: registryUrl }, image, addressPrefix, workDir });
  const slice: FleetSlice = {
    hosts: fleet.inventory.map((e, i) => ({
      host: e.address,
      port: e.port,
      username: e.user,
      hostKeyFingerprint: e.hostKeyFingerprint,
      privateKeyPath: e.keyPath,
      hostPublicKey: fleet.nodes[i]?.ssh.hostPublicKey ?? '',
    })),
  };
  process.stdout.write(`${JSON.stringify(slice)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void fleet.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
