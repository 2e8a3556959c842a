import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestServer } from './testing/test-app';

describe('HTTP application', () => {
  let t: TestServer;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ initialAdmin: false });
    base = t.baseUrl;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('reports health with the database up', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { uptimeSeconds: number };
    expect(body).toMatchObject({ status: 'ok', version: '0.0.0-test', database: { up: true, error: null } });
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('serves the OpenAPI document and its docs page', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/health']?.get).toBeDefined();
    const docs = await fetch(`${base}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('answers unknown API routes and bad bodies with coded JSON errors', async () => {
    const missing = await fetch(`${base}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.any(String), details: {} });

    const malformed = await fetch(`${base}/api/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
    expect(await malformed.json()).toHaveProperty('code');

    const huge = await fetch(`${base}/api/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('explains a missing dashboard build instead of failing obscurely', async () => {
    const res = await fetch(`${base}/fleet`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('not built');
  });
});
