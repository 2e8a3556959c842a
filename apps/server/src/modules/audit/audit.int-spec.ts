import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestServer } from '../../testing/test-app';

interface Event {
  actor: string;
  actorKind: string;
  action: string;
  target: string | null;
  result: string;
  errorCode: string | null;
  source: string | null;
  details: { body?: Record<string, unknown> };
}

describe('audit log', () => {
  let t: TestServer;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ initialAdmin: false });
    admin = await t.signedIn('admin', 'auditor');
  });

  afterAll(async () => {
    await t?.close();
  });

  async function events(query: string): Promise<Event[]> {
    const res = await admin.get(`/api/audit?${query}`);
    expect(res.status).toBe(200);
    return (res.body as { items: Event[] }).items;
  }

  it('records who did what to which target, the result and the source, without secrets', async () => {
    const created = await admin.post('/api/users', { username: 'audited', password: 'audited-password-1', role: 'viewer' });
    expect(created.status).toBe(201);
    const [event] = await events('action=users.create');
    expect(event).toMatchObject({ actor: 'auditor', actorKind: 'user', action: 'users.create', result: 'success', source: expect.stringMatching(/127\.0\.0\.1/) });
    expect(event!.details.body).toEqual({ username: 'audited', password: '[redacted]', role: 'viewer' });

    const id = (created.body as { id: string }).id;
    await admin.request('PATCH', `/api/users/${id}`, { role: 'operator' });
    expect((await events('action=users.update'))[0]).toMatchObject({ target: id, result: 'success' });
  });

  it('records failures with their code, refused attempts, and sign-ins', async () => {
    expect((await admin.post('/api/users', { username: 'audited', password: 'audited-password-1', role: 'viewer' })).status).toBe(409);
    expect((await events('action=users.create&result=failure'))[0]).toMatchObject({ errorCode: 'USERNAME_TAKEN' });

    const viewer = await t.signedIn('viewer', 'nosy-viewer');
    expect((await viewer.post('/api/users', { username: 'x-user', password: 'xxxxxxxxxxxxxx', role: 'admin' })).status).toBe(403);
    expect((await events('actor=nosy-viewer&result=denied'))[0]).toMatchObject({ action: 'users.create', errorCode: 'ROLE_TOO_LOW' });

    const anonymous = t.client();
    await anonymous.post('/api/auth/login', { username: 'nosy-viewer', password: 'wrong-password' });
    expect((await events('action=auth.login&result=denied'))[0]).toMatchObject({ actor: 'anonymous', errorCode: 'LOGIN_FAILED' });
    expect((await events('action=auth.login&result=success&actor=nosy-viewer'))).toHaveLength(1);
  });

  it('is append-only in the database itself', async () => {
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    try {
      await expect(c.query("UPDATE audit_events SET actor = 'someone-else'")).rejects.toThrow(/append-only/);
      await expect(c.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
      await expect(c.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
      expect(Number((await c.query('SELECT count(*) FROM audit_events')).rows[0].count)).toBeGreaterThan(3);
    } finally {
      await c.end();
    }
  });

  it('filters by time and pages', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await events(`from=${encodeURIComponent(future)}`)).toEqual([]);
    const page = (await admin.get('/api/audit?limit=2&offset=1')).body as { items: Event[]; total: number };
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(3);
    expect((await admin.get('/api/audit?limit=100000')).status).toBe(400);
  });

  it('exports CSV and JSON with the same filters, and audits the export', async () => {
    const csv = await admin.get('/api/audit/export?format=csv&action=users.');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="bootfleet-audit-.*\.csv"/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('at,actorKind,actor,actorId,action,target,result,errorCode,source,details');
    expect(lines.slice(1).every((l) => l.includes(',users.'))).toBe(true);
    expect(csv.text).not.toContain('audited-password-1');

    const json = await admin.get('/api/audit/export?format=json&action=users.create');
    const rows = json.body as Event[];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.action === 'users.create')).toBe(true);
    expect((await events('action=audit.export'))[0]).toMatchObject({ actor: 'auditor', result: 'success' });
  });
});
