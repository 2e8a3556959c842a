import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestServer } from '../../testing/test-app';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';

describe('HTTP hardening', () => {
  let db: TestDatabase;
  const servers: TestServer[] = [];
  const latest = () => servers[servers.length - 1]!;

  /** A server with `env` on the shared database; answers a client with no session. */
  async function start(env: Record<string, string> = {}): Promise<ApiClient> {
    servers.push(await startTestApp({ env, initialAdmin: false, db }));
    return latest().client();
  }

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    await db?.drop();
  });

  it('sends security headers with a same-origin CSP on API answers and dashboard pages', async () => {
    const client = await start();
    for (const path of ['/api/health', '/fleet']) {
      const res = await client.get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('lets no API answer be stored', async () => {
    const client = await start();
    const api = await client.get('/api/health');
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('etag')).toBeNull();
  });

  it('answers no cross-origin request unless the origin is configured', async () => {
    const closed = await start();
    const preflight = { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' };
    const refused = await closed.request('OPTIONS', '/api/auth/login', undefined, preflight);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect((await closed.request('GET', '/api/health', undefined, { origin: 'https://evil.example' })).headers.get('access-control-allow-origin')).toBeNull();

    const open = await start({ BOOTFLEET_CORS_ORIGINS: 'https://ops.example' });
    const allowed = await open.request('OPTIONS', '/api/auth/login', undefined, { ...preflight, origin: 'https://ops.example' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ops.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await open.request('OPTIONS', '/api/auth/login', undefined, preflight);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('marks cookies Secure when told to', async () => {
    const client = await start({ BOOTFLEET_COOKIE_SECURE: 'true' });
    const user = await latest().seedUser('secure-cookie', 'viewer');
    const res = await client.request('POST', '/api/auth/login', { username: user.username, password: user.password });
    expect(res.headers.getSetCookie().every((c) => /;\s*Secure/i.test(c))).toBe(true);
  });

  it('believes X-Forwarded-For only from a proxy it was told to trust', async () => {
    const sources: (string | null)[] = [];
    const envs: Record<string, string>[] = [{}, { BOOTFLEET_TRUST_PROXY: 'loopback' }];
    for (const env of envs) {
      const client = await start(env);
      const admin = await latest().signedIn('admin');
      const name = `spoof-${sources.length}`;
      await client.request('POST', '/api/auth/login', { username: name, password: 'wrong-password' }, { 'x-forwarded-for': '203.0.113.9' });
      const page = (await admin.get(`/api/audit?action=auth.login&result=denied`)).body as { items: { source: string | null; details: { body?: { username?: string } } }[] };
      sources.push(page.items.find((e) => e.details.body?.username === name)?.source ?? null);
    }
    expect(sources).toEqual(['127.0.0.1', '203.0.113.9']);
  });

  it('validates bodies strictly and bounds their size', async () => {
    const client = await start();
    const extra = await client.post('/api/auth/login', { username: 'a', password: 'b', role: 'admin' });
    expect(extra.status).toBe(400);
    expect((extra.body as { code: string }).code).toBe('VALIDATION_FAILED');
    const long = await client.post('/api/auth/login', { username: 'a'.repeat(65), password: 'b' });
    expect(long.status).toBe(400);
    const huge = await client.post('/api/auth/login', { username: 'a', password: 'p'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });
});
