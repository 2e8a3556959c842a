import { pushTestImage, startRegistry, waitUntil, type TestRegistry } from '@bootfleet/oci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveImage, startSimNode, type SimNode } from '../fleet/sim-node';
import { RegistryImageFetcher } from '../registry/image-fetcher';
import { sshConnect, sshExec, sshRun, type SshTarget } from '../testing/ssh-client';
import { acceptsConnections } from '../testing/tcp-probe';
import { generateEd25519 } from './host-key';

const clientKey = generateEd25519('test-client');
let registry: TestRegistry;
let node: SimNode;
let target: SshTarget;
let sudoTarget: SshTarget;

async function bootcStatus(t: SshTarget = sudoTarget): Promise<{ status: { booted: { image: { imageDigest: string } }; staged: unknown } }> {
  const result = await sshRun(t, 'sudo -n bootc status --format=json --format-version=1');
  expect(result.exitCode, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as never;
}

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.0' });
  const image = `${registry.host}/fleet/os:stable`;
  const reachable = { url: registry.url };
  node = await startSimNode({
    name: 'sim-1',
    address: '127.77.0.1',
    port: 0,
    booted: await resolveImage(reachable, image),
    fetcher: new RegistryImageFetcher([reachable]),
    files: { '/etc/containers/registries.conf.d/test.conf': `[[registry]]\nlocation = "${registry.host}"\ninsecure = true\n` },
    authorizedKeys: [clientKey.publicKey],
    rebootDelayMs: 300,
  });
  target = { host: node.ssh.address, port: node.ssh.port, username: 'root', privateKey: clientKey.privateKey, hostKeyFingerprint: node.ssh.hostKeyFingerprint };
  sudoTarget = { ...target, username: node.user };
});

afterAll(async () => {
  await node?.ssh.stop();
  node?.host.dispose();
  await registry?.stop();
});

describe('sim SSH server', () => {
  it('serves exec with the host key it advertises, and records commands', async () => {
    const result = await sshRun(sudoTarget, 'hostname && uname -m && frobnicate');
    expect(result).toEqual({ stdout: 'sim-1\nx86_64\n', stderr: 'sh: 1: frobnicate: not found\n', exitCode: 127 });
    const record = node.host.records.at(-1);
    expect(record).toMatchObject({ user: 'core', line: 'hostname && uname -m && frobnicate', exitCode: 127 });
    await expect(sshRun({ ...target, hostKeyFingerprint: 'SHA256:wrong' }, 'true')).rejects.toThrow();
    const stranger = generateEd25519('stranger');
    await expect(sshRun({ ...target, privateKey: stranger.privateKey }, 'true')).rejects.toThrow(/authentication/i);
  });

  it("starts commands in the user's home and accepts keys written to ~/.ssh/authorized_keys", async () => {
    const newcomer = generateEd25519('newcomer');
    const asNewcomer = { ...sudoTarget, privateKey: newcomer.privateKey };
    await expect(sshRun(asNewcomer, 'true')).rejects.toThrow(/authentication/i);
    const written = await sshRun(sudoTarget, 'mkdir -p .ssh && cat > .ssh/authorized_keys', `${newcomer.publicKey}\n`);
    expect(written).toMatchObject({ exitCode: 0, stderr: '' });
    expect(node.host.fs.read(`/home/${node.user}/.ssh/authorized_keys`)).toBe(`${newcomer.publicKey}\n`);
    expect(await sshRun(asNewcomer, 'cat .ssh/authorized_keys')).toMatchObject({ exitCode: 0, stdout: `${newcomer.publicKey}\n` });
    // Another user's authorized_keys lets nobody in as root.
    await expect(sshRun({ ...asNewcomer, username: 'root' }, 'true')).rejects.toThrow(/authentication/i);
    node.host.fs.remove(`/home/${node.user}/.ssh/authorized_keys`);
    await expect(sshRun(asNewcomer, 'true')).rejects.toThrow(/authentication/i);
  });

  it('requires root for bootc and validates status output', async () => {
    const denied = await sshRun(sudoTarget, 'bootc status --format=json');
    expect(denied.exitCode).toBe(1);
    expect(denied.stderr).toMatch(/must be executed as the root user/);
    const status = await bootcStatus();
    expect(status.status.booted.image.imageDigest).toMatch(/^sha256:/);
  });

  it('sees a pushed tag as an update, applies it, goes down and comes back with a new boot_id', async () => {
    const bootId = (await sshRun(target, 'cat /proc/sys/kernel/random/boot_id')).stdout;
    expect((await sshRun(target, 'bootc upgrade --check')).stdout).toBe(`No changes in: docker://${registry.host}/fleet/os:stable\n`);
    const pushed = await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '2.0' });
    const check = await sshRun(target, 'bootc upgrade --check');
    expect(check.stdout).toBe(`Update available for: docker://${registry.host}/fleet/os:stable\n  Version: 2.0\n  Digest: ${pushed.digest}\n`);

    const client = await sshConnect(target);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    const applied = await sshExec(client, 'bootc upgrade --apply');
    expect(applied.exitCode).toBeNull();
    expect(applied.stdout).toContain(`Queued for next boot: ${registry.host}/fleet/os:stable`);
    await closed;
    expect(await acceptsConnections(node.ssh.address, node.ssh.port)).toBe(false);

    const newBootId = await waitUntil('host back up', async () => {
      const out = await sshRun(target, 'cat /proc/sys/kernel/random/boot_id').catch(() => undefined);
      return out?.stdout;
    });
    expect(newBootId).not.toBe(bootId);
    const status = await bootcStatus();
    expect(status.status.booted.image.imageDigest).toBe(pushed.digest);
    expect(status.status.staged).toBeNull();
    expect(node.host.records.find((r) => r.line === 'bootc upgrade --apply')).toMatchObject({ exitCode: null, reboot: 'reboot' });
  });

  it('writes registry files through sudo and stdin', async () => {
    const line = "sudo -n sh -c 'mkdir -p /etc/ostree && install -m 600 /dev/stdin /etc/ostree/auth.json.tmp && mv /etc/ostree/auth.json.tmp /etc/ostree/auth.json'";
    const result = await sshRun(sudoTarget, line, '{"auths":{}}\n');
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(node.host.fs.read('/etc/ostree/auth.json')).toBe('{"auths":{}}\n');
  });

  it('masks the auto-update timer, which then no longer fires', async () => {
    expect((await sshRun(sudoTarget, 'systemctl is-enabled bootc-fetch-apply-updates.timer')).stdout).toBe('enabled\n');
    expect((await sshRun(sudoTarget, 'sudo -n systemctl mask --now bootc-fetch-apply-updates.timer')).exitCode).toBe(0);
    const masked = await sshRun(sudoTarget, 'systemctl is-enabled bootc-fetch-apply-updates.timer');
    expect(masked).toMatchObject({ stdout: 'masked\n', exitCode: 1 });
    expect(await node.host.fireAutoUpdateTimer()).toBeNull();
    await sshRun(sudoTarget, 'sudo -n systemctl unmask bootc-fetch-apply-updates.timer');
  });
});

describe('soft reboot', () => {
  it('drops the connection and comes back with rotated slots but the same boot_id', async () => {
    node.host.setBootcState({ ...node.host.bootcState, softRebootPossible: true });
    const bootId = (await sshRun(target, 'cat /proc/sys/kernel/random/boot_id')).stdout;
    const pushed = await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '2.5' });
    const applied = await sshRun(target, 'bootc upgrade --apply --soft-reboot=required');
    expect(applied.exitCode).toBeNull();
    await waitUntil('host back after the soft reboot', async () =>
      node.host.powerState === 'up' && node.host.bootcState.booted?.image?.imageDigest === pushed.digest ? true : undefined);
    expect((await sshRun(target, 'cat /proc/sys/kernel/random/boot_id')).stdout).toBe(bootId);
    expect(node.host.records.at(-2)).toMatchObject({ line: 'bootc upgrade --apply --soft-reboot=required', reboot: 'soft-reboot' });
    node.host.setBootcState({ ...node.host.bootcState, softRebootPossible: false });
  });
});

describe('faults', () => {
  it('latency delays every command', async () => {
    node.host.setFaults({ latencyMs: 300 });
    const client = await sshConnect(target);
    const started = Date.now();
    await sshExec(client, 'true');
    const elapsed = Date.now() - started;
    client.end();
    node.host.clearFaults();
    expect(elapsed).toBeGreaterThanOrEqual(300);
  });

  it('sudo asking for a password', async () => {
    node.host.setFaults({ sudoPassword: true });
    const result = await sshRun(sudoTarget, 'sudo -n bootc status');
    node.host.clearFaults();
    expect(result).toMatchObject({ stderr: 'sudo: a password is required\n', exitCode: 1 });
  });

  it('registry auth failure and disk full', async () => {
    node.host.setFaults({ registryAuthFailure: true });
    const auth = await sshRun(target, 'bootc upgrade');
    expect(auth.stderr).toMatch(/^error: Upgrading: Preparing import: Fetching manifest: reading manifest stable in .*unauthorized: authentication required\n$/);
    node.host.clearFaults();
    await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '3.0' });
    node.host.setFaults({ diskFull: true });
    const full = await sshRun(target, 'bootc upgrade');
    node.host.clearFaults();
    expect(full).toMatchObject({ exitCode: 1 });
    expect(full.stderr).toContain('No space left on device');
  });

  it('an upgrade that hangs holding the lock makes status wait', async () => {
    node.host.setFaults({ upgradeHangs: true });
    const locked = new Promise<void>((resolve) => node.host.once('lock', () => resolve()));
    const upgrade = sshRun(target, 'bootc upgrade');
    await locked;
    let statusDone = false;
    const status = sshRun(target, 'bootc status --format=json').then((r) => { statusDone = true; return r; });
    const second = await sshRun(target, 'bootc upgrade');
    expect(second.stderr).toMatch(/^error: Acquiring sysroot lock/);
    expect((await sshRun(target, 'systemctl mask bootc-fetch-apply-updates.timer')).exitCode).toBe(0);
    expect(statusDone).toBe(false);
    node.host.clearFaults();
    expect((await upgrade).stdout).toContain('Queued for next boot');
    expect((await status).exitCode).toBe(0);
    // The upgrade finished on the state as it was then, keeping the mask made while it waited.
    expect(node.host.bootcState.autoUpdateTimer).toBe('masked');
    await sshRun(target, 'systemctl unmask bootc-fetch-apply-updates.timer');
    expect((await sshRun(target, 'systemctl is-enabled bootc-fetch-apply-updates.timer')).stdout).toBe('enabled\n');
  });

  it('degraded after reboot, wrong image after reboot, exit 137 on reboot', async () => {
    node.host.setFaults({ degradedAfterReboot: true, wrongImageAfterReboot: true });
    node.ssh.rebootDisconnect = 'exit-137';
    const before = node.host.bootcState.booted?.image?.imageDigest;
    expect(node.host.bootcState.staged).not.toBeNull();
    expect((await sshRun(target, 'systemctl reboot')).exitCode).toBe(137);
    node.ssh.rebootDisconnect = 'close';
    await waitUntil('host back up', async () => (node.host.powerState === 'up' ? true : undefined));
    const health = await sshRun(target, 'systemctl is-system-running --wait');
    expect(health).toMatchObject({ stdout: 'degraded\n', exitCode: 1 });
    expect(node.host.bootcState.booted?.image?.imageDigest).toBe(before);
    node.host.clearFaults();
  });

  it('unreachable hosts accept TCP but never speak SSH; a changed host key is refused', async () => {
    node.host.setFaults({ unreachable: true });
    await expect(sshRun({ ...target, readyTimeout: 500 }, 'true')).rejects.toThrow(/Timed out/i);
    node.host.clearFaults();
    node.ssh.rotateHostKey();
    await expect(sshRun(target, 'true')).rejects.toThrow();
    expect((await sshRun({ ...target, hostKeyFingerprint: node.ssh.hostKeyFingerprint }, 'true')).exitCode).toBe(0);
    target.hostKeyFingerprint = node.ssh.hostKeyFingerprint;
    sudoTarget.hostKeyFingerprint = node.ssh.hostKeyFingerprint;
  });

  it('never returning from a reboot keeps the port closed until powered on', async () => {
    node.host.setFaults({ neverReturnFromReboot: true });
    await sshRun(target, 'reboot');
    await waitUntil('host down', async () => ((await acceptsConnections(node.ssh.address, node.ssh.port)) ? undefined : true));
    expect(node.host.powerState).toBe('down');
    node.host.clearFaults();
    node.host.powerOn();
    expect((await sshRun(target, 'true')).exitCode).toBe(0);
  });
});
