import { describe, expect, it } from 'vitest';
import { MAX_OPENINGS_PER_QUERY, nextOpenings, openingsBetween } from './openings';
import type { RecurringWindowSpec, WindowSpec } from './window-spec';

const at = (iso: string): Date => new Date(iso);
const daily = (cron: string, timeZone: string, durationMinutes: number): RecurringWindowSpec =>
  ({ kind: 'recurring', cron, timeZone, durationMinutes });
const starts = (spec: WindowSpec, from: string, to: string): string[] =>
  openingsBetween(spec, at(from), at(to)).map((opening) => opening.start.toISOString());

describe('spring forward: a wall time inside the gap opens at the transition', () => {
  it('Europe/Berlin 02:30 on 2025-03-30 (02:00 CET -> 03:00 CEST) opens at 03:00 CEST', () => {
    expect(starts(daily('30 2 * * *', 'Europe/Berlin', 180), '2025-03-29T00:00:00Z', '2025-04-01T00:00:00Z')).toEqual([
      '2025-03-29T01:30:00.000Z', // 02:30 CET
      '2025-03-30T01:00:00.000Z', // 03:00 CEST, the first instant after the gap
      '2025-03-31T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('America/New_York 02:30 on 2025-03-09 (02:00 EST -> 03:00 EDT) opens at 03:00 EDT', () => {
    expect(starts(daily('30 2 * * *', 'America/New_York', 60), '2025-03-08T12:00:00Z', '2025-03-10T12:00:00Z')).toEqual([
      '2025-03-09T07:00:00.000Z',
      '2025-03-10T06:30:00.000Z',
    ]);
  });

  it('several cron times inside one gap give a single opening', () => {
    const quarterHours = daily('*/15 2 * * *', 'Europe/Berlin', 10);
    expect(starts(quarterHours, '2025-03-30T00:00:00Z', '2025-03-30T12:00:00Z')).toEqual(['2025-03-30T01:00:00.000Z']);
    expect(starts(quarterHours, '2025-03-31T00:00:00Z', '2025-03-31T12:00:00Z')).toHaveLength(4);
  });

  it('Australia/Lord_Howe 02:15 on 2025-10-05 (02:00 +10:30 -> 02:30 +11:00, a 30-minute gap) opens at 02:30', () => {
    expect(starts(daily('15 2 * * *', 'Australia/Lord_Howe', 60), '2025-10-03T12:00:00Z', '2025-10-06T00:00:00Z')).toEqual([
      '2025-10-03T15:45:00.000Z', // 02:15 +10:30
      '2025-10-04T15:30:00.000Z', // 02:30 +11:00
      '2025-10-05T15:15:00.000Z', // 02:15 +11:00
    ]);
  });
});

describe('fall back: a wall time that happens twice opens once, at its first occurrence', () => {
  it('Europe/Berlin 02:30 on 2025-10-26 (03:00 CEST -> 02:00 CET) opens once, in CEST', () => {
    expect(starts(daily('30 2 * * *', 'Europe/Berlin', 30), '2025-10-25T12:00:00Z', '2025-10-27T12:00:00Z')).toEqual([
      '2025-10-26T00:30:00.000Z',
      '2025-10-27T01:30:00.000Z',
    ]);
  });

  it('America/New_York 01:30 on 2025-11-02 (02:00 EDT -> 01:00 EST) opens once, in EDT', () => {
    expect(starts(daily('30 1 * * *', 'America/New_York', 30), '2025-11-01T12:00:00Z', '2025-11-03T12:00:00Z')).toEqual([
      '2025-11-02T05:30:00.000Z',
      '2025-11-03T06:30:00.000Z',
    ]);
  });

  it('an hourly cron gives one opening for the repeated hour, not two', () => {
    expect(starts(daily('30 * * * *', 'Europe/Berlin', 15), '2025-10-25T23:00:00Z', '2025-10-26T03:00:00Z')).toEqual([
      '2025-10-25T23:30:00.000Z', // 01:30 CEST
      '2025-10-26T00:30:00.000Z', // 02:30 CEST; 02:30 CET (01:30Z) is not repeated
      '2025-10-26T02:30:00.000Z', // 03:30 CET
    ]);
  });

  it('the duration is elapsed time: 3 h from 01:00 EDT end at 03:00 EST wall time', () => {
    const [opening] = openingsBetween(daily('0 1 * * *', 'America/New_York', 180), at('2025-11-02T00:00:00Z'), at('2025-11-02T12:00:00Z'));
    expect(opening).toEqual({ start: at('2025-11-02T05:00:00Z'), end: at('2025-11-02T08:00:00Z') });
  });

  it('Australia/Lord_Howe 01:45 on 2026-04-05 (02:00 +11:00 -> 01:30 +10:30) opens once, at +11:00', () => {
    expect(starts(daily('45 1 * * *', 'Australia/Lord_Howe', 30), '2026-04-04T00:00:00Z', '2026-04-06T00:00:00Z')).toEqual([
      '2026-04-04T14:45:00.000Z',
      '2026-04-05T15:15:00.000Z',
    ]);
  });
});

describe('openings around now', () => {
  const lateEvening = daily('0 23 * * *', 'Europe/Berlin', 240);

  it('a window across midnight that started before now counts as open now', () => {
    expect(nextOpenings(lateEvening, at('2025-01-15T23:30:00Z'), 2)).toEqual([
      { start: at('2025-01-15T22:00:00Z'), end: at('2025-01-16T02:00:00Z') },
      { start: at('2025-01-16T22:00:00Z'), end: at('2025-01-17T02:00:00Z') },
    ]);
  });

  it('an opening ending exactly at now is over; one starting exactly at now is open', () => {
    expect(nextOpenings(lateEvening, at('2025-01-16T02:00:00Z'), 1)[0]?.start).toEqual(at('2025-01-16T22:00:00Z'));
    expect(nextOpenings(lateEvening, at('2025-01-16T22:00:00Z'), 1)[0]?.start).toEqual(at('2025-01-16T22:00:00Z'));
  });

  it('openingsBetween includes openings overlapping either end and excludes one starting at `to`', () => {
    expect(starts(lateEvening, '2025-01-16T01:00:00Z', '2025-01-17T22:00:00Z')).toEqual([
      '2025-01-15T22:00:00.000Z',
      '2025-01-16T22:00:00.000Z',
    ]);
  });

  it('a weekly window with names in the cron', () => {
    expect(nextOpenings(daily('0 2 * * SUN', 'Europe/Berlin', 180), at('2025-01-15T12:00:00Z'), 2).map((o) => o.start)).toEqual([
      at('2025-01-19T01:00:00Z'),
      at('2025-01-26T01:00:00Z'),
    ]);
  });

  it('zero openings asked, zero given', () => {
    expect(nextOpenings(lateEvening, at('2025-01-15T12:00:00Z'), 0)).toEqual([]);
  });
});

describe('one-off windows', () => {
  const farFuture: WindowSpec = { kind: 'one-off', startsAt: at('2099-12-31T22:00:00Z'), endsAt: at('2100-01-01T02:00:00Z') };

  it('a far-future one-off is the next opening, and the only one', () => {
    expect(nextOpenings(farFuture, at('2025-01-15T12:00:00Z'), 3)).toEqual([{ start: farFuture.startsAt, end: farFuture.endsAt }]);
  });

  it('a past one-off has no openings', () => {
    expect(nextOpenings(farFuture, at('2100-01-01T02:00:00Z'), 3)).toEqual([]);
    expect(openingsBetween(farFuture, at('2025-01-01T00:00:00Z'), at('2099-12-31T22:00:00Z'))).toEqual([]);
  });
});

describe('guards', () => {
  it('refuses a range that would produce too many openings', () => {
    expect(() => openingsBetween(daily('* * * * *', 'UTC', 1), at('2025-01-01T00:00:00Z'), at('2025-02-01T00:00:00Z')))
      .toThrow(new RegExp(`more than ${MAX_OPENINGS_PER_QUERY} openings`));
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => openingsBetween(daily('0 2 * * *', 'UTC', 60), at('2025-01-02T00:00:00Z'), at('2025-01-01T00:00:00Z')))
      .toThrow(RangeError);
  });
});
