import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentError } from '../errors';
import { FakeExecutor } from '../testing/fake-executor';
import { BootcClient } from './bootc-client';

const STATUS = ['bootc', 'status', '--format=json', '--format-version=1'];
const statusJson = readFileSync(join(__dirname, '../status/fixtures/v1.16-canonical.json'), 'utf8');
const legacyYaml = readFileSync(join(__dirname, '../status/fixtures/v0.1-v1alpha1-staged.yaml'), 'utf8');
const DIGEST = `sha256:${'a'.repeat(64)}`;
const BOOT_A = '11111111-1111-1111-1111-111111111111';
const BOOT_B = '22222222-2222-2222-2222-222222222222';
const lost = () => new AgentError('CONNECTION_LOST', 'connection closed');

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AgentError) return error.code;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('BootcClient.status', () => {
  it('runs the versioned JSON status as root and parses it', async () => {
    const fake = new FakeExecutor().on(STATUS, { stdout: statusJson });
    const status = await new BootcClient(fake).status();
    expect(status.booted?.version).toBe('43.20240801.0');
    expect(fake.calls[0]?.options.sudo).toBe(true);
  });

  it('falls back to --json on hosts whose bootc predates --format', async () => {
    const fake = new FakeExecutor()
      .on(STATUS, { exitCode: 2, stderr: "error: unexpected argument '--format' found\n\nUsage: bootc status [OPTIONS]\n" })
      .on(['bootc', 'status', '--json'], { stdout: legacyYaml });
    const status = await new BootcClient(fake).status();
    expect(status.apiVersion).toBe('org.containers.bootc/v1alpha1');
    expect(fake.commands()).toEqual([STATUS.join(' '), 'bootc status --json']);
  });

  it.each([
    ['sudo: a password is required\n', 1, 'SUDO_REQUIRES_PASSWORD'],
    ['sh: 1: bootc: not found\n', 127, 'BOOTC_MISSING'],
    ['error: Status: Preparing for write: Querying root privilege: This command must be executed as the root user\n', 1, 'COMMAND_FAILED'],
  ])('maps %j to its code', async (stderr, exitCode, code) => {
    const fake = new FakeExecutor().on(STATUS, { exitCode, stderr });
    expect(await codeOf(new BootcClient(fake).status())).toBe(code);
  });

  it('reports unparseable output as PARSE_FAILED', async () => {
    const fake = new FakeExecutor().on(STATUS, { stdout: 'System is deployed via a container image.' });
    expect(await codeOf(new BootcClient(fake).status())).toBe('PARSE_FAILED');
  });
});

describe('BootcClient mutating verbs', () => {
  it('reads an available update from upgrade --check', async () => {
    const fake = new FakeExecutor().on(['bootc', 'upgrade', '--check'], {
      stdout: `Update available for: docker://quay.io/x/y:1\n  Version: 2.0\n  Digest: ${DIGEST}\n`,
    });
    expect(await new BootcClient(fake).checkUpgrade()).toEqual({ available: true, target: 'docker://quay.io/x/y:1', version: '2.0', digest: DIGEST });
    fake.on(['bootc', 'upgrade', '--check'], { stdout: 'No changes in: docker://quay.io/x/y:1\n' });
    expect((await new BootcClient(fake).checkUpgrade()).available).toBe(false);
  });

  it('builds upgrade flags and reads what was queued', async () => {
    const fake = new FakeExecutor().on(['bootc', 'upgrade', '--download-only'], {
      stdout: `Queued for next boot: quay.io/x/y:1\n  Version: 2.0\n  Digest: ${DIGEST}\n`,
    });
    const result = await new BootcClient(fake).upgrade({ downloadOnly: true });
    expect(result).toMatchObject({ changed: true, rebooting: false, version: '2.0', digest: DIGEST });
  });

  it('treats "No update available" as unchanged, even with --apply', async () => {
    const fake = new FakeExecutor().on(['bootc', 'upgrade', '--apply'], {
      stdout: `No changes in quay.io/x/y:1 => ${DIGEST}\nNo update available.\n`,
    });
    expect(await new BootcClient(fake).upgrade({ apply: true })).toMatchObject({ changed: false, rebooting: false, digest: DIGEST });
  });

  it.each([
    ['a dropped channel', lost()],
    ['exit 137', { exitCode: 137 }],
  ])('treats %s after --apply as the expected reboot', async (_name, reply) => {
    const fake = new FakeExecutor().on(['bootc', 'upgrade', '--from-downloaded', '--apply', '--soft-reboot=auto'], reply);
    const result = await new BootcClient(fake).upgrade({ fromDownloaded: true, apply: true, softReboot: 'auto' });
    expect(result.rebooting).toBe(true);
  });

  it('does not excuse a dropped channel without --apply', async () => {
    const fake = new FakeExecutor().on(['bootc', 'upgrade'], lost());
    expect(await codeOf(new BootcClient(fake).upgrade())).toBe('CONNECTION_LOST');
  });

  it('validates the switch target before sending anything', async () => {
    const fake = new FakeExecutor();
    await expect(new BootcClient(fake).switch('Quay.io/UPPER;rm -rf /')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(new BootcClient(fake).switch('../etc/passwd', { transport: 'oci' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(fake.calls).toHaveLength(0);
  });

  it('switches with transport, sigpolicy and apply flags', async () => {
    const ref = `127.0.0.1:5000/os/base@${DIGEST}`;
    const fake = new FakeExecutor()
      .on(['bootc', 'switch', '--enforce-container-sigpolicy', ref], { stdout: `Queued for next boot: ${ref}\n  Digest: ${DIGEST}\n` })
      .on(['bootc', 'switch', '--transport=oci', '--apply', '/var/mnt/osupdate:latest'], lost());
    const client = new BootcClient(fake);
    expect(await client.switch(ref, { enforceSigpolicy: true })).toMatchObject({ changed: true, digest: DIGEST, version: null });
    expect((await client.switch('/var/mnt/osupdate:latest', { transport: 'oci', apply: true })).rebooting).toBe(true);
  });

  it('maps registry and rollback failures from the real messages', async () => {
    const fake = new FakeExecutor()
      .on(['bootc', 'upgrade'], {
        exitCode: 1,
        stderr: 'error: Upgrading: Preparing import: Fetching manifest: reading manifest 1 in 127.0.0.1:5000/x: unauthorized: authentication required\n',
      })
      .on(['bootc', 'rollback'], { exitCode: 1, stderr: 'error: Rollback: Rollback (ostree): No rollback available\n' });
    const client = new BootcClient(fake);
    expect(await codeOf(client.upgrade())).toBe('REGISTRY_AUTH_FAILED');
    const rollbackError = await client.rollback().catch((e: AgentError) => e);
    expect(rollbackError).toMatchObject({ code: 'NO_ROLLBACK', retryable: false });
  });

  it('reads which deployment boots next after rollback', async () => {
    const fake = new FakeExecutor().on(['bootc', 'rollback'], { stdout: 'Next boot: rollback deployment\n' }, { stdout: 'Next boot: current deployment\n' });
    const client = new BootcClient(fake);
    expect(await client.rollback()).toMatchObject({ nextBoot: 'rollback', rebooting: false });
    expect(await client.rollback()).toMatchObject({ nextBoot: 'current' });
  });

  it('streams output lines to the caller', async () => {
    const lines: string[] = [];
    const fake = new FakeExecutor().on(['bootc', 'upgrade'], { stdout: 'Fetching\nQueued for next boot: a/b:1\n' });
    await new BootcClient(fake).upgrade({}, { onLine: (line) => lines.push(line) });
    expect(lines).toEqual(['Fetching', 'Queued for next boot: a/b:1']);
  });
});

describe('BootcClient.waitForReboot', () => {
  const BOOT_ID = ['cat', '/proc/sys/kernel/random/boot_id'];

  it('waits through connection failures until a new boot_id answers', async () => {
    const fake = new FakeExecutor().on(
      BOOT_ID,
      { stdout: `${BOOT_A}\n` },
      lost(),
      new AgentError('CONNECT_TIMEOUT', 'no handshake'),
      { stdout: `${BOOT_B}\n` },
    );
    const host = await new BootcClient(fake, { pollIntervalMs: 1 }).waitForReboot(BOOT_A, Date.now() + 10_000);
    expect(host.bootId).toBe(BOOT_B);
    expect(fake.calls).toHaveLength(4);
  });

  it('stops at once on a host key mismatch', async () => {
    const fake = new FakeExecutor().on(BOOT_ID, new AgentError('HOST_KEY_MISMATCH', 'changed'));
    expect(await codeOf(new BootcClient(fake, { pollIntervalMs: 1 }).waitForReboot(BOOT_A, Date.now() + 10_000))).toBe('HOST_KEY_MISMATCH');
  });

  it('gives up at the deadline', async () => {
    const fake = new FakeExecutor().on(BOOT_ID, { stdout: `${BOOT_A}\n` });
    expect(await codeOf(new BootcClient(fake, { pollIntervalMs: 1 }).waitForReboot(BOOT_A, Date.now() + 50))).toBe('COMMAND_TIMEOUT');
  });

  it('after a soft reboot, succeeds on a new booted digest with the same boot_id', async () => {
    const before = JSON.parse(statusJson) as { status: { booted: { image: { imageDigest: string } } } };
    const previousDigest = before.status.booted.image.imageDigest;
    const after = structuredClone(before);
    after.status.booted.image.imageDigest = DIGEST;
    const fake = new FakeExecutor()
      .on(BOOT_ID, { stdout: `${BOOT_A}\n` })
      .on(STATUS, { stdout: statusJson }, { stdout: JSON.stringify(after) });
    const host = await new BootcClient(fake, { pollIntervalMs: 1 }).waitForReboot(BOOT_A, Date.now() + 10_000, { softRebootFromDigest: previousDigest });
    expect(host).toEqual({ bootId: BOOT_A, bootedDigest: DIGEST });
  });
});
