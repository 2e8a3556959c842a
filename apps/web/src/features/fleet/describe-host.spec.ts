import { describe, expect, it } from 'vitest';
import { describeUptime, formatLabels, parseLabels, relativeTime, shortDigest } from './describe-host';

describe('describe-host', () => {
  it('shortens digests and says when there is none', () => {
    expect(shortDigest('sha256:0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortDigest(null)).toBe('—');
  });

  it('words times relative to now', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(relativeTime(null, now)).toBe('never');
    expect(relativeTime('2026-01-10T11:59:58Z', now)).toBe('just now');
    expect(relativeTime('2026-01-10T11:57:00Z', now)).toBe('3 min ago');
    expect(relativeTime('2026-01-10T09:00:00Z', now)).toBe('3 h ago');
    expect(relativeTime('2026-01-08T12:00:00Z', now)).toBe('2 d ago');
  });

  it('parses and formats labels, naming the bad part', () => {
    expect(parseLabels('env=prod, site=berlin')).toEqual({ env: 'prod', site: 'berlin' });
    expect(parseLabels('env=prod oops')).toBe('"oops" is not key=value');
    expect(formatLabels({ env: 'prod', site: 'berlin' })).toBe('env=prod site=berlin');
  });

  it('words uptime', () => {
    expect(describeUptime(90)).toBe('1 min');
    expect(describeUptime(3 * 3600 + 120)).toBe('3 h 2 min');
    expect(describeUptime(2 * 86_400 + 3600)).toBe('2 d 1 h');
  });
});
