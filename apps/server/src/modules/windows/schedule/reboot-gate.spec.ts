import { describe, expect, it } from 'vitest';
import { rebootAllowed } from './reboot-gate';
import type { WindowSpec } from './window-spec';

const at = (iso: string): Date => new Date(iso);
const nightly: WindowSpec = { kind: 'recurring', cron: '0 2 * * *', timeZone: 'Europe/Berlin', durationMinutes: 180 };

describe('rebootAllowed', () => {
  it('does not restrict a host without windows, and says so', () => {
    expect(rebootAllowed([], at('2025-01-15T12:00:00Z'), 30)).toEqual({ allowed: true, basis: 'unrestricted', closesAt: null });
  });

  it('allows a reboot inside the window with enough time left', () => {
    // 02:00-05:00 CET is 01:00-04:00Z in January.
    expect(rebootAllowed([nightly], at('2025-01-15T01:30:00Z'), 30))
      .toEqual({ allowed: true, basis: 'inside-window', closesAt: at('2025-01-15T04:00:00Z') });
  });

  it('allows a reboot with exactly the minimum left, refuses it a millisecond later', () => {
    expect(rebootAllowed([nightly], at('2025-01-15T03:30:00Z'), 30)).toMatchObject({ allowed: true });
    expect(rebootAllowed([nightly], at('2025-01-15T03:30:00.001Z'), 30))
      .toEqual({ allowed: false, reason: 'not-enough-time', nextStart: at('2025-01-16T01:00:00Z') });
  });

  it('refuses a reboot outside the window and says when the next one opens', () => {
    expect(rebootAllowed([nightly], at('2025-01-15T12:00:00Z'), 30))
      .toEqual({ allowed: false, reason: 'outside-window', nextStart: at('2025-01-16T01:00:00Z') });
  });

  it('points past openings too short for the minimum', () => {
    const short: WindowSpec = { kind: 'one-off', startsAt: at('2025-01-15T20:00:00Z'), endsAt: at('2025-01-15T20:20:00Z') };
    expect(rebootAllowed([nightly, short], at('2025-01-15T12:00:00Z'), 30)).toMatchObject({ nextStart: at('2025-01-16T01:00:00Z') });
    expect(rebootAllowed([nightly, short], at('2025-01-15T12:00:00Z'), 20)).toMatchObject({ nextStart: at('2025-01-15T20:00:00Z') });
  });

  it('counts merged windows as one long opening', () => {
    const extension: WindowSpec = { kind: 'one-off', startsAt: at('2025-01-15T03:45:00Z'), endsAt: at('2025-01-15T06:00:00Z') };
    expect(rebootAllowed([nightly, extension], at('2025-01-15T03:50:00Z'), 60))
      .toEqual({ allowed: true, basis: 'inside-window', closesAt: at('2025-01-15T06:00:00Z') });
  });

  it('has no next start when every window is over', () => {
    const past: WindowSpec = { kind: 'one-off', startsAt: at('2025-01-01T00:00:00Z'), endsAt: at('2025-01-01T04:00:00Z') };
    expect(rebootAllowed([past], at('2025-01-15T12:00:00Z'), 30)).toEqual({ allowed: false, reason: 'outside-window', nextStart: null });
  });

  it('follows the DST rule: on spring-forward day the 02:00 window opens at 03:00 CEST', () => {
    expect(rebootAllowed([nightly], at('2025-03-30T00:59:00Z'), 30)).toMatchObject({ allowed: false, nextStart: at('2025-03-30T01:00:00Z') });
    expect(rebootAllowed([nightly], at('2025-03-30T01:00:00Z'), 30)).toEqual({ allowed: true, basis: 'inside-window', closesAt: at('2025-03-30T04:00:00Z') });
  });

  it('rejects a negative minimum', () => {
    expect(() => rebootAllowed([nightly], at('2025-01-15T12:00:00Z'), -1)).toThrow(RangeError);
  });
});
