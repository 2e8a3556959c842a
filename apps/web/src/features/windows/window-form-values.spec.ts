import { describe, expect, it } from 'vitest';
import { createBody, formatInZone, fromLocalInput, initialValues, parseLabels, previewBody, relativeTo, toLocalInput } from './window-form-values';

describe('window form values', () => {
  it('reads labels and groups as the API wants them', () => {
    expect(parseLabels(' role=db , site = fra,,')).toEqual({ role: 'db', site: 'fra' });
    const v = { ...initialValues(), name: 'sunday', labels: 'role=db', groups: 'prod, staging', timeZone: 'Europe/Berlin' };
    expect(createBody(v)).toEqual({
      kind: 'recurring', cron: '0 2 * * 0', durationMinutes: 180, timeZone: 'Europe/Berlin',
      selector: { labels: { role: 'db' }, groups: ['prod', 'staging'] }, name: 'sunday', enabled: true, note: null,
    });
    expect(previewBody({ ...v, allHosts: true }).selector).toEqual({ allHosts: true });
  });

  it('sends a blank or non-numeric duration as an invalid number for the server to explain', () => {
    expect(previewBody({ ...initialValues(), durationMinutes: '' })).toMatchObject({ durationMinutes: -1 });
    expect(previewBody({ ...initialValues(), durationMinutes: '90' })).toMatchObject({ durationMinutes: 90 });
  });

  it('turns local date-times into instants with an offset and back', () => {
    const iso = fromLocalInput('2030-01-31T02:00');
    expect(iso).toMatch(/^2030-01-3\dT\d\d:00:00\.000Z$/);
    expect(toLocalInput(iso)).toBe('2030-01-31T02:00');
    expect(fromLocalInput('')).toBe('');
    expect(previewBody({ ...initialValues(), kind: 'one-off', startsAt: '', endsAt: '2030-01-31T02:00' })).toMatchObject({ kind: 'one-off', startsAt: '', endsAt: iso });
  });

  it('says how far away an opening is, or that it is open', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const at = (h: number) => new Date(now.getTime() + h * 3600_000);
    expect(relativeTo(at(-1), at(1), now)).toBe('open now');
    expect(relativeTo(at(0.5), at(2), now)).toBe('in 30 minutes');
    expect(relativeTo(at(5), at(6), now)).toBe('in 5 hours');
    expect(relativeTo(at(72), at(73), now)).toBe('in 3 days');
  });

  it('formats an instant in a given zone with its abbreviation', () => {
    expect(formatInZone('2030-01-31T01:00:00Z', 'Europe/Berlin')).toContain('02:00');
    expect(formatInZone('2030-07-31T01:00:00Z', 'Europe/Berlin')).toContain('03:00');
  });
});
