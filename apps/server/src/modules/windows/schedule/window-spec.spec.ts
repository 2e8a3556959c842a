import { describe, expect, it } from 'vitest';
import { parseWindowSpec, type WindowSpecInput } from './window-spec';
import { WindowSpecError, type WindowSpecErrorCode } from './window-spec-error';

const recurring = (overrides: Partial<Record<'cron' | 'timeZone' | 'durationMinutes', unknown>> = {}): WindowSpecInput =>
  ({ kind: 'recurring', cron: '0 2 * * 0', durationMinutes: 180, timeZone: 'Europe/Berlin', ...overrides }) as WindowSpecInput;
const oneOff = (startsAt: unknown, endsAt: unknown): WindowSpecInput =>
  ({ kind: 'one-off', startsAt, endsAt }) as WindowSpecInput;

function rejection(input: WindowSpecInput, minimumMinutes?: number): WindowSpecError {
  try {
    parseWindowSpec(input, { minimumMinutes });
  } catch (error) {
    expect(error).toBeInstanceOf(WindowSpecError);
    return error as WindowSpecError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

function expectRejected(input: WindowSpecInput, code: WindowSpecErrorCode, field: string, message: RegExp, minimumMinutes?: number): void {
  const error = rejection(input, minimumMinutes);
  expect({ code: error.code, field: error.field }).toEqual({ code, field });
  expect(error.message).toMatch(message);
}

describe('parseWindowSpec: recurring', () => {
  it('returns a typed spec with the cron whitespace normalised', () => {
    expect(parseWindowSpec(recurring({ cron: '  0   2 * *\t0 ' }))).toEqual({
      kind: 'recurring', cron: '0 2 * * 0', durationMinutes: 180, timeZone: 'Europe/Berlin',
    });
  });

  it.each(['*/15 22,23 * * MON-FRI', '0 2 1-7 * SUN', '30 1 * JAN,JUL THU', '0 0 L * *', '0 3 * * 1#1'])(
    'accepts ranges, steps, names and L/# in %s', (cron) => {
      expect(parseWindowSpec(recurring({ cron }))).toMatchObject({ cron });
    });

  it.each([
    ['0 0 2 * * *', /exactly 5 fields.*got 6/],
    ['0 2 * *', /exactly 5 fields.*got 4/],
    ['@reboot', /macros.*not supported/],
    ['@daily', /macros.*not supported/],
    ['61 2 * * *', /invalid.*61/],
    ['0 2 30 2 *', /invalid/],
    ['0 22-2 * * *', /invalid.*22-2/],
    ['H 2 * * *', /H \(random value\)/],
    ['0 2 * * FOO', /invalid/],
    ['', /exactly 5 fields/],
  ])('rejects cron %j', (cron, message) => {
    expectRejected(recurring({ cron }), 'WINDOW_INVALID_CRON', 'cron', message);
  });

  it('rejects a cron that is not a string', () => {
    expectRejected(recurring({ cron: 5 }), 'WINDOW_INVALID_CRON', 'cron', /must be a string/);
  });

  it.each(['Mars/Olympus', '+01:00', 'Europe/Berlin ', '', 42])('rejects time zone %j', (timeZone) => {
    expectRejected(recurring({ timeZone }), 'WINDOW_INVALID_TIMEZONE', 'timeZone', /IANA time zone/);
  });

  it.each(['America/New_York', 'Australia/Lord_Howe', 'UTC'])('accepts time zone %s', (timeZone) => {
    expect(parseWindowSpec(recurring({ timeZone }))).toMatchObject({ timeZone });
  });

  it.each([0, -5, 1.5, 10_081, '60', Number.NaN])('rejects duration %j', (durationMinutes) => {
    expectRejected(recurring({ durationMinutes }), 'WINDOW_INVALID_DURATION', 'durationMinutes', /whole number from 1 to 10080/);
  });

  it.each([1, 10_080])('accepts duration %d', (durationMinutes) => {
    expect(parseWindowSpec(recurring({ durationMinutes }))).toMatchObject({ durationMinutes });
  });

  it('rejects a window shorter than the reboot minimum, accepts one exactly as long', () => {
    expectRejected(recurring({ durationMinutes: 14 }), 'WINDOW_TOO_SHORT', 'durationMinutes', /14-minute window.*15-minute minimum/, 15);
    expect(parseWindowSpec(recurring({ durationMinutes: 15 }), { minimumMinutes: 15 })).toMatchObject({ durationMinutes: 15 });
  });
});

describe('parseWindowSpec: one-off', () => {
  it('returns the instants of start and end', () => {
    expect(parseWindowSpec(oneOff('2030-01-31T02:00:00+01:00', '2030-01-31T05:30:00Z'))).toEqual({
      kind: 'one-off', startsAt: new Date('2030-01-31T01:00:00Z'), endsAt: new Date('2030-01-31T05:30:00Z'),
    });
  });

  it('rejects a zero-length window', () => {
    expectRejected(oneOff('2030-01-31T02:00:00Z', '2030-01-31T02:00:00Z'), 'WINDOW_INVALID_RANGE', 'endsAt', /must be after startsAt/);
  });

  it('rejects an end before the start, comparing instants rather than wall times', () => {
    expectRejected(oneOff('2030-01-31T02:00:00+01:00', '2030-01-31T02:30:00+02:00'), 'WINDOW_INVALID_RANGE', 'endsAt', /must be after/);
  });

  it.each([
    ['2030-01-31T02:00:00', 'startsAt'],
    ['2030-01-31', 'startsAt'],
    ['2030-02-30T02:00:00Z', 'startsAt'],
    ['tomorrow', 'startsAt'],
    [null, 'startsAt'],
  ])('rejects start %j that is not ISO 8601 with an offset', (startsAt, field) => {
    expectRejected(oneOff(startsAt, '2030-03-01T00:00:00Z'), 'WINDOW_INVALID_RANGE', field, /ISO 8601 date-time with an offset/);
  });

  it('rejects a one-off shorter than the reboot minimum', () => {
    expectRejected(oneOff('2030-01-31T02:00:00Z', '2030-01-31T02:10:00Z'), 'WINDOW_TOO_SHORT', 'endsAt', /10-minute window.*30-minute minimum/, 30);
  });
});

it('rejects an unknown kind', () => {
  expectRejected({ kind: 'weekly' } as unknown as WindowSpecInput, 'WINDOW_INVALID_KIND', 'kind', /"recurring" or "one-off".*"weekly"/);
});
