import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, masterKey, open, SealError, seal, sealedKeyId } from './envelope';

const keyA = masterKey(randomBytes(32));
const keyB = masterKey(randomBytes(32));

describe('sealed envelope', () => {
  it('round-trips text and bytes under the same context', () => {
    const sealed = seal(keyA, 'ssh-ed25519 PRIVATE ✓', 'host:1:ssh-key');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('PRIVATE');
    expect(open({ current: keyA, others: [] }, sealed, 'host:1:ssh-key').toString('utf8')).toBe('ssh-ed25519 PRIVATE ✓');
    const bytes = randomBytes(100);
    expect(open({ current: keyA, others: [] }, seal(keyA, bytes, 'c'), 'c').equals(bytes)).toBe(true);
  });

  it('uses a fresh nonce each time and names the key', () => {
    const a = seal(keyA, 'same', 'c');
    const b = seal(keyA, 'same', 'c');
    expect(a).not.toBe(b);
    expect(sealedKeyId(a)).toBe(keyA.id);
    expect(keyA.id).toMatch(/^[0-9a-f]{16}$/);
    expect(keyA.id).not.toBe(keyB.id);
  });

  it('refuses another context, another key, and any tampering', () => {
    const sealed = seal(keyA, 'secret', 'host:1:ssh-key');
    expect(() => open({ current: keyA, others: [] }, sealed, 'host:2:ssh-key')).toThrow(SealError);
    expect(() => open({ current: keyB, others: [] }, sealed, 'host:1:ssh-key')).toThrow(/does not have/);
    const body = sealed.split(':')[2]!;
    const flipped = body.slice(0, 20) + (body[20] === 'A' ? 'B' : 'A') + body.slice(21);
    expect(() => open({ current: keyA, others: [] }, `v1:${keyA.id}:${flipped}`, 'host:1:ssh-key')).toThrow(/does not authenticate/);
    expect(() => open({ current: keyA, others: [] }, `v1:${keyA.id}:AAAA`, 'host:1:ssh-key')).toThrow(/truncated/);
    expect(() => open({ current: keyA, others: [] }, 'plain text', 'c')).toThrow(/not a sealed value/);
  });

  it('opens with an older key of the ring while sealing with the current one', () => {
    const old = seal(keyA, 'x', 'c');
    const ring = { current: keyB, others: [keyA] };
    expect(open(ring, old, 'c').toString()).toBe('x');
    expect(sealedKeyId(seal(ring.current, 'x', 'c'))).toBe(keyB.id);
  });

  it('rejects keys of the wrong size', () => {
    expect(() => masterKey(randomBytes(16))).toThrow(/32 bytes/);
  });
});
