import { describe, expect, it } from 'vitest';
import { sha512Crypt } from './sha512-crypt';
import { runTool } from './testing/run-tool';

// OpenSSL's `passwd -6` (default rounds) and the system crypt(3) through Python (explicit rounds)
// are independent implementations of the same algorithm.
const CASES: Array<[password: string, salt: string]> = [
  ['hunter2', 'abcdefgh'],
  ['x', 'a'],
  ['correct horse battery staple', 'sixteencharsalt.'],
  ['pässwörd ünïcødé ✓', 'Z/9.'],
  ['a'.repeat(200), 'longpassword'],
  [`$(reboot) 'quoted' "double" \\back`, 'shellish'],
];

describe('sha512Crypt against openssl passwd -6', () => {
  it.each(CASES)('hashes %j with salt %j like openssl', (password, salt) => {
    const expected = runTool('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], { input: `${password}\n` }).trim();
    expect(sha512Crypt(password, salt)).toBe(expected);
  });
});

describe('sha512Crypt against the system crypt(3)', () => {
  it.each([
    ['rounds=1000$minimum', 'pw'],
    ['rounds=12345$odd', 'ünïcødé'],
    ['rounds=5000$explicitdefault', 'pw'],
  ])('hashes with setting %j like crypt(3)', (setting, password) => {
    const script = 'import crypt, sys; print(crypt.crypt(sys.stdin.read(), "$6$" + sys.argv[1]))';
    const expected = runTool('python3', ['-W', 'ignore', '-c', script, setting], { input: password }).trim();
    expect(expected).toMatch(/^\$6\$rounds=/);
    expect(sha512Crypt(password, setting)).toBe(expected);
  });
});
