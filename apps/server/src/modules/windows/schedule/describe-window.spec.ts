import { describe, expect, it } from 'vitest';
import { describeWindow } from './describe-window';
import type { WindowSpec } from './window-spec';

const sundays: WindowSpec = { kind: 'recurring', cron: '0 2 * * 0', timeZone: 'Europe/Berlin', durationMinutes: 180 };

describe('describeWindow', () => {
  it('describes a recurring window with its zone and duration', () => {
    expect(describeWindow(sundays)).toBe('At 02:00, only on Sunday (Europe/Berlin), for 3 hours');
  });

  it('spells mixed durations unit by unit', () => {
    expect(describeWindow({ ...sundays, durationMinutes: 24 * 60 + 90 })).toBe('At 02:00, only on Sunday (Europe/Berlin), for 1 day, 1 hour, 30 minutes');
  });

  it('describes a one-off in the display zone', () => {
    const once: WindowSpec = { kind: 'one-off', startsAt: new Date('2030-01-31T01:00:00Z'), endsAt: new Date('2030-01-31T04:30:00Z') };
    expect(describeWindow(once)).toBe('Once, from Jan 31, 2030, 01:00 to Jan 31, 2030, 04:30 (UTC)');
    expect(describeWindow(once, 'en', 'Europe/Berlin')).toBe('Once, from Jan 31, 2030, 02:00 to Jan 31, 2030, 05:30 (Europe/Berlin)');
  });

  it('translates through cronstrue and Intl for other locales', () => {
    const german = describeWindow(sundays, 'de');
    expect(german).toContain('Sonntag');
    expect(german).toContain('3 Stunden');
    expect(german).not.toContain('for');
  });
});
