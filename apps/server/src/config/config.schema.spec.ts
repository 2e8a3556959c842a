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

  it('treats empty values as unset and parses roles', () => {
    const c = parseConfig({ BOOTFLEET_PORT: '', BOOTFLEET_ROLES: 'worker' }, '0', '/');
    expect(c.port).toBe(8080);
    expect([...c.roles]).toEqual(['worker']);
  });
});
