import { describe, expect, it } from 'vitest';
import { AgentError } from './errors';
import { readRegistryAccess, trustInsecureRegistry } from './registry-auth';
import { FakeExecutor } from './testing/fake-executor';

const DROP_IN = '/etc/containers/registries.conf.d/bootfleet-reg.example_5000.conf';

describe('readRegistryAccess', () => {
  it('sees credentials for exactly that registry and the insecure drop-in', async () => {
    const host = new FakeExecutor()
      .on(['cat', '/etc/ostree/auth.json'], { stdout: JSON.stringify({ auths: { 'reg.example:5000': { auth: 'eDp5' }, other: {} } }) })
      .on(['cat', DROP_IN], { stdout: '# Written by bootfleet\n[[registry]]\nlocation = "reg.example:5000"\ninsecure = true\n' });
    expect(await readRegistryAccess(host, 'reg.example:5000')).toEqual({ credentials: true, insecure: true });
    expect(host.calls.every((c) => c.options.sudo)).toBe(true);
  });

  it('reports nothing on a stock host without the files', async () => {
    const missing = { exitCode: 1, stderr: 'cat: /x: No such file or directory\n' };
    const host = new FakeExecutor().on(['cat', '/etc/ostree/auth.json'], missing).on(['cat', DROP_IN], missing);
    expect(await readRegistryAccess(host, 'reg.example:5000')).toEqual({ credentials: false, insecure: false });
  });

  it('refuses a malformed auth file and a registry that is not host[:port]', async () => {
    const host = new FakeExecutor().on(['cat', '/etc/ostree/auth.json'], { stdout: '{not json' });
    await expect(readRegistryAccess(host, 'reg.example:5000')).rejects.toMatchObject({ code: 'PARSE_FAILED' });
    await expect(readRegistryAccess(new FakeExecutor(), 'reg;reboot')).rejects.toBeInstanceOf(AgentError);
  });
});

describe('trustInsecureRegistry', () => {
  it('writes only the drop-in, atomically and as root', async () => {
    const host = new FakeExecutor().on(
      ['sh', '-c', 'umask 077 && mkdir -p "$1" && cat > "$2.bootfleet-tmp" && chmod 600 "$2.bootfleet-tmp" && mv -f "$2.bootfleet-tmp" "$2"', 'bootfleet-write', '/etc/containers/registries.conf.d', DROP_IN],
      { exitCode: 0 },
    );
    await trustInsecureRegistry(host, 'reg.example:5000');
    expect(host.calls).toHaveLength(1);
    expect(String(host.calls[0]?.options.stdin)).toContain('insecure = true');
    expect(host.calls[0]?.options.sudo).toBe(true);
  });
});
