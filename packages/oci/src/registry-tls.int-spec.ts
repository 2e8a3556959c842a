import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from './index';
import { pushTestImage, startRegistry, type PushedImage, type TestRegistry } from './testing';

describe('TLS: a docker-registry serving a self-signed certificate', () => {
  let registry: TestRegistry;
  let pushed: PushedImage;

  beforeAll(async () => {
    registry = await startRegistry({ tls: true, auth: 'basic' });
    pushed = await pushTestImage(registry, { repository: 'secure/os', tag: '1', version: '1' });
  });
  afterAll(async () => registry?.stop());

  it('is trusted with its CA given as caPem', async () => {
    expect(registry.url).toMatch(/^https:/);
    expect(registry.caPem).toContain('BEGIN CERTIFICATE');
    const client = new RegistryClient(registry.endpoint);
    expect((await client.resolve('secure/os', '1')).digest).toBe(pushed.digest);
  });

  it('fails with REGISTRY_TLS_FAILED without the CA', async () => {
    const client = new RegistryClient({ url: registry.url, ...(registry.endpoint.credentials ? { credentials: registry.endpoint.credentials } : {}) });
    await expect(client.ping()).rejects.toMatchObject({ code: 'REGISTRY_TLS_FAILED' });
  });

  it('skips verification when insecure is set', async () => {
    const client = new RegistryClient({ url: registry.url, insecure: true, ...(registry.endpoint.credentials ? { credentials: registry.endpoint.credentials } : {}) });
    expect(await client.listTags('secure/os')).toEqual(['1']);
  });
});
