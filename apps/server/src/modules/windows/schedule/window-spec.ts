import { CronExpressionParser } from 'cron-parser';
import { DateTime } from 'luxon';
import { WindowSpecError } from './window-spec-error';

export const MAX_DURATION_MINUTES = 7 * 24 * 60;

export interface RecurringWindowInput {
  kind: 'recurring';
  cron: string;
  durationMinutes: number;
  timeZone: string;
}

export interface OneOffWindowInput {
  kind: 'one-off';
  startsAt: string;
  endsAt: string;
}

export type WindowSpecInput = RecurringWindowInput | OneOffWindowInput;

export interface RecurringWindowSpec {
  kind: 'recurring';
  /** Five fields, whitespace normalised to single spaces. */
  cron: string;
  durationMinutes: number;
  timeZone: string;
}

export interface OneOffWindowSpec {
  kind: 'one-off';
  startsAt: Date;
  endsAt: Date;
}

export type WindowSpec = RecurringWindowSpec | OneOffWindowSpec;

export interface ParseWindowSpecOptions {
  /** The configured minimum time a reboot needs; a window shorter than this could never host one. */
  minimumMinutes?: number;
}

/** Validates untrusted input (e.g. a request body) into a typed spec, or throws a WindowSpecError. */
export function parseWindowSpec(input: WindowSpecInput, options: ParseWindowSpecOptions = {}): WindowSpec {
  const minimumMinutes = options.minimumMinutes ?? 0;
  const kind: unknown = (input as { kind?: unknown } | null | undefined)?.kind;
  if (kind === 'recurring') return parseRecurring(input as RecurringWindowInput, minimumMinutes);
  if (kind === 'one-off') return parseOneOff(input as OneOffWindowInput, minimumMinutes);
  throw new WindowSpecError('WINDOW_INVALID_KIND', 'kind', `kind must be "recurring" or "one-off", got ${describeValue(kind)}`);
}

function parseRecurring(input: RecurringWindowInput, minimumMinutes: number): RecurringWindowSpec {
  const cron = parseCron(input.cron);
  const timeZone = parseTimeZone(input.timeZone);
  const durationMinutes = input.durationMinutes as unknown;
  if (typeof durationMinutes !== 'number' || !Number.isInteger(durationMinutes)
    || durationMinutes < 1 || durationMinutes > MAX_DURATION_MINUTES) {
    throw new WindowSpecError('WINDOW_INVALID_DURATION', 'durationMinutes',
      `durationMinutes must be a whole number from 1 to ${MAX_DURATION_MINUTES} (7 days), got ${describeValue(durationMinutes)}`);
  }
  if (durationMinutes < minimumMinutes) {
    throw new WindowSpecError('WINDOW_TOO_SHORT', 'durationMinutes',
      `a ${durationMinutes}-minute window is shorter than the ${minimumMinutes}-minute minimum a reboot needs`);
  }
  return { kind: 'recurring', cron, durationMinutes, timeZone };
}

// H is rejected because cron-parser fills it with a random value, so openings would change between calls.
const HASH_TOKEN = /(^|[^A-Za-z])H($|[^A-Za-z])/i;

function parseCron(value: unknown): string {
  if (typeof value !== 'string') {
    throw new WindowSpecError('WINDOW_INVALID_CRON', 'cron', `cron must be a string, got ${describeValue(value)}`);
  }
  const fields = value.trim().split(/\s+/);
  if (value.trim().startsWith('@')) {
    throw new WindowSpecError('WINDOW_INVALID_CRON', 'cron',
      `cron macros such as "${value.trim()}" are not supported; write the five fields (minute hour day-of-month month day-of-week)`);
  }
  if (fields.length !== 5) {
    throw new WindowSpecError('WINDOW_INVALID_CRON', 'cron',
      `cron must have exactly 5 fields (minute hour day-of-month month day-of-week), got ${fields.length} in "${value}"`);
  }
  const cron = fields.join(' ');
  if (HASH_TOKEN.test(cron)) {
    throw new WindowSpecError('WINDOW_INVALID_CRON', 'cron', `cron "${cron}" uses H (random value), which is not supported`);
  }
  try {
    // A fixed reference date keeps this pure; one occurrence proves the expression can ever match.
    CronExpressionParser.parse(cron, { tz: 'UTC', currentDate: new Date(Date.UTC(2000, 0, 1)) }).next();
  } catch (error) {
    throw new WindowSpecError('WINDOW_INVALID_CRON', 'cron', `cron "${cron}" is invalid: ${(error as Error).message}`);
  }
  return cron;
}

/** An IANA zone name, or a WindowSpecError WINDOW_INVALID_TIMEZONE. */
export function parseTimeZone(value: unknown): string {
  // Offsets like "+01:00" are refused: a fixed offset cannot follow the host's daylight saving time.
  if (typeof value !== 'string' || !/^[A-Za-z]/.test(value)) {
    throw new WindowSpecError('WINDOW_INVALID_TIMEZONE', 'timeZone',
      `timeZone must be an IANA time zone name such as "Europe/Berlin", got ${describeValue(value)}`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new WindowSpecError('WINDOW_INVALID_TIMEZONE', 'timeZone',
      `timeZone "${value}" is not a known IANA time zone (e.g. "Europe/Berlin", "America/New_York")`);
  }
  return value;
}

function parseOneOff(input: OneOffWindowInput, minimumMinutes: number): OneOffWindowSpec {
  const startsAt = parseInstant(input.startsAt, 'startsAt');
  const endsAt = parseInstant(input.endsAt, 'endsAt');
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new WindowSpecError('WINDOW_INVALID_RANGE', 'endsAt',
      `endsAt (${input.endsAt}) must be after startsAt (${input.startsAt})`);
  }
  const lengthMinutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
  if (lengthMinutes < minimumMinutes) {
    throw new WindowSpecError('WINDOW_TOO_SHORT', 'endsAt',
      `a ${lengthMinutes}-minute window is shorter than the ${minimumMinutes}-minute minimum a reboot needs`);
  }
  return { kind: 'one-off', startsAt, endsAt };
}

// Without an explicit offset the instant would depend on the server's time zone.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

function parseInstant(value: unknown, field: string): Date {
  const parsed = typeof value === 'string' && ISO_WITH_OFFSET.test(value) ? DateTime.fromISO(value, { setZone: true }) : null;
  if (!parsed?.isValid) {
    throw new WindowSpecError('WINDOW_INVALID_RANGE', field,
      `${field} must be an ISO 8601 date-time with an offset, e.g. "2030-01-31T02:00:00+01:00", got ${describeValue(value)}`);
  }
  return parsed.toJSDate();
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
