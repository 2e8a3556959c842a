import { describe, expect, it } from 'vitest';
import { renderRegistryConfig } from './registry-config';
import { parseScope } from './token-server';

describe('renderRegistryConfig', () => {
  it('binds to loopback and wires token auth and TLS', () => {
    const config = JSON.parse(renderRegistryConfig({
      port: 5123, storageDir: '/tmp/s', secret: 's',
      auth: { kind: 'token', realm: 'http://127.0.0.1:1/token', service: 'svc', issuer: 'iss', rootCertBundle: '/tmp/c.crt' },
      tls: { certificate: '/tmp/r.crt', key: '/tmp/r.key' },
    })) as { http: { addr: string; tls: object }; auth: { token: object } };
    expect(config.http.addr).toBe('127.0.0.1:5123');
    expect(config.http.tls).toEqual({ certificate: '/tmp/r.crt', key: '/tmp/r.key' });
    expect(config.auth.token).toEqual({ realm: 'http://127.0.0.1:1/token', service: 'svc', issuer: 'iss', rootcertbundle: '/tmp/c.crt' });
  });

  it('has no auth section for anonymous registries', () => {
    expect(JSON.parse(renderRegistryConfig({ port: 1, storageDir: '/s', secret: 's', auth: { kind: 'none' } }))).not.toHaveProperty('auth');
  });
});

describe('parseScope', () => {
  it('splits type, name and actions', () => {
    expect(parseScope('repository:fleet/os:pull,push')).toEqual({ type: 'repository', name: 'fleet/os', actions: ['pull', 'push'] });
    expect(parseScope('registry:catalog:*')).toEqual({ type: 'registry', name: 'catalog', actions: ['*'] });
    expect(parseScope('garbage')).toBeNull();
  });
});
