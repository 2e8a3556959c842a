import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INJECTION_CORPUS } from '../../testing/injection-corpus';
import { type ApiClient, startTestApp, type TestServer } from '../../testing/test-app';

/** User names and token names end up in audit lines, exports and log fields: each hostile value is refused or kept verbatim. */
describe('injection corpus through the account inputs', () => {
  let t: TestServer;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ initialAdmin: false });
    admin = await t.signedIn('admin', 'corpus-admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses every hostile user name with a validation error', async () => {
    const accepted: string[] = [];
    for (const c of INJECTION_CORPUS) {
      const res = await admin.post('/api/users', { username: c.value, password: 'corpus-password-123', role: 'viewer' });
      if (res.status !== 400 || (res.body as { code: string }).code !== 'VALIDATION_FAILED') accepted.push(`${c.name} -> ${res.status}`);
    }
    expect(accepted).toEqual([]);
    const users = (await admin.get('/api/users')).body as { username: string }[];
    expect(users.map((u) => u.username)).toEqual(['corpus-admin']);
  });

  it('answers hostile sign-in names like any wrong sign-in, and logs them as data', async () => {
    const odd: string[] = [];
    for (const c of INJECTION_CORPUS) {
      const res = await admin.post('/api/auth/login', { username: c.value, password: 'whatever' });
      if (![400, 401, 429].includes(res.status)) odd.push(`${c.name} -> ${res.status}`);
    }
    expect(odd).toEqual([]);
    // Every attempt kept its audit line, NUL and 64 KiB names included.
    const logged = (await admin.get('/api/audit?action=auth.login&actor=anonymous&limit=1')).body as { total: number };
    expect(logged.total).toBeGreaterThanOrEqual(INJECTION_CORPUS.length);
    const csv = await admin.get('/api/audit/export?format=csv&action=auth.login');
    expect(csv.status).toBe(200);
    // No cell starts a formula, and every record is one CSV row per line break in a quoted cell only.
    expect(csv.text).not.toMatch(/(^|,)=cmd/m);
  });

  it('keeps token names verbatim or refuses them; never lets one become another field', async () => {
    for (const c of INJECTION_CORPUS) {
      const res = await admin.post('/api/tokens', { name: c.value, role: 'viewer' });
      if (res.status === 201) expect((res.body as { name: string }).name).toBe(c.value);
      else expect(res.status, c.name).toBe(400);
    }
    const tokens = (await admin.get('/api/tokens')).body as { name: string; role: string }[];
    expect(tokens.every((t) => t.role === 'viewer' && /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/.test(t.name))).toBe(true);
  });

  it('treats hostile audit filters as plain data', async () => {
    for (const c of INJECTION_CORPUS) {
      const res = await admin.get(`/api/audit?actor=${encodeURIComponent(c.value.slice(0, 200))}`);
      expect([200, 400], c.name).toContain(res.status);
    }
  });
});
