// `bootfleet-sim fleet|host ...`: runs simulated hosts until interrupted, writes the inventory and
// serves the HTTP control endpoint.
import { parseArgs } from 'node:util';
import { startControlServer, type ControlServer } from '../fleet/control-server';
import { startFleet, type Fleet } from '../fleet/start-fleet';

export const USAGE = `usage:
  bootfleet-sim fleet --count N --registry URL --image HOST:PORT/REPO:TAG [options]
  bootfleet-sim host --registry URL --image HOST:PORT/REPO:TAG [options]   (a fleet of one)
options:
  --out PATH                inventory file (default: <work dir>/inventory.json)
  --base-port P             every host listens on P of its own address (default: ephemeral ports)
  --address-prefix 127.N    first two octets of host addresses (default 127.100)
  --rollback-image REF      also give every host this rollback deployment
  --registry-user U --registry-password P   registry credentials
  --provision-credentials   pre-write /etc/ostree/auth.json on every host (a stock host has none)
  --reboot-delay-ms MS      how long a reboot keeps a host down (default 1000)
  --bootc-version V         simulated bootc version (default 1.16.0)
  --control-port P          HTTP control endpoint on 127.0.0.1 (default: ephemeral)
`;

export interface RunningSim {
  fleet: Fleet;
  control: ControlServer;
  stop(): Promise<void>;
}

export async function startFromCli(argv: string[]): Promise<RunningSim> {
  const [command, ...rest] = argv;
  if (command !== 'fleet' && command !== 'host') throw new Error(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: {
      count: { type: 'string' },
      registry: { type: 'string' },
      image: { type: 'string' },
      out: { type: 'string' },
      'base-port': { type: 'string' },
      'address-prefix': { type: 'string' },
      'rollback-image': { type: 'string' },
      'registry-user': { type: 'string' },
      'registry-password': { type: 'string' },
      'provision-credentials': { type: 'boolean' },
      'reboot-delay-ms': { type: 'string' },
      'bootc-version': { type: 'string' },
      'control-port': { type: 'string' },
    },
  });
  if (!values.registry || !values.image) throw new Error(USAGE);
  const count = command === 'host' ? 1 : Number(values.count);
  const credentials = values['registry-user'] !== undefined
    ? { username: values['registry-user'], password: values['registry-password'] ?? '' }
    : undefined;
  const fleet = await startFleet({
    count,
    registry: { url: values.registry, ...(credentials ? { credentials } : {}) },
    image: values.image,
    ...(values['rollback-image'] ? { rollbackImage: values['rollback-image'] } : {}),
    ...(values.out ? { inventoryPath: values.out } : {}),
    ...(values['base-port'] ? { basePort: Number(values['base-port']) } : {}),
    ...(values['address-prefix'] ? { addressPrefix: values['address-prefix'] } : {}),
    ...(values['reboot-delay-ms'] ? { rebootDelayMs: Number(values['reboot-delay-ms']) } : {}),
    ...(values['bootc-version'] ? { bootcVersion: values['bootc-version'] } : {}),
    provision: { credentials: values['provision-credentials'] ?? false },
  });
  const control = await startControlServer(fleet, values['control-port'] ? Number(values['control-port']) : 0);
  return {
    fleet,
    control,
    async stop() {
      await control.close();
      await fleet.stop();
    },
  };
}
