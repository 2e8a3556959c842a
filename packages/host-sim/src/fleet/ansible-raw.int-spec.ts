import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from './start-fleet';

const run = promisify(execFile);
let registry: TestRegistry;
let fleet: Fleet;
let dir: string;

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.0' });
  fleet = await startFleet({ count: 2, registry: { url: registry.url }, image: `${registry.host}/fleet/os:stable`, addressPrefix: '127.103' });
  dir = await mkdtemp(join(tmpdir(), 'host-sim-ansible-'));
  const inventory = fleet.inventory
    .map((h) => `${h.name} ansible_host=${h.address} ansible_port=${h.port} ansible_user=${h.user} ansible_ssh_private_key_file=${h.keyPath}`)
    .join('\n');
  // Pin every host key, as a fleet manager would, instead of turning host key checking off.
  const knownHosts = fleet.nodes.map((n) => `[${n.ssh.address}]:${n.ssh.port} ${n.ssh.hostPublicKey}`).join('\n');
  await writeFile(join(dir, 'inventory.ini'), `${inventory}\n`);
  await writeFile(join(dir, 'known_hosts'), `${knownHosts}\n`);
});

afterAll(async () => {
  await fleet?.stop();
  await registry?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('ansible -m raw against simulated hosts (real OpenSSH client)', () => {
  it('runs bootc through become, on every host', async () => {
    const { stdout } = await run('ansible', [
      'all', '-i', join(dir, 'inventory.ini'), '-m', 'raw', '--become', '-a', 'bootc status --format=json --format-version=1', '-o',
    ], {
      env: {
        ...process.env,
        ANSIBLE_SSH_ARGS: `-o UserKnownHostsFile=${join(dir, 'known_hosts')} -o StrictHostKeyChecking=yes -o ControlMaster=no`,
        ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'),
        ANSIBLE_NOCOLOR: '1',
      },
      timeout: 60_000,
    });
    for (const node of fleet.nodes) {
      expect(stdout).toContain(`${node.host.name} | CHANGED | rc=0`);
      expect(node.host.records.map((r) => r.line).some((l) => l.includes('BECOME-SUCCESS') && l.includes('bootc status'))).toBe(true);
    }
    expect(stdout).toContain(fleet.nodes[0]?.host.bootcState.booted?.image?.imageDigest);
  });
});
