import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error';
import { validateWindowInput } from './window-input';
import { WindowCreateDto, WindowUpdateDto } from './windows.dto';

const recurring = { kind: 'recurring' as const, cron: '0 2 * * 0', durationMinutes: 180, timeZone: 'Europe/Berlin', selector: { allHosts: true } };

function failure(run: () => unknown): { code: string; field: unknown; status: number } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.details.field, status: error.status };
    throw error;
  }
  throw new Error('no error thrown');
}

describe('validateWindowInput', () => {
  it('gives the typed spec, the selector with defaults and the cron zone for display', () => {
    expect(validateWindowInput({ ...recurring, cron: ' 0  2 * * 0 ' }, 15)).toEqual({
      spec: { kind: 'recurring', cron: '0 2 * * 0', durationMinutes: 180, timeZone: 'Europe/Berlin' },
      selector: { allHosts: true, labels: {}, groups: [] },
      displayTimeZone: 'Europe/Berlin',
    });
  });

  it('shows a one-off in the zone it was entered in, UTC by default', () => {
    const oneOff = { kind: 'one-off' as const, startsAt: '2030-01-31T02:00:00+01:00', endsAt: '2030-01-31T05:30:00+01:00', selector: { groups: ['prod', 'prod'] } };
    const valid = validateWindowInput(oneOff, 15);
    expect(valid.spec).toEqual({ kind: 'one-off', startsAt: new Date('2030-01-31T01:00:00Z'), endsAt: new Date('2030-01-31T04:30:00Z') });
    expect(valid.selector.groups).toEqual(['prod']);
    expect(valid.displayTimeZone).toBe('UTC');
    expect(validateWindowInput({ ...oneOff, timeZone: 'Asia/Tokyo' }, 15).displayTimeZone).toBe('Asia/Tokyo');
    expect(failure(() => validateWindowInput({ ...oneOff, timeZone: 'Mars/Olympus' }, 15)).code).toBe('WINDOW_INVALID_TIMEZONE');
  });

  it.each([
    [{ cron: '0 2 * *' }, 'WINDOW_INVALID_CRON', 'cron'],
    [{ cron: '0 0 30 2 *' }, 'WINDOW_INVALID_CRON', 'cron'],
    [{ timeZone: 'Europe/Atlantis' }, 'WINDOW_INVALID_TIMEZONE', 'timeZone'],
    [{ durationMinutes: 0 }, 'WINDOW_INVALID_DURATION', 'durationMinutes'],
    [{ durationMinutes: 10 }, 'WINDOW_TOO_SHORT', 'durationMinutes'],
    [{ selector: {} }, 'WINDOW_EMPTY_SELECTOR', 'selector'],
    [{ selector: { allHosts: true, labels: { a: 'b' } } }, 'WINDOW_SELECTOR_CONFLICT', 'selector'],
  ])('refuses %j as a 400 %s on %s', (change, code, field) => {
    expect(failure(() => validateWindowInput({ ...recurring, ...change }, 15))).toEqual({ code, field, status: 400 });
  });

  it('refuses a one-off ending before it starts', () => {
    const backwards = { kind: 'one-off' as const, startsAt: '2030-01-31T05:00:00Z', endsAt: '2030-01-31T02:00:00Z', selector: { allHosts: true } };
    expect(failure(() => validateWindowInput(backwards, 15))).toEqual({ code: 'WINDOW_INVALID_RANGE', field: 'endsAt', status: 400 });
  });
});

describe('window DTOs', () => {
  it('needs a name, a kind and a selector to create, and accepts a partial update', () => {
    expect(WindowCreateDto.schema.safeParse({ ...recurring, name: 'sunday' }).success).toBe(true);
    expect(WindowCreateDto.schema.safeParse({ ...recurring, name: '' }).success).toBe(false);
    expect(WindowCreateDto.schema.safeParse({ ...recurring, name: 'x', kind: 'weekly' }).success).toBe(false);
    const { selector: _selector, ...withoutSelector } = recurring;
    expect(WindowCreateDto.schema.safeParse({ ...withoutSelector, name: 'x' }).success).toBe(false);
    expect(WindowUpdateDto.schema.safeParse({ enabled: false }).success).toBe(true);
  });
});
