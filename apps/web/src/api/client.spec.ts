import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { createApiClient, requireData } from './client';

const base = 'http://bootfleet.test';

function clientAnswering(status: number, body: string, contentType = 'application/json') {
  const seen: Request[] = [];
  const client = createApiClient({
    baseUrl: base,
    fetch: async (request) => {
      seen.push(request);
      return new Response(body, { status, headers: { 'content-type': contentType } });
    },
  });
  return { client, seen };
}

describe('API client', () => {
  it('returns the body of a 2xx answer', async () => {
    const health = { status: 'ok', version: '1', uptimeSeconds: 1, database: { up: true, latencyMs: 1, error: null } };
    const { client, seen } = clientAnswering(200, JSON.stringify(health));
    expect(requireData(await client.GET('/api/health'))).toEqual(health);
    expect(seen[0]?.url).toBe(`${base}/api/health`);
  });

  it('turns the server error body into an ApiError', async () => {
    const { client } = clientAnswering(409, JSON.stringify({ code: 'HOST_EXISTS', message: 'host web-1 exists', details: { name: 'web-1' } }));
    const error = await client.GET('/api/health').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'HOST_EXISTS', message: 'host web-1 exists', details: { name: 'web-1' } });
  });

  it('keeps a body that is not an error body under details.body', async () => {
    const { client } = clientAnswering(502, '<html>Bad Gateway</html>', 'text/html');
    const error = await client.GET('/api/health').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, code: 'HTTP_502', details: { body: '<html>Bad Gateway</html>' } });
  });
});
