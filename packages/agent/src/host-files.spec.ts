import { describe, expect, it } from 'vitest';
import { parseIsEnabled } from './auto-updates';
import { parseFacts, parseOsRelease } from './facts';
import { insecureRegistryDropIn, mergeAuthFile, writeRegistryAuth } from './registry-auth';
import { FakeExecutor } from './testing/fake-executor';
import { WRITE_FILE_SCRIPT } from './write-file';

describe('registry credentials', () => {
  it('merges into existing auths without losing other registries or keys', () => {
    const existing = JSON.stringify({ auths: { 'quay.io': { auth: 'b2xkOm9sZA==' } }, credHelpers: { x: 'y' } });
    const merged = JSON.parse(mergeAuthFile(existing, { registry: '127.0.0.1:5000', username: 'u', password: 'p:w' })) as {
      auths: Record<string, { auth: string }>;
      credHelpers: unknown;
    };
    expect(merged.auths['quay.io']?.auth).toBe('b2xkOm9sZA==');
    expect(Buffer.from(merged.auths['127.0.0.1:5000']?.auth ?? '', 'base64').toString()).toBe('u:p:w');
    expect(merged.credHelpers).toEqual({ x: 'y' });
  });

  it('refuses to overwrite a file it cannot read', () => {
    expect(() => mergeAuthFile('{not json', { registry: 'r.io', username: 'u', password: 'p' })).toThrow(/not JSON/);
  });

  it('names the insecure drop-in after host and port', () => {
    expect(insecureRegistryDropIn('127.0.0.1:5000')).toEqual({
      path: '/etc/containers/registries.conf.d/bootfleet-127.0.0.1_5000.conf',
      content: '# Written by bootfleet\n[[registry]]\nlocation = "127.0.0.1:5000"\ninsecure = true\n',
    });
  });

  it('reads, then writes both files atomically as root with the content on stdin', async () => {
    const fake = new FakeExecutor()
      .on(['cat', '/etc/ostree/auth.json'], { exitCode: 1, stderr: 'cat: /etc/ostree/auth.json: No such file or directory\n' })
      .on(['sh', '-c', WRITE_FILE_SCRIPT, 'bootfleet-write', '/etc/ostree', '/etc/ostree/auth.json'], {})
      .on(['sh', '-c', WRITE_FILE_SCRIPT, 'bootfleet-write', '/etc/containers/registries.conf.d', '/etc/containers/registries.conf.d/bootfleet-reg.example_5000.conf'], {});
    await writeRegistryAuth(fake, { registry: 'reg.example:5000', username: 'u', password: 'p', insecure: true });
    expect(fake.calls.map((c) => c.options.sudo)).toEqual([true, true, true]);
    expect(JSON.parse(String(fake.calls[1]?.options.stdin))).toEqual({ auths: { 'reg.example:5000': { auth: 'dTpw' } } });
  });

  it('rejects a registry that is not host[:port]', async () => {
    await expect(writeRegistryAuth(new FakeExecutor(), { registry: 'a/b"', username: 'u', password: 'p' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('facts and auto-update parsing', () => {
  it('parses uname and the fact files', () => {
    const facts = parseFacts(
      'host1 6.8.0-1.fc40.x86_64 x86_64\n',
      '0b1e0a52-7f43-4a3c-9f60-5e8c1f6c2a11\n1234.56 2000.00\nNAME="Fedora Linux"\nID=fedora\nVERSION_ID=40\nPRETTY_NAME="Fedora Linux 40 (Forty)"\n',
    );
    expect(facts).toEqual({
      hostname: 'host1',
      kernel: '6.8.0-1.fc40.x86_64',
      architecture: 'x86_64',
      bootId: '0b1e0a52-7f43-4a3c-9f60-5e8c1f6c2a11',
      uptimeSeconds: 1234.56,
      osRelease: { NAME: 'Fedora Linux', ID: 'fedora', VERSION_ID: '40', PRETTY_NAME: 'Fedora Linux 40 (Forty)' },
    });
    expect(() => parseFacts('x', 'nonsense')).toThrow(/facts/);
  });

  it('unquotes os-release values', () => {
    expect(parseOsRelease(`A='x y'\nB="a \\"q\\""\n# comment\n`)).toEqual({ A: 'x y', B: 'a "q"' });
  });

  it('reads is-enabled from stdout whatever the exit code', () => {
    expect(parseIsEnabled('masked\n', '')).toEqual({ enablement: 'masked', masked: true });
    expect(parseIsEnabled('enabled\n', '')).toEqual({ enablement: 'enabled', masked: false });
    expect(parseIsEnabled('', 'Failed to get unit file state for x.timer: No such file or directory\n').enablement).toBe('not-found');
  });
});
