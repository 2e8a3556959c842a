// N simulated hosts in one process, each with its own host key on its own 127.x.y.z address,
// sharing one resolved image, one registry client pool and one client login key.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryImageFetcher } from '../registry/image-fetcher';
import { generateEd25519 } from '../ssh/host-key';
import type { RebootDisconnect } from '../ssh/sim-ssh-server';
import type { TimerState } from '../state/types';
import { registryFiles, resolveImage, startSimNode, type ProvisionOptions, type SimNode, type SimRegistry } from './sim-node';

export interface FleetOptions {
  count: number;
  registry: SimRegistry;
  /** `HOST:PORT/REPO:TAG` every host boots; its digest is resolved from the registry at start. */
  image: string;
  /** When set, every host also has this image as its rollback deployment. */
  rollbackImage?: string;
  /** Every host listens on this port of its own address; default: an ephemeral port per host. */
  basePort?: number;
  /** First two octets of the hosts' addresses. Default `127.100`. */
  addressPrefix?: string;
  namePrefix?: string;
  user?: string;
  /** Lets every login also sign in with this password (as for a first enrollment by password). */
  password?: string;
  rebootDelayMs?: number;
  rebootDisconnect?: RebootDisconnect;
  bootcVersion?: string;
  autoUpdateTimer?: TimerState;
  /** Whether staged and rollback deployments can be reached with a soft reboot (same kernel). */
  softRebootPossible?: boolean;
  /** /etc/os-release of every host; default CentOS Stream 10 bootc. Hostnames are the host names. */
  osRelease?: string;
  provision?: ProvisionOptions;
  /** Where the client key (and, unless inventoryPath says otherwise, inventory.json) are written.
   *  Default: a fresh temporary directory, removed by stop(). */
  workDir?: string;
  inventoryPath?: string;
}

/** One line of the inventory: what a fleet manager needs to reach a host. */
export interface InventoryEntry {
  name: string;
  address: string;
  port: number;
  user: string;
  keyPath: string;
  hostKeyFingerprint: string;
}

export interface Fleet {
  nodes: SimNode[];
  inventory: InventoryEntry[];
  inventoryPath: string;
  keyPath: string;
  node(name: string): SimNode;
  stop(): Promise<void>;
}

/** 127.P.hi.lo with lo in 1..254, so no host gets a .0 or .255 address. */
export function fleetAddress(prefix: string, index: number): string {
  return `${prefix}.${Math.floor(index / 254)}.${(index % 254) + 1}`;
}

export async function startFleet(opts: FleetOptions): Promise<Fleet> {
  if (!Number.isInteger(opts.count) || opts.count < 1 || opts.count > 254 * 256) throw new Error(`count must be 1..${254 * 256}`);
  const [booted, rollback] = await Promise.all([
    resolveImage(opts.registry, opts.image),
    opts.rollbackImage ? resolveImage(opts.registry, opts.rollbackImage) : undefined,
  ]);
  const workDir = opts.workDir ?? (await mkdtemp(join(tmpdir(), 'bootfleet-sim-')));
  const removeWorkDir = () => (opts.workDir ? Promise.resolve() : rm(workDir, { recursive: true, force: true }));
  const clientKey = generateEd25519('bootfleet-sim-client');
  const keyPath = join(workDir, 'client_ed25519');
  await writeFile(keyPath, clientKey.privateKey, { mode: 0o600 });
  await chmod(keyPath, 0o600);
  const fetcher = new RegistryImageFetcher([opts.registry]);
  const files = registryFiles(opts.registry, opts.provision);
  const digits = String(opts.count).length;
  const nodes: SimNode[] = [];
  try {
    for (let i = 0; i < opts.count; i++) {
      nodes.push(
        await startSimNode({
          name: `${opts.namePrefix ?? 'sim-'}${String(i + 1).padStart(Math.max(digits, 3), '0')}`,
          address: fleetAddress(opts.addressPrefix ?? '127.100', i),
          port: opts.basePort ?? 0,
          booted,
          ...(rollback ? { rollback } : {}),
          fetcher,
          files,
          authorizedKeys: [clientKey.publicKey],
          ...(opts.user ? { user: opts.user } : {}),
          ...(opts.password !== undefined ? { password: opts.password } : {}),
          ...(opts.rebootDelayMs !== undefined ? { rebootDelayMs: opts.rebootDelayMs } : {}),
          ...(opts.rebootDisconnect ? { rebootDisconnect: opts.rebootDisconnect } : {}),
          ...(opts.bootcVersion ? { bootcVersion: opts.bootcVersion } : {}),
          ...(opts.autoUpdateTimer ? { autoUpdateTimer: opts.autoUpdateTimer } : {}),
          ...(opts.softRebootPossible !== undefined ? { softRebootPossible: opts.softRebootPossible } : {}),
          ...(opts.osRelease ? { osRelease: opts.osRelease } : {}),
        }),
      );
    }
  } catch (err) {
    await Promise.all(nodes.map((n) => n.ssh.stop()));
    await removeWorkDir();
    throw err;
  }

  const inventory: InventoryEntry[] = nodes.map((n) => ({
    name: n.host.name,
    address: n.ssh.address,
    port: n.ssh.port,
    user: n.user,
    keyPath,
    hostKeyFingerprint: n.ssh.hostKeyFingerprint,
  }));
  const inventoryPath = opts.inventoryPath ?? join(workDir, 'inventory.json');
  await writeFile(inventoryPath, `${JSON.stringify(inventory, null, 2)}\n`);
  const byName = new Map(nodes.map((n) => [n.host.name, n]));

  return {
    nodes,
    inventory,
    inventoryPath,
    keyPath,
    node(name) {
      const found = byName.get(name);
      if (!found) throw new Error(`no simulated host named ${name}`);
      return found;
    },
    async stop() {
      await Promise.all(nodes.map(async (n) => {
        await n.ssh.stop();
        n.host.dispose();
      }));
      await removeWorkDir();
    },
  };
}
