import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from './index';
import { pushTestImage, startRegistry, type PushedImage, type TestRegistry } from './testing';

describe('basic auth (htpasswd) against a real docker-registry', () => {
  let registry: TestRegistry;
  let pushed: PushedImage;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'basic', username: 'fleet', password: 's3cret' });
    pushed = await pushTestImage(registry, { repository: 'private/os', tag: '1', version: '1' });
  });
  afterAll(async () => registry?.stop());

  it('works with the right credentials', async () => {
    const client = new RegistryClient(registry.endpoint);
    await client.ping();
    expect(await client.listTags('private/os')).toEqual(['1']);
    expect((await client.resolve('private/os', '1')).digest).toBe(pushed.digest);
  });

  it('fails with REGISTRY_AUTH_FAILED for a wrong password or no credentials', async () => {
    const wrong = new RegistryClient({ url: registry.url, credentials: { username: 'fleet', password: 'nope' } });
    await expect(wrong.ping()).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
    await expect(wrong.resolve('private/os', '1')).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
    await expect(new RegistryClient({ url: registry.url }).listTags('private/os')).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
  });
});

describe('bearer token auth against a real docker-registry and token server', () => {
  let registry: TestRegistry;
  let pushed: PushedImage;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'token', username: 'robot', password: 'tok-pass' });
    pushed = await pushTestImage(registry, { repository: 'team/os', tag: '2', version: '2' });
    await pushTestImage(registry, { repository: 'team/other', tag: '1', version: '1' });
  });
  afterAll(async () => registry?.stop());

  it('answers the Bearer challenge and caches the token per scope', async () => {
    const client = new RegistryClient(registry.endpoint);
    const before = registry.tokensIssued();
    expect((await client.resolve('team/os', '2')).digest).toBe(pushed.digest);
    expect(await client.listTags('team/os')).toEqual(['2']);
    await client.fetchManifest('team/os', '2');
    expect(registry.tokensIssued() - before).toBe(1);
    await client.listTags('team/other');
    expect(registry.tokensIssued() - before).toBe(2);
    await client.ping();
    expect(registry.tokensIssued() - before).toBe(3);
  });

  it('fails with REGISTRY_AUTH_FAILED when the token server refuses the password or there is none', async () => {
    const wrong = new RegistryClient({ url: registry.url, credentials: { username: 'robot', password: 'wrong' } });
    await expect(wrong.resolve('team/os', '2')).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED', status: 401 });
    await expect(new RegistryClient({ url: registry.url }).ping()).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
  });

  it('sends a {token} credential as Bearer directly, and reports a bad one as REGISTRY_AUTH_FAILED', async () => {
    const challenge = await fetch(`${registry.url}/v2/team/os/tags/list`);
    const realm = /realm="([^"]+)"/.exec(challenge.headers.get('www-authenticate') ?? '')?.[1];
    const service = /service="([^"]+)"/.exec(challenge.headers.get('www-authenticate') ?? '')?.[1];
    expect(realm).toBeDefined();
    const tokenResponse = await fetch(`${realm}?service=${encodeURIComponent(service ?? '')}&scope=${encodeURIComponent('repository:team/os:pull')}`, {
      headers: { authorization: `Basic ${Buffer.from('robot:tok-pass').toString('base64')}` },
    });
    const { token } = (await tokenResponse.json()) as { token: string };
    const before = registry.tokensIssued();

    const withToken = new RegistryClient({ url: registry.url, credentials: { token } });
    expect(await withToken.listTags('team/os')).toEqual(['2']);
    expect(registry.tokensIssued()).toBe(before);
    await expect(withToken.listTags('team/other')).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
    await expect(new RegistryClient({ url: registry.url, credentials: { token: 'not-a-jwt' } }).ping()).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
  });
});
