import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { generateEd25519, publicKeyFingerprint } from './key-pair';

describe('publicKeyFingerprint', () => {
  it('matches ssh-keygen -lf', () => {
    const pair = generateEd25519('fp');
    const expected = execFileSync('ssh-keygen', ['-lf', '-'], { input: `${pair.publicKey}\n`, encoding: 'utf8' }).split(' ')[1];
    expect(publicKeyFingerprint(pair.publicKey)).toBe(expected);
  });
});
