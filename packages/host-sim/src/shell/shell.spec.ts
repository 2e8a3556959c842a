import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './parse-command-line';
import { runShell, type ShellOptions } from './shell';
import { VirtualFs } from './virtual-fs';

function shell(overrides: Partial<ShellOptions> = {}, stdin = ''): ShellOptions {
  return {
    user: { name: 'core', isRoot: false },
    fs: new VirtualFs({ '/etc/hostname': 'node1\n' }),
    commands: {
      whoami: (io) => ({ stdout: `${io.user.name}\n`, exitCode: 0 }),
      reboot: () => ({ exitCode: 0, reboot: 'reboot' }),
    },
    specialFile: (path) => (path === '/proc/sys/kernel/random/boot_id' ? 'abc\n' : undefined),
    sudo: 'nopasswd',
    stdin: () => Promise.resolve(stdin),
    ...overrides,
  };
}

describe('parseCommandLine', () => {
  it('splits quoted words, env prefixes, redirections and connectors', () => {
    const steps = parseCommandLine(`LANG=C sudo -n -- bootc switch 'a b'"c" 2>&1 && echo x\\ y > /tmp/o; false || true`);
    expect(steps.map((s) => s.after)).toEqual([';', '&&', ';', '||']);
    expect(steps[0]?.command).toEqual({
      env: { LANG: 'C' },
      argv: ['sudo', '-n', '--', 'bootc', 'switch', 'a bc'],
      redirects: [{ fd: 2, op: '>&', target: '1' }],
    });
    expect(steps[1]?.command.argv).toEqual(['echo', 'x y']);
    expect(steps[1]?.command.redirects).toEqual([{ fd: 1, op: '>', target: '/tmp/o' }]);
  });

  it('rejects dangling connectors', () => {
    expect(() => parseCommandLine('true &&')).toThrow(/Syntax error/);
    expect(() => parseCommandLine("echo 'open")).toThrow(/Unterminated/);
  });
});

describe('runShell', () => {
  it('reports unknown commands like dash', async () => {
    expect(await runShell('frob --x', shell())).toEqual({ stdout: '', stderr: 'sh: 1: frob: not found\n', exitCode: 127 });
  });

  it('runs sudo as root when NOPASSWD, and refuses when sudo wants a password', async () => {
    expect((await runShell('sudo -n -- whoami', shell())).stdout).toBe('root\n');
    const refused = await runShell('sudo -n whoami', shell({ sudo: 'password' }));
    expect(refused).toMatchObject({ stderr: 'sudo: a password is required\n', exitCode: 1 });
  });

  it('runs ansible raw become lines through sh -c', async () => {
    const result = await runShell(`sudo -H -S -n  -u root /bin/sh -c 'echo BECOME-SUCCESS-x ; whoami'`, shell());
    expect(result.stdout).toBe('BECOME-SUCCESS-x\nroot\n');
  });

  it('resolves relative paths from the working directory, as the agent writes ~/.ssh/authorized_keys', async () => {
    const fs = new VirtualFs();
    fs.mkdirp('/home/core');
    const script = 'umask 077 && mkdir -p "$1" && cat > "$2.bootfleet-tmp" && chmod 600 "$2.bootfleet-tmp" && mv -f "$2.bootfleet-tmp" "$2"';
    const line = `sh -c '${script}' bootfleet-write .ssh .ssh/authorized_keys`;
    expect(await runShell(line, shell({ fs: fs.at('/home/core') }, 'ssh-ed25519 AAAA k\n'))).toMatchObject({ exitCode: 0, stderr: '' });
    expect(fs.read('/home/core/.ssh/authorized_keys')).toBe('ssh-ed25519 AAAA k\n');
    expect(fs.stat('/home/core/.ssh/authorized_keys')).toEqual({ kind: 'file', mode: 0o600 });
    expect((await runShell('cat .ssh/authorized_keys', shell({ fs: fs.at('/home/core') }))).stdout).toBe('ssh-ed25519 AAAA k\n');
    // The same relative path from / is another file, which core may not write.
    expect((await runShell('cat .ssh/authorized_keys', shell({ fs }))).exitCode).toBe(1);
    expect((await runShell('mkdir -p .ssh', shell({ fs }))).stderr).toMatch(/Permission denied/);
  });

  it('writes files atomically from stdin as root and denies non-root writes to /etc', async () => {
    const opts = shell({}, '{"auths":{}}');
    const line = `sudo -n sh -c 'mkdir -p /etc/ostree && install -m 600 /dev/stdin /etc/ostree/.auth.json.tmp && mv /etc/ostree/.auth.json.tmp /etc/ostree/auth.json'`;
    expect(await runShell(line, opts)).toMatchObject({ exitCode: 0, stderr: '' });
    expect(opts.fs.read('/etc/ostree/auth.json')).toBe('{"auths":{}}');
    expect(opts.fs.stat('/etc/ostree/auth.json')).toEqual({ kind: 'file', mode: 0o600 });
    const denied = await runShell('cat > /etc/ostree/auth.json', opts);
    expect(denied).toMatchObject({ exitCode: 2, stderr: 'sh: 1: cannot create /etc/ostree/auth.json: Permission denied\n' });
  });

  it('reads computed and virtual files, and follows && / ||', async () => {
    expect((await runShell('cat /proc/sys/kernel/random/boot_id /etc/hostname', shell())).stdout).toBe('abc\nnode1\n');
    const missing = await runShell('cat /nope || echo fallback', shell());
    expect(missing).toMatchObject({ stdout: 'fallback\n', stderr: 'cat: /nope: No such file or directory\n', exitCode: 0 });
    expect((await runShell('false && echo no', shell())).exitCode).toBe(1);
    expect((await runShell('cat /nope 2>/dev/null', shell())).stderr).toBe('');
  });

  it('runs the agent\'s atomic write script with positional parameters', async () => {
    // packages/agent/src/write-file.ts sends exactly this shape (quoted by its quoteArgv).
    const script = 'umask 077 && mkdir -p "$1" && cat > "$2.bootfleet-tmp" && chmod 600 "$2.bootfleet-tmp" && mv -f "$2.bootfleet-tmp" "$2"';
    const line = `sudo -n -- sh -c '${script}' bootfleet-write /etc/ostree /etc/ostree/auth.json`;
    const opts = shell({}, '{"auths":{"r:5000":{"auth":"dTpw"}}}\n');
    expect(await runShell(line, opts)).toMatchObject({ exitCode: 0, stderr: '' });
    expect(opts.fs.read('/etc/ostree/auth.json')).toBe('{"auths":{"r:5000":{"auth":"dTpw"}}}\n');
    expect(opts.fs.stat('/etc/ostree/auth.json')).toEqual({ kind: 'file', mode: 0o600 });
    expect(opts.fs.read('/etc/ostree/auth.json.bootfleet-tmp')).toBeUndefined();
  });

  it('expands parameters and variables inside and outside double quotes, not in single quotes', async () => {
    const result = await runShell(`sh -c 'echo "$0:$1" \${2}x $# $HOME' me a b`, shell());
    expect(result.stdout).toBe('me:a bx 2 /home/core\n');
    expect((await runShell(`echo '$1'`, shell())).stdout).toBe('$1\n');
  });

  it('stops at a command that reboots the machine', async () => {
    const result = await runShell('echo before; reboot; echo after', shell());
    expect(result).toMatchObject({ stdout: 'before\n', reboot: 'reboot' });
  });
});
