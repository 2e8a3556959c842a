import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from './redact';

describe('redact', () => {
  it('hides secret-looking fields at any depth and keeps the rest', () => {
    const out = redact({
      username: 'alice',
      password: 'hunter2hunter2',
      newPassword: 'x',
      registry: { url: 'https://r.example', token: 't', auth: { passphrase: 'p', sshPrivateKey: 'k', apiKey: 'a' } },
      labels: { keyboard: 'us', monkey: 'ok' },
      list: [{ secretAccessKey: 's' }],
    });
    expect(out).toEqual({
      username: 'alice',
      password: REDACTED,
      newPassword: REDACTED,
      registry: { url: 'https://r.example', token: REDACTED, auth: { passphrase: REDACTED, sshPrivateKey: REDACTED, apiKey: REDACTED } },
      labels: { keyboard: 'us', monkey: 'ok' },
      list: [{ secretAccessKey: REDACTED }],
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2/);
  });

  it('replaces NUL, which PostgreSQL cannot store in jsonb', () => {
    expect(redact({ 'k\u0000': 'a\u0000b' })).toEqual({ 'k\uFFFD': 'a\uFFFDb' });
  });

  it('bounds strings, entries and depth', () => {
    const out = redact({ long: 'a'.repeat(5000), deep: { a: { b: { c: { d: 1 } } } }, many: Array.from({ length: 500 }, (_, i) => i) }) as Record<string, unknown>;
    expect((out.long as string).length).toBeLessThan(300);
    expect(out.deep).toEqual({ a: { b: { c: '[nested]' } } });
    expect((out.many as unknown[]).length).toBe(50);
  });
});
