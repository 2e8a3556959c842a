import { utils } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, generateEd25519 } from './host-key';

describe('generateEd25519', () => {
  it('always yields keys ssh2 can parse back (ssh2 itself fails about 1 in 256)', () => {
    for (let i = 0; i < 600; i++) {
      const pair = generateEd25519();
      expect(utils.parseKey(pair.privateKey)).not.toBeInstanceOf(Error);
      expect(utils.parseKey(pair.publicKey)).not.toBeInstanceOf(Error);
    }
  });

  it('fingerprints like ssh-keygen -lf (unpadded base64 SHA-256 of the key blob)', () => {
    // The blob of this line, hashed by `ssh-keygen -lf`, gives the fingerprint below.
    const line = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test';
    expect(fingerprintOf(line)).toBe('SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU');
  });
});
