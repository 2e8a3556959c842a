import { generateEd25519, publicKeyFingerprint } from '@bootfleet/agent';
import { describe, expect, it } from 'vitest';
import { chooseAddress, chooseHostKey } from './call-home-report';

const ed = generateEd25519('host');
const edLine = ed.publicKey.split(' ').slice(0, 2).join(' ');
// An ECDSA P-256 key line: only its type and blob matter here (the fingerprint hashes the blob).
const ecdsaLine =
  'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNcKhYPJ7jCxsHKXhs1Q8W9Jd8KQx5j6ko2RyGcwvyjB2mnJ4r+C8uEcbBYTFGdZT1GxZ0HY2xGQHbLi6lBXu1w=';

describe('chooseHostKey', () => {
  it('pins ed25519 over ecdsa, whatever the order reported', () => {
    const keys = [
      { publicKey: ecdsaLine, fingerprint: publicKeyFingerprint(ecdsaLine) },
      { publicKey: edLine, fingerprint: publicKeyFingerprint(edLine) },
    ];
    expect(chooseHostKey(keys)).toBe(publicKeyFingerprint(edLine));
    expect(chooseHostKey(keys.slice(0, 1))).toBe(publicKeyFingerprint(ecdsaLine));
  });

  it('ignores a key whose reported fingerprint is not its own', () => {
    const other = generateEd25519('other');
    expect(chooseHostKey([{ publicKey: edLine, fingerprint: publicKeyFingerprint(other.publicKey) }])).toBeUndefined();
  });

  it('ignores lines that are not public keys', () => {
    expect(chooseHostKey([{ publicKey: 'garbage', fingerprint: 'SHA256:x' }])).toBeUndefined();
    expect(chooseHostKey([])).toBeUndefined();
  });
});

describe('chooseAddress', () => {
  it('prefers the first IPv4 address and drops the prefix length', () => {
    expect(chooseAddress(['2001:db8::10/64', '192.0.2.10/24', '198.51.100.1/24'])).toBe('192.0.2.10');
  });

  it('falls back to IPv6 and refuses non-addresses', () => {
    expect(chooseAddress(['2001:db8::10/64'])).toBe('2001:db8::10');
    expect(chooseAddress(['not-an-address', '$(reboot)/24'])).toBeUndefined();
  });
});
