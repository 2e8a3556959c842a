// Every verb and every error code the simulator can produce, against host-sim's ssh2 hosts
// (real SSH protocol, simulated bootc, reboots that take the host down).
import { readFileSync } from 'node:fs';
import { startFleet, type Fleet, type SimNode } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type PushedImage, type TestRegistry } from '@bootfleet/oci/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentError } from '../errors';
import { SshTransport, type SshTransportOptions } from '../transport/ssh-transport';
import { BootcClient } from './bootc-client';

let registry: TestRegistry;
let stable: PushedImage;
let closeFleet: Fleet;
let killFleet: Fleet;
let oldFleet: Fleet;
const transports: SshTransport[] = [];
const REBOOT_DEADLINE_MS = 15_000;

function connect(fleet: Fleet, index: number, overrides: Partial<SshTransportOptions> = {}): { bootc: BootcClient; node: SimNode; transport: SshTransport } {
  const entry = fleet.inventory[index];
  const node = fleet.nodes[index];
  if (!entry || !node) throw new Error(`no host ${index}`);
  const transport = new SshTransport({
    host: entry.address,
    port: entry.port,
    username: entry.user,
    hostKeyFingerprint: entry.hostKeyFingerprint,
    privateKey: readFileSync(entry.keyPath),
    connectTimeoutMs: 3_000,
    ...overrides,
  });
  transports.push(transport);
  return { bootc: new BootcClient(transport, { pollIntervalMs: 50 }), node, transport };
}

async function failure(promise: Promise<unknown>): Promise<AgentError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AgentError) return error;
    throw error;
  }
  throw new Error('expected an AgentError');
}

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  stable = await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.0' });
  await pushTestImage(registry, { repository: 'fleet/os', tag: 'next', version: '2.0' });
  const common = { registry: { url: registry.url }, image: `${registry.host}/fleet/os:stable`, rebootDelayMs: 200 };
  [closeFleet, killFleet, oldFleet] = await Promise.all([
    startFleet({ ...common, count: 4, addressPrefix: '127.110' }),
    startFleet({ ...common, count: 1, addressPrefix: '127.111', rebootDisconnect: 'exit-137' }),
    startFleet({ ...common, count: 1, addressPrefix: '127.112', bootcVersion: '0.1.9' }),
  ]);
});

afterAll(async () => {
  await Promise.all(transports.map((t) => t.close()));
  await Promise.all([closeFleet?.stop(), killFleet?.stop(), oldFleet?.stop()]);
  await registry?.stop();
});

describe('BootcClient against host-sim', () => {
  it('upgrades with --apply through a dropped channel, waits for the new boot, then rolls back', async () => {
    const { bootc, node } = connect(closeFleet, 0);
    const before = await bootc.status();
    expect(before.booted?.digest).toBe(stable.digest);
    const bootId = await bootc.bootId();

    const update = await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.1' });
    expect(await bootc.checkUpgrade()).toMatchObject({ available: true, version: '1.1', digest: update.digest });

    const lines: string[] = [];
    const applied = await bootc.upgrade({ apply: true }, { onLine: (line) => lines.push(line) });
    expect(applied.rebooting).toBe(true);
    // Output streamed before the host went down still reached the live log.
    expect(lines.some((line) => line.startsWith('Queued for next boot:'))).toBe(true);
    const back = await bootc.waitForReboot(bootId, Date.now() + REBOOT_DEADLINE_MS);
    expect(back.bootId).not.toBe(bootId);
    const after = await bootc.status();
    expect(after.booted?.digest).toBe(update.digest);
    expect(after.rollback?.digest).toBe(stable.digest);

    const rolled = await bootc.rollback({ apply: true });
    expect(rolled.rebooting).toBe(true);
    await bootc.waitForReboot(back.bootId, Date.now() + REBOOT_DEADLINE_MS);
    expect((await bootc.status()).booted?.digest).toBe(stable.digest);

    // The non-root login ran everything that needs root through sudo -n.
    const bootcLines = node.host.records.filter((r) => r.line.includes('bootc ')).map((r) => r.line);
    expect(bootcLines.length).toBeGreaterThan(0);
    expect(bootcLines.every((line) => line.startsWith('sudo -n -- bootc '))).toBe(true);
  });

  it('stages download-only, then applies from the download', async () => {
    const { bootc } = connect(closeFleet, 1);
    const update = await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.2' });
    expect(await bootc.upgrade({ downloadOnly: true })).toMatchObject({ changed: true, rebooting: false, digest: update.digest });
    expect((await bootc.status()).staged).toMatchObject({ digest: update.digest, downloadOnly: true });
    const bootId = await bootc.bootId();
    expect((await bootc.upgrade({ fromDownloaded: true, apply: true })).rebooting).toBe(true);
    await bootc.waitForReboot(bootId, Date.now() + REBOOT_DEADLINE_MS);
    expect((await bootc.status()).booted?.digest).toBe(update.digest);
  });

  it('switches with --apply when the session is killed with 137', async () => {
    const { bootc } = connect(killFleet, 0);
    const bootId = await bootc.bootId();
    const switched = await bootc.switch(`${registry.host}/fleet/os:next`, { apply: true });
    expect(switched.rebooting).toBe(true);
    await bootc.waitForReboot(bootId, Date.now() + REBOOT_DEADLINE_MS);
    const status = await bootc.status();
    expect(status.specImage).toBe(`${registry.host}/fleet/os:next`);
    expect(status.booted?.version).toBe('2.0');
  });

  it('soft-reboots: same boot_id, new booted digest', async () => {
    const { bootc, node } = connect(killFleet, 0);
    node.host.setBootcState({ ...node.host.bootcState, softRebootPossible: true });
    const before = await bootc.status();
    const bootId = await bootc.bootId();
    await pushTestImage(registry, { repository: 'fleet/os', tag: 'next', version: '2.1' });
    expect((await bootc.upgrade({ apply: true, softReboot: 'required' })).rebooting).toBe(true);
    const back = await bootc.waitForReboot(bootId, Date.now() + REBOOT_DEADLINE_MS, { softRebootFromDigest: before.booted?.digest ?? '' });
    expect(back.bootId).toBe(bootId);
    expect(back.bootedDigest).not.toBe(before.booted?.digest);
    expect((await bootc.status()).booted?.version).toBe('2.1');
  });

  it('falls back to --json on a bootc that predates --format', async () => {
    const { bootc, node } = connect(oldFleet, 0);
    const status = await bootc.status();
    expect(status.booted?.digest).toBe(stable.digest);
    expect(node.host.records.map((r) => r.line)).toContain('sudo -n -- bootc status --json');
  });

  it('reads facts, masks auto-updates, checks health and writes registry credentials', async () => {
    const { bootc, node } = connect(closeFleet, 2);
    const facts = await bootc.facts();
    expect(facts.hostname).toBe(node.host.hostname);
    expect(facts.bootId).toBe(node.host.bootcState.bootId);
    expect(facts.osRelease.ID).toBe('centos');

    expect((await bootc.autoUpdates.mask()).masked).toBe(true);
    expect((await bootc.autoUpdates.unmask()).masked).toBe(false);
    expect((await bootc.autoUpdates.mask()).masked).toBe(true);

    expect(await bootc.health({ commands: [{ argv: ['true'] }, { argv: ['false'] }], deadline: Date.now() + 5_000 })).toMatchObject({
      healthy: false,
      systemState: 'running',
      checks: [{ ok: true }, { ok: false, exitCode: 1 }],
    });

    node.host.fs.write('/etc/ostree/auth.json', JSON.stringify({ auths: { 'quay.io': { auth: 'eDp5' } } }), 0o600, { createParents: true });
    await bootc.writeRegistryAuth({ registry: registry.host, username: 'fleet', password: 's3cret', insecure: true });
    const auth = JSON.parse(node.host.fs.read('/etc/ostree/auth.json') ?? '{}') as { auths: Record<string, { auth: string }> };
    expect(auth.auths['quay.io']?.auth).toBe('eDp5');
    expect(Buffer.from(auth.auths[registry.host]?.auth ?? '', 'base64').toString()).toBe('fleet:s3cret');
    expect(node.host.fs.stat('/etc/ostree/auth.json')).toMatchObject({ mode: 0o600 });
    const dropIn = `/etc/containers/registries.conf.d/bootfleet-${registry.host.replace(':', '_')}.conf`;
    expect(node.host.fs.read(dropIn)).toContain(`location = "${registry.host}"`);
  });
});

describe('error codes from host-sim', () => {
  afterEach(() => {
    for (const node of [...closeFleet.nodes, ...killFleet.nodes]) node.host.clearFaults();
  });

  it('NO_ROLLBACK, REGISTRY_AUTH_FAILED and SUDO_REQUIRES_PASSWORD come from the real messages', async () => {
    const { bootc, node } = connect(closeFleet, 3);
    expect(await failure(bootc.rollback())).toMatchObject({ code: 'NO_ROLLBACK', retryable: false });
    node.host.setFaults({ registryAuthFailure: true });
    await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.3' });
    expect(await failure(bootc.upgrade())).toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
    node.host.setFaults({ sudoPassword: true });
    expect(await failure(bootc.status())).toMatchObject({ code: 'SUDO_REQUIRES_PASSWORD' });
  });

  it('COMMAND_TIMEOUT and CANCELLED on a hanging upgrade; the connection stays usable', async () => {
    const { bootc, node } = connect(closeFleet, 3);
    node.host.setFaults({ upgradeHangs: true });
    await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.4' });
    expect(await failure(bootc.upgrade({}, { timeoutMs: 300 }))).toMatchObject({ code: 'COMMAND_TIMEOUT', retryable: true });
    const controller = new AbortController();
    const pending = bootc.upgrade({}, { signal: controller.signal });
    controller.abort();
    expect(await failure(pending)).toMatchObject({ code: 'CANCELLED' });
    node.host.clearFaults();
    expect((await bootc.facts()).hostname).toBe(node.host.hostname);
  });

  it('CONNECT_TIMEOUT on a black-holed host, HOST_KEY_MISMATCH on a swapped one, AUTH_FAILED on a wrong key', async () => {
    const { bootc, node } = connect(closeFleet, 3, { connectTimeoutMs: 500 });
    node.host.setFaults({ unreachable: true });
    expect(await failure(bootc.status())).toMatchObject({ code: 'CONNECT_TIMEOUT' });

    const other = closeFleet.inventory[0]?.hostKeyFingerprint ?? '';
    const swapped = connect(closeFleet, 2, { hostKeyFingerprint: other });
    expect(await failure(swapped.bootc.status())).toMatchObject({ code: 'HOST_KEY_MISMATCH' });

    const wrongKey = connect(closeFleet, 2, { privateKey: readFileSync(killFleet.keyPath) });
    expect(await failure(wrongKey.bootc.status())).toMatchObject({ code: 'AUTH_FAILED' });
  });

  it('reports a host without a booted image as not a bootc host, and a degraded host as unhealthy', async () => {
    const { bootc, node } = connect(closeFleet, 2);
    const original = node.host.bootcState;
    node.host.setBootcState({ ...original, booted: null });
    expect((await bootc.status()).isBootcHost).toBe(false);
    node.host.setBootcState(original);

    const bootId = await bootc.bootId();
    node.host.setFaults({ degradedAfterReboot: true });
    await bootc.reboot();
    await bootc.waitForReboot(bootId, Date.now() + REBOOT_DEADLINE_MS);
    expect(await bootc.health({ deadline: Date.now() + 5_000 })).toMatchObject({ healthy: false, systemState: 'degraded' });
  });

  it('waitForReboot gives up at its deadline when the host never returns', async () => {
    const { bootc, node } = connect(closeFleet, 3);
    const bootId = await bootc.bootId();
    node.host.setFaults({ neverReturnFromReboot: true });
    await bootc.reboot();
    const started = Date.now();
    expect(await failure(bootc.waitForReboot(bootId, Date.now() + 1_500))).toMatchObject({ code: 'COMMAND_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
