import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies and the secret half of API tokens. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** High-entropy secrets need no slow hash: SHA-256 keeps a database leak from being usable. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
