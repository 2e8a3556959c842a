import { describe, expect, it } from 'vitest';
import { activeOpening, MAX_MERGED_SPAN_MS, nextOpening } from './host-openings';
import type { WindowSpec } from './window-spec';

const at = (iso: string): Date => new Date(iso);
const oneOff = (startsAt: string, endsAt: string): WindowSpec => ({ kind: 'one-off', startsAt: at(startsAt), endsAt: at(endsAt) });
const utcDaily = (hour: number, durationMinutes: number): WindowSpec =>
  ({ kind: 'recurring', cron: `0 ${hour} * * *`, timeZone: 'UTC', durationMinutes });

describe('activeOpening: the union of a host windows', () => {
  const early = utcDaily(1, 180); // 01:00-04:00
  const late = utcDaily(3, 120); // 03:00-05:00

  it('merges overlapping windows into one opening', () => {
    expect(activeOpening([early, late], at('2025-01-15T04:30:00Z'))).toEqual({ start: at('2025-01-15T01:00:00Z'), end: at('2025-01-15T05:00:00Z') });
    expect(activeOpening([late, early], at('2025-01-15T01:00:00Z'))).toEqual({ start: at('2025-01-15T01:00:00Z'), end: at('2025-01-15T05:00:00Z') });
  });

  it('merges touching windows: closing at 02:00 and opening at 02:00 leaves no gap', () => {
    const specs = [oneOff('2025-01-15T01:00:00Z', '2025-01-15T02:00:00Z'), oneOff('2025-01-15T02:00:00Z', '2025-01-15T03:00:00Z')];
    expect(activeOpening(specs, at('2025-01-15T01:59:00Z'))?.end).toEqual(at('2025-01-15T03:00:00Z'));
  });

  it('keeps the start of an earlier window chained into the open one', () => {
    const specs = [oneOff('2025-01-15T00:00:00Z', '2025-01-15T09:00:00Z'), oneOff('2025-01-15T08:00:00Z', '2025-01-15T11:00:00Z')];
    expect(activeOpening(specs, at('2025-01-15T10:00:00Z'))).toEqual({ start: at('2025-01-15T00:00:00Z'), end: at('2025-01-15T11:00:00Z') });
  });

  it('is null between windows, at the exclusive end, and without windows', () => {
    expect(activeOpening([early, late], at('2025-01-15T05:00:00Z'))).toBeNull();
    expect(activeOpening([early, late], at('2025-01-15T12:00:00Z'))).toBeNull();
    expect(activeOpening([], at('2025-01-15T02:00:00Z'))).toBeNull();
  });

  it('an endless chain (hourly, two hours long) is cut instead of merging forever', () => {
    const open = activeOpening([{ kind: 'recurring', cron: '0 * * * *', timeZone: 'UTC', durationMinutes: 120 }], at('2025-01-15T12:00:00Z'));
    expect(open).not.toBeNull();
    expect(open!.end.getTime() - open!.start.getTime()).toBeGreaterThanOrEqual(MAX_MERGED_SPAN_MS);
  });
});

describe('nextOpening', () => {
  it('is the merged opening after the one open now', () => {
    expect(nextOpening([utcDaily(1, 180), utcDaily(3, 120)], at('2025-01-15T02:00:00Z')))
      .toEqual({ start: at('2025-01-16T01:00:00Z'), end: at('2025-01-16T05:00:00Z') });
  });

  it('picks the earliest across windows when outside', () => {
    expect(nextOpening([utcDaily(20, 60), oneOff('2025-01-15T13:00:00Z', '2025-01-15T14:00:00Z')], at('2025-01-15T12:00:00Z')))
      .toEqual({ start: at('2025-01-15T13:00:00Z'), end: at('2025-01-15T14:00:00Z') });
  });

  it('finds a far-future one-off', () => {
    expect(nextOpening([oneOff('2099-06-01T00:00:00Z', '2099-06-01T04:00:00Z')], at('2025-01-15T12:00:00Z'))?.start)
      .toEqual(at('2099-06-01T00:00:00Z'));
  });

  it('is null when every window is over, or there are none', () => {
    expect(nextOpening([oneOff('2025-01-01T00:00:00Z', '2025-01-01T04:00:00Z')], at('2025-01-15T12:00:00Z'))).toBeNull();
    expect(nextOpening([], at('2025-01-15T12:00:00Z'))).toBeNull();
  });
});
