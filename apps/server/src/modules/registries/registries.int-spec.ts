import { startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaService } from '../../infra/prisma/prisma.service';
import { startTestApp, type TestApp } from '../../testing/test-app';

/** A loopback port that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('registries API on PostgreSQL and docker-registry', () => {
  let t: TestApp;
  let api: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;
  let anonymous: TestRegistry;
  let basic: TestRegistry;
  let token: TestRegistry;
  let tls: TestRegistry;

  beforeAll(async () => {
    [t, anonymous, basic, token, tls] = await Promise.all([
      startTestApp({ env: { BOOTFLEET_ROLES: 'api' } }),
      startRegistry({ auth: 'none' }),
      startRegistry({ auth: 'basic' }),
      startRegistry({ auth: 'token' }),
      startRegistry({ auth: 'none', tls: true }),
    ]);
    api = (method, path, body) => t.admin.request(method, path, body);
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all([anonymous, basic, token, tls].map((r) => r?.stop()));
  });

  it('creates an anonymous registry, tests it and keeps the result', async () => {
    const created = await api('POST', '/api/registries', { name: 'local', url: `${anonymous.url}/` });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'local', url: anonymous.url, host: anonymous.host, credentials: { kind: 'none', hasSecret: false }, lastTest: null });
    const id = (created.body as { id: string }).id;

    const test = await api('POST', `/api/registries/${id}/test`);
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ ok: true, latencyMs: expect.any(Number) });

    const after = await api('GET', `/api/registries/${id}`);
    expect(after.body).toMatchObject({ lastTest: { ok: true, error: null } });
  });

  it('seals basic credentials, never returns them, and reports a refused password as REGISTRY_AUTH_FAILED', async () => {
    const password = basic.password ?? '';
    const created = await api('POST', '/api/registries', {
      name: 'basic',
      url: basic.url,
      credentials: { kind: 'basic', username: basic.username, password },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ credentials: { kind: 'basic', username: basic.username, hasSecret: true } });
    const id = (created.body as { id: string }).id;
    expect((await api('POST', `/api/registries/${id}/test`)).body).toMatchObject({ ok: true });

    const list = await api('GET', '/api/registries');
    expect(JSON.stringify(list.body)).not.toContain(password);
    const stored = await t.app.get(PrismaService).registry.findUniqueOrThrow({ where: { id } });
    expect(stored.sealedSecret).toMatch(/^v1:/);
    expect(stored.sealedSecret).not.toContain(password);
    const audit = await t.app.get(PrismaService).auditEvent.findMany({ where: { action: 'registry.create' } });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(password);

    // A changed username with the password omitted keeps the stored password.
    const renamed = await api('PATCH', `/api/registries/${id}`, { credentials: { kind: 'basic', username: 'intruder' } });
    expect(renamed.status).toBe(200);
    const refused = await api('POST', `/api/registries/${id}/test`);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'REGISTRY_AUTH_FAILED' } });
    expect((await api('GET', `/api/registries/${id}`)).body).toMatchObject({ lastTest: { ok: false, error: { code: 'REGISTRY_AUTH_FAILED' } } });

    // A dry run for the edit form reuses the stored password with the username typed in the form.
    const draft = await api('POST', '/api/registries/test', { id, url: basic.url, credentials: { kind: 'basic', username: basic.username } });
    expect(draft.body).toMatchObject({ ok: true });
  });

  it('runs the bearer-token flow for a token-auth registry and accepts a static token credential kind', async () => {
    const before = token.tokensIssued();
    const draft = await api('POST', '/api/registries/test', { url: token.url, credentials: { kind: 'basic', username: token.username, password: token.password } });
    expect(draft.body).toMatchObject({ ok: true });
    expect(token.tokensIssued()).toBeGreaterThan(before);

    const wrong = await api('POST', '/api/registries/test', { url: token.url, credentials: { kind: 'basic', username: token.username, password: 'not-the-password' } });
    expect(wrong.body).toMatchObject({ ok: false, error: { code: 'REGISTRY_AUTH_FAILED' } });

    const bogusToken = await api('POST', '/api/registries', { name: 'robot', url: token.url, credentials: { kind: 'token', token: 'robot-token-123' } });
    expect(bogusToken.status).toBe(201);
    expect(JSON.stringify(bogusToken.body)).not.toContain('robot-token-123');
    const id = (bogusToken.body as { id: string }).id;
    expect((await api('POST', `/api/registries/${id}/test`)).body).toMatchObject({ ok: false, error: { code: 'REGISTRY_AUTH_FAILED' } });
  });

  it('tells an unreachable registry and an untrusted certificate apart, and trusts a given CA', async () => {
    const port = await closedPort();
    const unreachable = await api('POST', '/api/registries/test', { url: `http://127.0.0.1:${port}` });
    expect(unreachable.body).toMatchObject({ ok: false, error: { code: 'REGISTRY_UNREACHABLE' } });

    expect((await api('POST', '/api/registries/test', { url: tls.url })).body).toMatchObject({ ok: false, error: { code: 'REGISTRY_TLS_FAILED' } });
    expect((await api('POST', '/api/registries/test', { url: tls.url, caPem: tls.caPem })).body).toMatchObject({ ok: true });
    expect((await api('POST', '/api/registries/test', { url: tls.url, insecure: true })).body).toMatchObject({ ok: true });

    const saved = await api('POST', '/api/registries', { name: 'tls', url: tls.url, caPem: tls.caPem });
    expect(saved.status).toBe(201);
    expect((await api('POST', `/api/registries/${(saved.body as { id: string }).id}/test`)).body).toMatchObject({ ok: true });
  });

  it('lets viewers read registries and settings but only admins change them', async () => {
    const viewer = await t.signedIn('viewer', 'viewer');
    expect((await viewer.get('/api/registries')).status).toBe(200);
    expect((await viewer.get('/api/settings')).status).toBe(200);
    expect((await viewer.post('/api/registries', { name: 'sneaky', url: anonymous.url })).status).toBe(403);
    expect((await viewer.request('PUT', '/api/settings', { imagePollIntervalSeconds: 900 })).status).toBe(403);
    expect((await t.client().get('/api/registries')).status).toBe(401);
  });

  it('refuses bad input with coded 4xx answers and creates nothing', async () => {
    const count = async () => ((await api('GET', '/api/registries')).body as unknown[]).length;
    const before = await count();

    const badUrl = await api('POST', '/api/registries', { name: 'bad', url: 'registry.example.com/v2' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [expect.objectContaining({ path: 'url' })] } });

    const noPassword = await api('POST', '/api/registries', { name: 'nopw', url: basic.url, credentials: { kind: 'basic', username: 'x' } });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body).toMatchObject({ code: 'VALIDATION_FAILED' });

    const badCa = await api('POST', '/api/registries', { name: 'badca', url: tls.url, caPem: 'not a certificate' });
    expect(badCa.status).toBe(400);

    const duplicate = await api('POST', '/api/registries', { name: 'local', url: anonymous.url });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'REGISTRY_NAME_TAKEN', details: { field: 'name' } });

    expect(await count()).toBe(before);
    expect((await api('GET', '/api/registries/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
