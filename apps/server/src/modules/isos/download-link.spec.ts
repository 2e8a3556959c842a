import { describe, expect, it } from 'vitest';
import { signDownloadLink, verifyDownloadLink } from './download-link';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const now = new Date('2026-01-01T12:00:00Z');
const grant = { installId: '5b1f9a52-0d4e-4a8f-9a55-0e6f3b7c1d2e', expiresAt: new Date('2026-01-01T12:15:00Z') };

describe('download links', () => {
  it('round-trips the install and the expiry (whole seconds)', () => {
    const check = verifyDownloadLink(key, signDownloadLink(key, grant), now);
    expect(check).toEqual({ ok: true, grant });
  });

  it('refuses a link signed with another key', () => {
    expect(verifyDownloadLink(otherKey, signDownloadLink(key, grant), now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a link whose payload was swapped for another install', () => {
    const [, signature] = signDownloadLink(key, grant).split('.');
    const [otherPayload] = signDownloadLink(key, { ...grant, installId: '00000000-0000-4000-8000-000000000000' }).split('.');
    expect(verifyDownloadLink(key, `${otherPayload}.${signature}`, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses an expired link, and one at its exact expiry', () => {
    const token = signDownloadLink(key, grant);
    expect(verifyDownloadLink(key, token, grant.expiresAt)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyDownloadLink(key, token, new Date('2026-01-02T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it.each(['', '.', 'abc', 'a.b.c', 'a b.c', '00000000-0000-4000-8000-000000000000'])('refuses the malformed token %j', (token) => {
    expect(verifyDownloadLink(key, token, now).ok).toBe(false);
  });
});
