import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hash';

const CHEAP = { logN: 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('verify the right password only', async () => {
    const stored = await hashPassword('correct horse battery staple', CHEAP);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
  });

  it('salt every hash and keep the cost in the hash', async () => {
    const a = await hashPassword('same password!', CHEAP);
    const b = await hashPassword('same password!', CHEAP);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password!', (await hashPassword('same password!')))).toBe(true);
  });

  it('treat unicode normalisation forms as the same password', async () => {
    const stored = await hashPassword('caf\u00e9 au lait!', CHEAP);
    expect(await verifyPassword('cafe\u0301 au lait!', stored)).toBe(true);
  });

  it('reject malformed or absurd stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$40$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$10$8$1$AAAA$AAAA')).toBe(false);
  });
});
