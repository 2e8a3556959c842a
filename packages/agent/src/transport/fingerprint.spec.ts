import { describe, expect, it } from 'vitest';
import { fingerprintOf, isFingerprint, keyTypeOf } from './fingerprint';

// An ed25519 public key and the fingerprint `ssh-keygen -lf` prints for it.
const PUBLIC_KEY = 'AAAAC3NzaC1lZDI1NTE5AAAAIMT0NH3I/FgQtrz05/cKT9512utsZRjVi+7Mo1Orom86';
const SSH_KEYGEN_FINGERPRINT = 'SHA256:EllWbdac4otdJF6tUjO/5mpLhhZIC3UTQvD0+TeRC/Q';

describe('fingerprintOf', () => {
  it('matches the OpenSSH SHA256 fingerprint format', () => {
    const blob = Buffer.from(PUBLIC_KEY, 'base64');
    expect(fingerprintOf(blob)).toBe(SSH_KEYGEN_FINGERPRINT);
    expect(isFingerprint(fingerprintOf(blob))).toBe(true);
    expect(keyTypeOf(blob)).toBe('ssh-ed25519');
  });

  it('rejects malformed fingerprints', () => {
    expect(isFingerprint('SHA256:short')).toBe(false);
    expect(isFingerprint('MD5:9rvy2uAOWy7Fsc+5lpdmaH+MjALlhqrjQ52XCrkQVjM')).toBe(false);
  });
});
