import { readFileSync } from 'node:fs';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootcStatusValidator } from './bootc-schema';
import { sshRun, type SshTarget } from './ssh-client';
import { startSshdHost, type SshdHost } from './start-sshd-host';

let registry: TestRegistry;
let sshd: SshdHost;
let target: SshTarget;

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.0' });
  sshd = await startSshdHost({ registry: { url: registry.url }, image: `${registry.host}/fleet/os:stable` });
  target = { host: sshd.address, port: sshd.port, username: sshd.user, privateKey: readFileSync(sshd.keyPath), hostKeyFingerprint: sshd.hostKeyFingerprint };
});

afterAll(async () => {
  await sshd?.stop();
  await registry?.stop();
});

describe('startSshdHost (real OpenSSH sshd)', () => {
  it('logs in as a non-root /bin/sh user with the pinned host key', async () => {
    const result = await sshRun(target, 'id -un; echo $0');
    expect(result).toMatchObject({ exitCode: 0, stdout: `${sshd.user}\nsh\n` });
  });

  it('`sudo -n bootc status --format=json --format-version=1` returns schema-valid canonical JSON', async (ctx) => {
    const result = await sshRun(target, 'sudo -n bootc status --format=json --format-version=1');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('\n');
    const doc = JSON.parse(result.stdout) as { status: { booted: { image: { imageDigest: string } } } };
    expect(doc.status.booted.image.imageDigest).toBe(sshd.readState().booted?.image?.imageDigest);
    const validate = bootcStatusValidator();
    if (!validate) return ctx.skip();
    expect(validate(JSON.parse(result.stdout)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('bootc without sudo fails with the root error', async () => {
    const result = await sshRun(target, 'bootc status --format=json');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('This command must be executed as the root user');
  });

  it('a pushed tag shows up in `upgrade --check`, and `upgrade --apply` rotates the state file', async () => {
    const pushed = await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '2.0' });
    const check = await sshRun(target, 'sudo -n bootc upgrade --check');
    expect(check.stdout).toContain(`Digest: ${pushed.digest}`);
    const bootId = sshd.readState().bootId;
    const applied = await sshRun(target, 'sudo -n bootc upgrade --apply');
    expect(applied.exitCode, applied.stderr).toBe(0);
    const state = sshd.readState();
    expect(state.booted?.image?.imageDigest).toBe(pushed.digest);
    expect(state.bootId).not.toBe(bootId);
  });

  it('systemctl shims mask the auto-update timer', async () => {
    expect((await sshRun(target, 'sudo -n systemctl mask --now bootc-fetch-apply-updates.timer')).exitCode).toBe(0);
    expect((await sshRun(target, 'sudo -n systemctl is-enabled bootc-fetch-apply-updates.timer')).stdout).toBe('masked\n');
    expect(sshd.readState().autoUpdateTimer).toBe('masked');
  });
});
