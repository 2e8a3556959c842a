import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Authenticator } from './authenticator';
import type { HttpRequest, HttpRequester, HttpResponse } from './http-transport';

const REALM = 'https://auth.example/token';
const CHALLENGE = `Bearer realm="${REALM}",service="reg",scope="repository:team/os:pull"`;

/** A token server double: records requests and answers with numbered tokens. */
function fakeTokenServer(status = 200, expiresIn?: number): HttpRequester & { requests: { url: string; init: HttpRequest }[] } {
  const requests: { url: string; init: HttpRequest }[] = [];
  return {
    requests,
    request: (url: string, init: HttpRequest = {}): Promise<HttpResponse> => {
      requests.push({ url, init });
      const body = status === 200 ? JSON.stringify({ access_token: `t${requests.length}`, ...(expiresIn ? { expires_in: expiresIn } : {}) }) : '{"errors":[{"code":"DENIED"}]}';
      return Promise.resolve({ url, status, headers: {}, body: Readable.from([Buffer.from(body)]) });
    },
  };
}

const basic = (u: string, p: string): string => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

describe('Authenticator', () => {
  it('sends a {token} credential as Bearer and never retries it', async () => {
    const auth = new Authenticator(fakeTokenServer(), { token: 'robot-token' });
    expect(auth.headerFor('repository:x:pull')).toBe('Bearer robot-token');
    await expect(auth.answerChallenge(CHALLENGE, 'repository:x:pull', 'Bearer robot-token', 'u')).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
  });

  it('sends Basic preemptively, then answers a Bearer challenge via the realm with Basic credentials', async () => {
    const server = fakeTokenServer();
    const auth = new Authenticator(server, { username: 'u', password: 'p' });
    expect(auth.headerFor('repository:team/os:pull')).toBe(basic('u', 'p'));
    expect(await auth.answerChallenge(CHALLENGE, 'repository:team/os:pull', basic('u', 'p'), 'u')).toBe('Bearer t1');
    const tokenUrl = new URL(server.requests[0]!.url);
    expect(`${tokenUrl.origin}${tokenUrl.pathname}`).toBe(REALM);
    expect(Object.fromEntries(tokenUrl.searchParams)).toEqual({ service: 'reg', scope: 'repository:team/os:pull' });
    expect(server.requests[0]!.init.headers).toEqual({ authorization: basic('u', 'p') });
    expect(auth.headerFor('repository:team/os:pull')).toBe('Bearer t1');
    // Once the registry is known to want tokens, other scopes get no Basic header up front.
    expect(auth.headerFor('repository:other:pull')).toBeUndefined();
  });

  it('caches a token until shortly before expires_in, then asks for a new one', async () => {
    let now = 1_000_000;
    const server = fakeTokenServer(200, 120);
    const auth = new Authenticator(server, undefined, () => now);
    await auth.answerChallenge(CHALLENGE, 's', undefined, 'u');
    now += 100_000;
    expect(auth.headerFor('s')).toBe('Bearer t1');
    now += 20_000;
    expect(auth.headerFor('s')).toBeUndefined();
    expect(await auth.answerChallenge(CHALLENGE, 's', undefined, 'u')).toBe('Bearer t2');
    expect(server.requests[1]!.init.headers).toEqual({});
  });

  it('assumes a 60 s lifetime when the token server gives none', async () => {
    let now = 0;
    const auth = new Authenticator(fakeTokenServer(), undefined, () => now);
    await auth.answerChallenge(CHALLENGE, 's', undefined, 'u');
    now = 50_000;
    expect(auth.headerFor('s')).toBe('Bearer t1');
    now = 56_000;
    expect(auth.headerFor('s')).toBeUndefined();
  });

  it('fails with REGISTRY_AUTH_FAILED when the token server refuses, or a fresh token is refused', async () => {
    await expect(new Authenticator(fakeTokenServer(401), { username: 'u', password: 'bad' }).answerChallenge(CHALLENGE, 's', undefined, 'u'))
      .rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED', status: 401 });
    const auth = new Authenticator(fakeTokenServer(), undefined, () => 0);
    await auth.answerChallenge(CHALLENGE, 's', undefined, 'u');
    const fresh = await auth.answerChallenge(CHALLENGE, 's', 'Bearer t1', 'u');
    expect(fresh).toBe('Bearer t2');
    await expect(auth.answerChallenge(CHALLENGE, 's', 'Bearer t3', 'u')).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
  });

  it('answers a Basic challenge once with credentials, and refuses without them', async () => {
    const auth = new Authenticator(fakeTokenServer(), { username: 'u', password: 'p' });
    expect(await auth.answerChallenge('Basic realm="r"', 's', undefined, 'u')).toBe(basic('u', 'p'));
    await expect(auth.answerChallenge('Basic realm="r"', 's', basic('u', 'p'), 'u')).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
    await expect(new Authenticator(fakeTokenServer(), undefined).answerChallenge('Basic realm="r"', 's', undefined, 'u')).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
  });
});
