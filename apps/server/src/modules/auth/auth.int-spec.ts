import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestServer } from '../../testing/test-app';
import { until } from '../../testing/until';

async function sql(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, values);
  } finally {
    await c.end();
  }
}

describe('accounts, sessions and tokens over HTTP', () => {
  let t: TestServer;
  let anon: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ initialAdmin: false });
    anon = t.client();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('offers the one-time setup only while no user exists, then signs the first admin in', async () => {
    expect((await anon.get('/api/auth/setup')).body).toEqual({ needed: true });
    expect((await anon.post('/api/auth/setup', { username: 'first', password: 'short' })).status).toBe(400);

    const browser = t.client();
    const res = await browser.post('/api/auth/setup', { username: 'first', password: 'first-admin-password' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'user', name: 'first', role: 'admin' });
    expect((await browser.get('/api/auth/me')).body).toMatchObject({ name: 'first', role: 'admin' });

    expect((await anon.get('/api/auth/setup')).body).toEqual({ needed: false });
    const again = await anon.post('/api/auth/setup', { username: 'second', password: 'another-admin-password' });
    expect(again.status).toBe(409);
    expect((again.body as { code: string }).code).toBe('SETUP_DONE');
  });

  it('sets an httpOnly SameSite=Strict session cookie with an expiry, and a readable CSRF cookie', async () => {
    const user = await t.seedUser('cookie-check', 'viewer');
    const res = await anon.request('POST', '/api/auth/login', { username: user.username, password: user.password });
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('bootfleet_session='))!;
    const csrf = cookies.find((c) => c.startsWith('bootfleet_csrf='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).toMatch(/Expires=/i);
    expect(session).not.toMatch(/Secure/i); // plain http, cookie security 'auto'
    expect(csrf).not.toMatch(/HttpOnly/i);
    // The session row holds a hash, never the cookie value.
    const value = decodeURIComponent(session.split(';')[0]!.split('=')[1]!);
    const rows = (await sql(t.db.url, 'SELECT token_hash FROM sessions')).rows as { token_hash: string }[];
    expect(rows.some((r) => r.token_hash === value)).toBe(false);
  });

  it('refuses wrong passwords with one answer for unknown users, and locks the name out after 5 failures', async () => {
    const user = await t.seedUser('lockme', 'operator');
    const wrong = await anon.post('/api/auth/login', { username: 'lockme', password: 'not the password' });
    const unknown = await anon.post('/api/auth/login', { username: 'nobody-here', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    for (let i = 0; i < 4; i++) await anon.post('/api/auth/login', { username: 'lockme', password: `wrong ${i}` });
    const locked = await anon.post('/api/auth/login', { username: 'lockme', password: user.password });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'LOGIN_LOCKED', details: { retryAfterSeconds: expect.any(Number) } });
    // The lock is in the database (shared by every server process) and ends with its time.
    await sql(t.db.url, "UPDATE login_throttles SET locked_until = now() - interval '1 second' WHERE key = 'user:lockme'");
    expect((await t.client().post('/api/auth/login', { username: 'lockme', password: user.password })).status).toBe(200);
  });

  it('requires the CSRF header on mutating cookie requests but not on bearer requests', async () => {
    const admin = await t.signedIn('admin');
    const body = { username: 'csrf-victim', password: 'csrf-victim-password', role: 'viewer' };
    const missing = await admin.request('POST', '/api/users', body, { 'x-csrf-token': '' });
    expect(missing.status).toBe(403);
    expect((missing.body as { code: string }).code).toBe('CSRF_TOKEN_INVALID');
    const forged = await admin.request('POST', '/api/users', body, { 'x-csrf-token': 'A'.repeat(43) });
    expect(forged.status).toBe(403);
    expect((await admin.request('POST', '/api/users', body)).status).toBe(201);

    const created = await admin.post('/api/tokens', { name: 'ci', role: 'admin' });
    const bot = t.client();
    bot.bearer = (created.body as { token: string }).token;
    expect((await bot.post('/api/users', { ...body, username: 'made-by-token' })).status).toBe(201);
  });

  it('ends sessions at expiry and at logout', async () => {
    const user = await t.seedUser('expiring', 'viewer');
    const browser = t.client();
    await browser.login(user.username, user.password);
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    await sql(t.db.url, "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [user.id]);
    // A change made outside the server applies once its notification is heard (sessions are kept in memory).
    const expired = await until('the expiry heard', () => browser.get('/api/auth/me'), (r) => r.status !== 200, 5_000);
    expect(expired.status).toBe(401);
    expect((expired.body as { code: string }).code).toBe('SESSION_EXPIRED');

    await browser.login(user.username, user.password);
    const stolenCookie = browser.cookie('bootfleet_session')!;
    expect((await browser.post('/api/auth/logout')).status).toBe(204);
    expect(browser.cookie('bootfleet_session')).toBeUndefined();
    const replay = t.client();
    replay.setCookie('bootfleet_session', stolenCookie);
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('reads a signed-in session again once sessions or users change: through the API at once, elsewhere when told', async () => {
    const user = await t.seedUser('remembered', 'operator');
    const browser = t.client();
    await browser.login(user.username, user.password);
    const role = async () => ((await browser.get('/api/auth/me')).body as { role?: string }).role;
    expect(await role()).toBe('operator');
    expect(await role()).toBe('operator'); // now resolved from memory
    const admin = await t.signedIn('admin');
    expect((await admin.request('PATCH', `/api/users/${user.id}`, { role: 'viewer' })).status).toBe(200);
    expect(await role()).toBe('viewer');
    // Straight SQL, as another server process writes: the trigger's notification after commit drops what was kept.
    await sql(t.db.url, "UPDATE users SET role = 'admin' WHERE id = $1", [user.id]);
    await until('the role changed elsewhere', role, (r) => r === 'admin', 5_000);
    await sql(t.db.url, 'DELETE FROM sessions WHERE user_id = $1', [user.id]);
    await until('the session ended elsewhere', () => browser.get('/api/auth/me'), (r) => r.status === 401, 5_000);
  });

  it("signals every change to sessions but a session's last-seen time (written once a minute a session)", async () => {
    const user = await t.seedUser('touched', 'viewer');
    await t.client().login(user.username, user.password);
    const listener = new pg.Client({ connectionString: t.db.url });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (n) => heard.push(n.payload ?? ''));
      await listener.query('LISTEN bootfleet_table_changes');
      // Notifications arrive in commit order: once the marker is heard, whatever the update signalled was heard too.
      const signalled = async (update: string) => {
        heard.length = 0;
        await sql(t.db.url, update, [user.id]);
        await sql(t.db.url, "SELECT pg_notify('bootfleet_table_changes', 'marker')");
        await until('the marker', async () => heard.includes('marker'), (v) => v, 5_000);
        return heard.filter((p) => p !== 'marker');
      };
      expect(await signalled("UPDATE sessions SET last_seen_at = now() + interval '1 minute' WHERE user_id = $1")).toEqual([]);
      expect(await signalled("UPDATE sessions SET expires_at = expires_at - interval '1 minute' WHERE user_id = $1")).toEqual(['sessions']);
      expect(await signalled('DELETE FROM sessions WHERE user_id = $1')).toEqual(['sessions']);
    } finally {
      await listener.end();
    }
  });

  it('changes a password with the current one and signs out the other sessions', async () => {
    const user = await t.seedUser('changer', 'viewer');
    const here = t.client();
    const elsewhere = t.client();
    await here.login(user.username, user.password);
    await elsewhere.login(user.username, user.password);
    const wrong = await here.request('PUT', '/api/auth/password', { currentPassword: 'nope', newPassword: 'a-brand-new-password' });
    expect(wrong.status).toBe(400);
    expect((await here.request('PUT', '/api/auth/password', { currentPassword: user.password, newPassword: 'a-brand-new-password' })).status).toBe(204);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect((await anon.post('/api/auth/login', { username: 'changer', password: user.password })).status).toBe(401);
    await t.client().login('changer', 'a-brand-new-password');
  });

  it('runs the API token life cycle: shown once, hashed, capped by the creator, last use, revocation', async () => {
    const operator = await t.signedIn('operator', 'token-owner');
    const tooHigh = await operator.post('/api/tokens', { name: 'too high', role: 'admin' });
    expect(tooHigh.status).toBe(403);
    expect((tooHigh.body as { code: string }).code).toBe('TOKEN_ROLE_TOO_HIGH');

    const created = await operator.post('/api/tokens', { name: 'ci pipeline', role: 'operator' });
    expect(created.status).toBe(201);
    const { token, id, prefix } = created.body as { token: string; id: string; prefix: string };
    expect(token).toMatch(new RegExp(`^bft_${prefix}_`));
    const stored = (await sql(t.db.url, 'SELECT secret_hash FROM api_tokens WHERE id = $1', [id])).rows[0] as { secret_hash: string };
    expect(stored.secret_hash).not.toContain(token);

    const listed = (await operator.get('/api/tokens')).body as Record<string, unknown>[];
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('token');
    expect(listed[0]!.lastUsedAt).toBeNull();

    const bot = t.client();
    bot.bearer = token;
    expect((await bot.get('/api/auth/me')).body).toMatchObject({ kind: 'token', role: 'operator', name: 'ci pipeline (token-owner)' });
    expect((await bot.post('/api/tokens', { name: 'child', role: 'viewer' })).status).toBe(403);
    expect(((await operator.get('/api/tokens')).body as { lastUsedAt: string | null }[])[0]!.lastUsedAt).not.toBeNull();

    // Demoting the owner demotes the token.
    await sql(t.db.url, "UPDATE users SET role = 'viewer' WHERE username = 'token-owner'");
    expect((await bot.get('/api/auth/me')).body).toMatchObject({ role: 'viewer' });

    expect((await operator.request('DELETE', `/api/tokens/${id}`)).status).toBe(200);
    const revoked = await bot.get('/api/auth/me');
    expect(revoked.status).toBe(401);
    expect((revoked.body as { code: string }).code).toBe('TOKEN_INVALID');
    const garbage = t.client();
    garbage.bearer = 'bft_000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
    expect((await garbage.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses to delete the signed-in admin itself', async () => {
    const admin = await t.signedIn('admin', 'only-admin-check');
    const me = (await admin.get('/api/auth/me')).body as { id: string };
    expect((await admin.request('DELETE', `/api/users/${me.id}`)).status).toBe(409);
  });
});
