import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a download link grants: one host install (so one host and one template) until `expiresAt`. */
export interface DownloadGrant {
  installId: string;
  expiresAt: Date;
}

export type LinkCheck = { ok: true; grant: DownloadGrant } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

const SEPARATOR = '.';

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(`iso-download:${payload}`).digest();
}

/**
 * A stateless signed token: base64url(JSON {i, e}) "." base64url(HMAC-SHA256). Nothing is stored
 * per link, so links cost nothing to issue and expire by themselves.
 */
export function signDownloadLink(key: Buffer, grant: DownloadGrant): string {
  const payload = Buffer.from(JSON.stringify({ i: grant.installId, e: Math.floor(grant.expiresAt.getTime() / 1000) })).toString('base64url');
  return `${payload}${SEPARATOR}${mac(key, payload).toString('base64url')}`;
}

export function verifyDownloadLink(key: Buffer, token: string, now: Date): LinkCheck {
  const [payload, signature, extra] = token.split(SEPARATOR);
  if (!payload || !signature || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(payload + signature)) return { ok: false, reason: 'malformed' };
  const expected = mac(key, payload);
  const given = Buffer.from(signature, 'base64url');
  // Constant time: the comparison must not tell an attacker how much of a forged MAC was right.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { i, e } = (decoded ?? {}) as { i?: unknown; e?: unknown };
  if (typeof i !== 'string' || typeof e !== 'number') return { ok: false, reason: 'malformed' };
  const expiresAt = new Date(e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, grant: { installId: i, expiresAt } };
}
