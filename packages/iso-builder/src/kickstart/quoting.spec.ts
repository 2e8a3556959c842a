import { describe, expect, it } from 'vitest';
import { KickstartError } from './kickstart-error';
import { heredoc, kickstartArgument, kickstartOption, shellWord, writeFileBase64 } from './quoting';

describe('kickstartArgument', () => {
  it('leaves plain words bare', () => {
    expect(kickstartArgument('/dev/disk/by-id/wwn-0x5000:1', ['x'])).toBe('/dev/disk/by-id/wwn-0x5000:1');
    expect(kickstartArgument('$6$salt$hash./', ['x'])).toBe('$6$salt$hash./');
  });

  it('double-quotes words with blanks, # or single quotes so shlex keeps them whole', () => {
    expect(kickstartArgument('ssh-ed25519 AAAA a@b', ['x'])).toBe('"ssh-ed25519 AAAA a@b"');
    expect(kickstartArgument('a#b', ['x'])).toBe('"a#b"');
    expect(kickstartArgument("it's", ['x'])).toBe(`"it's"`);
  });

  it.each(['a"b', 'a\\b', 'a\nb', 'a\rb', 'a\u0000b', 'a\tb', ''])('refuses %j', (value) => {
    expect(() => kickstartArgument(value, ['users', 0, 'name'])).toThrow(KickstartError);
  });

  it('reports the path of the bad field', () => {
    try {
      kickstartOption('name', 'x\ny', ['users', 2, 'name']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KickstartError);
      expect((error as KickstartError).path).toEqual(['users', 2, 'name']);
      expect((error as KickstartError).code).toBe('KICKSTART_INVALID');
    }
  });
});

describe('shellWord', () => {
  it('single-quotes and escapes embedded single quotes', () => {
    expect(shellWord(`it's $(x) \`y\``, ['x'])).toBe(`'it'\\''s $(x) \`y\`'`);
  });

  it('refuses line breaks and NUL', () => {
    expect(() => shellWord('a\nb', ['x'])).toThrow(KickstartError);
    expect(() => shellWord('a\u0000b', ['x'])).toThrow(KickstartError);
  });
});

describe('heredoc', () => {
  it('uses a quoted delimiter', () => {
    expect(heredoc('cat > f', 'a $x\n', ['x'])).toBe("cat > f <<'BOOTFLEET_EOF'\na $x\nBOOTFLEET_EOF");
  });

  it.each(['BOOTFLEET_EOF', '%end', '  %post', 'a\u0000'])('refuses content line %j', (line) => {
    expect(() => heredoc('cat > f', `ok\n${line}\n`, ['x'])).toThrow(KickstartError);
  });
});

describe('writeFileBase64', () => {
  it('creates the file with its mode first, then decodes base64 into it', () => {
    const script = writeFileBase64('/etc/secret', 'user:p@ss\n%end\n', '600', ['x']);
    expect(script.split('\n')[0]).toBe("install -m 600 /dev/null '/etc/secret'");
    expect(script).not.toContain('%end');
    expect(script).toContain(Buffer.from('user:p@ss\n%end\n').toString('base64'));
  });
});
