import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.schema';

describe('parseConfig', () => {
  it('applies defaults', () => {
    const c = parseConfig({}, '1.2.3', '/srv/bootfleet');
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe('/srv/bootfleet/.data');
    expect([...c.roles]).toEqual(['api', 'worker', 'scheduler']);
    expect(c.version).toBe('1.2.3');
  });

  it('names the variable that is wrong', () => {
    expect(() => parseConfig({ BOOTFLEET_PORT: '99999' }, '0', '/')).toThrowError(/BOOTFLEET_PORT/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' }, '0', '/')).toThrowError(/DATABASE_URL: must be a postgresql/);
    expect(() => parseConfig({ BOOTFLEET_ROLES: 'api,cook' }, '0', '/')).toThrowError(/BOOTFLEET_ROLES/);
  });

  it('collects every problem at once', () => {
    try {
      parseConfig({ BOOTFLEET_PORT: 'x', BOOTFLEET_LOG_LEVEL: 'loud' }, '0', '/');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['BOOTFLEET_LOG_LEVEL', 'BOOTFLEET_PORT']);
    }
  });

  it('reads the rollout step lease, 15 s by default, at least 3 s', () => {
    expect(parseConfig({}, '0', '/').stepLeaseMs).toBe(15_000);
    expect(parseConfig({ BOOTFLEET_STEP_LEASE_MS: '60000' }, '0', '/').stepLeaseMs).toBe(60_000);
    expect(() => parseConfig({ BOOTFLEET_STEP_LEASE_MS: '1000' }, '0', '/')).toThrowError(/BOOTFLEET_STEP_LEASE_MS/);
  });

  it('treats empty values as unset and parses roles', () => {
    const c = parseConfig({ BOOTFLEET_PORT: '', BOOTFLEET_ROLES: 'worker' }, '0', '/');
    expect(c.port).toBe(8080);
    expect([...c.roles]).toEqual(['worker']);
  });
});

describe('parseConfig: security settings', () => {
  const key = Buffer.alloc(32, 7).toString('base64');

  it('defaults to no CORS origins, auto secure cookies and a 12 hour session', () => {
    const c = parseConfig({}, '0', '/');
    expect(c.corsOrigins).toEqual([]);
    expect(c.cookieSecure).toBe('auto');
    expect(c.sessionTtlMs).toBe(12 * 3_600_000);
    expect(c.secretKey).toBeUndefined();
    expect(c.initialAdmin).toBeUndefined();
    expect(c.trustProxy).toBe(false);
  });

  it('reads which proxies to trust', () => {
    expect(parseConfig({ BOOTFLEET_TRUST_PROXY: 'loopback, 10.0.0.0/8' }, '0', '/').trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(parseConfig({ BOOTFLEET_TRUST_PROXY: '1' }, '0', '/').trustProxy).toBe(1);
    expect(() => parseConfig({ BOOTFLEET_TRUST_PROXY: 'everyone; rm' }, '0', '/')).toThrowError(/BOOTFLEET_TRUST_PROXY/);
  });

  it('reads the master key, origins and the initial admin', () => {
    const c = parseConfig(
      { BOOTFLEET_SECRET_KEY: key, BOOTFLEET_CORS_ORIGINS: 'https://a.example, http://b.example:8080', BOOTFLEET_ADMIN_USERNAME: 'root', BOOTFLEET_ADMIN_PASSWORD: 'correct horse battery', BOOTFLEET_COOKIE_SECURE: 'true' },
      '0',
      '/',
    );
    expect(c.secretKey?.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(c.corsOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(c.initialAdmin).toEqual({ username: 'root', password: 'correct horse battery' });
    expect(c.cookieSecure).toBe(true);
  });

  it('refuses short keys, origins with paths, half an admin and weak admin passwords', () => {
    expect(() => parseConfig({ BOOTFLEET_SECRET_KEY: Buffer.alloc(16).toString('base64') }, '0', '/')).toThrowError(/BOOTFLEET_SECRET_KEY: must be 32 bytes/);
    expect(() => parseConfig({ BOOTFLEET_CORS_ORIGINS: 'https://a.example/app' }, '0', '/')).toThrowError(/BOOTFLEET_CORS_ORIGINS/);
    expect(() => parseConfig({ BOOTFLEET_ADMIN_USERNAME: 'root' }, '0', '/')).toThrowError(/BOOTFLEET_ADMIN_PASSWORD/);
    expect(() => parseConfig({ BOOTFLEET_ADMIN_USERNAME: 'root', BOOTFLEET_ADMIN_PASSWORD: 'short' }, '0', '/')).toThrowError(/BOOTFLEET_ADMIN_PASSWORD: must be at least 12/);
    expect(() => parseConfig({ BOOTFLEET_ADMIN_USERNAME: 'Root;rm', BOOTFLEET_ADMIN_PASSWORD: 'long enough pass' }, '0', '/')).toThrowError(/BOOTFLEET_ADMIN_USERNAME/);
  });
});
