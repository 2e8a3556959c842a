import { pushTestImage, startRegistry, waitUntil, type TestRegistry } from '@bootfleet/oci/testing';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFromCli, type RunningSim } from '../cli/bootfleet-sim-main';
import { sshRun, type SshTarget } from '../testing/ssh-client';
import { startFleet, type Fleet, type InventoryEntry } from './start-fleet';

const FLEET_SIZE = 1000;
let registry: TestRegistry;
let fleet: Fleet;
let startMs: number;

function targetOf(entry: InventoryEntry): SshTarget {
  return { host: entry.address, port: entry.port, username: entry.user, privateKey: readFileSync(entry.keyPath), hostKeyFingerprint: entry.hostKeyFingerprint };
}

beforeAll(async () => {
  registry = await startRegistry({ auth: 'basic', username: 'fleet', password: 's3cret' });
  await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.0' });
  const started = Date.now();
  fleet = await startFleet({
    count: FLEET_SIZE,
    registry: { url: registry.url, credentials: { username: 'fleet', password: 's3cret' } },
    image: `${registry.host}/fleet/os:stable`,
    addressPrefix: '127.101',
    rebootDelayMs: 200,
  });
  startMs = Date.now() - started;
});

afterAll(async () => {
  await fleet?.stop();
  await registry?.stop();
});

describe('startFleet', () => {
  it(`starts ${FLEET_SIZE} hosts with their own addresses and host keys, and writes the inventory`, async () => {
    console.log(`fleet of ${FLEET_SIZE} started in ${startMs} ms`);
    const inventory = JSON.parse(readFileSync(fleet.inventoryPath, 'utf8')) as InventoryEntry[];
    expect(inventory).toEqual(fleet.inventory);
    expect(inventory).toHaveLength(FLEET_SIZE);
    expect(new Set(inventory.map((e) => e.address)).size).toBe(FLEET_SIZE);
    expect(new Set(inventory.map((e) => e.hostKeyFingerprint)).size).toBe(FLEET_SIZE);
    const sample = [0, 1, 253, 254, 500, FLEET_SIZE - 1].map((i) => inventory[i] as InventoryEntry);
    const bootIds = await Promise.all(sample.map(async (entry) => (await sshRun(targetOf(entry), 'cat /proc/sys/kernel/random/boot_id')).stdout));
    expect(new Set(bootIds).size).toBe(sample.length);
  });

  it('a stock host lacks registry credentials until they are written to /etc/ostree/auth.json', async () => {
    const target = targetOf(fleet.inventory[2] as InventoryEntry);
    await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '2.0' });
    const denied = await sshRun(target, 'sudo -n bootc upgrade --check');
    expect(denied.exitCode).toBe(1);
    expect(denied.stderr).toMatch(/^error: Upgrading: Preparing import: Fetching manifest: .*unauthorized: authentication required/);
    const auth = JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from('fleet:s3cret').toString('base64') } } });
    const write = await sshRun(target, "sudo -n sh -c 'mkdir -p /etc/ostree && cat > /etc/ostree/auth.json'", auth);
    expect(write.exitCode, write.stderr).toBe(0);
    const check = await sshRun(target, 'sudo -n bootc upgrade --check');
    expect(check).toMatchObject({ exitCode: 0 });
    expect(check.stdout).toContain('Version: 2.0');
  });

  it('the auto-update timer upgrades and reboots an unmasked host on its own', async () => {
    const node = fleet.nodes[2] as (typeof fleet.nodes)[number];
    const before = node.host.bootcState.bootId;
    const fired = await node.host.fireAutoUpdateTimer();
    expect(fired?.reboot).toBe('reboot');
    await waitUntil('host rebooted and back up', async () =>
      node.host.powerState === 'up' && node.host.bootcState.bootId !== before ? true : undefined);
    expect(node.host.bootcState.booted?.image?.version).toBe('2.0');
    expect(node.host.records.at(-1)).toMatchObject({ user: 'systemd', line: '/usr/bin/bootc upgrade --apply --quiet' });
  });
});

describe('bootfleet-sim CLI and control endpoint', () => {
  let sim: RunningSim;

  afterAll(async () => {
    await sim?.stop();
  });

  it('starts a fleet from argv and injects faults over HTTP', async () => {
    sim = await startFromCli([
      'fleet', '--count', '3', '--registry', registry.url, '--image', `${registry.host}/fleet/os:stable`,
      '--registry-user', 'fleet', '--registry-password', 's3cret', '--provision-credentials', '--address-prefix', '127.102',
    ]);
    const hosts = (await (await fetch(`${sim.control.url}/hosts`)).json()) as { name: string; power: string }[];
    expect(hosts.map((h) => h.power)).toEqual(['up', 'up', 'up']);
    const name = hosts[0]?.name as string;
    const target = targetOf(sim.fleet.inventory[0] as InventoryEntry);
    expect((await sshRun(target, 'sudo -n bootc upgrade --check')).exitCode).toBe(0);

    const injected = await fetch(`${sim.control.url}/hosts/${name}/faults`, { method: 'POST', body: JSON.stringify({ sudoPassword: true }) });
    expect(injected.status).toBe(200);
    expect((await sshRun(target, 'sudo -n bootc status')).stderr).toBe('sudo: a password is required\n');
    await fetch(`${sim.control.url}/hosts/${name}/faults`, { method: 'DELETE' });
    const records = (await (await fetch(`${sim.control.url}/hosts/${name}/records`)).json()) as { line: string; exitCode: number }[];
    expect(records.map((r) => [r.line, r.exitCode])).toEqual([
      ['sudo -n bootc upgrade --check', 0],
      ['sudo -n bootc status', 1],
    ]);
    expect((await fetch(`${sim.control.url}/hosts/nope`)).status).toBe(404);
  });
});
