import { CronExpressionParser } from 'cron-parser';
import type { Opening } from './opening';
import type { OneOffWindowSpec, RecurringWindowSpec, WindowSpec } from './window-spec';
import { wallClockToInstant } from './zoned-time';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** openingsBetween refuses to build more than this many openings (e.g. a year of an every-minute cron). */
export const MAX_OPENINGS_PER_QUERY = 10_000;

/**
 * The openings of one window that have not ended at `from` (so one already open counts), in start
 * order, lazily and without end for recurring windows. Openings of a recurring window whose duration
 * exceeds its period overlap; they are not merged here (see host-openings).
 */
export function openingsFrom(spec: WindowSpec, from: Date): Generator<Opening> {
  return spec.kind === 'recurring' ? recurringOpeningsFrom(spec, from) : oneOffOpeningsFrom(spec, from);
}

function* oneOffOpeningsFrom(spec: OneOffWindowSpec, from: Date): Generator<Opening> {
  if (spec.endsAt.getTime() > from.getTime()) yield { start: spec.startsAt, end: spec.endsAt };
}

function* recurringOpeningsFrom(spec: RecurringWindowSpec, from: Date): Generator<Opening> {
  const durationMs = spec.durationMinutes * MINUTE_MS;
  const earliestStart = from.getTime() - durationMs;
  // The cron is matched against wall-clock times, which cron-parser sees as UTC so it applies no DST
  // rule of its own; wallClockToInstant applies ours. A wall time lies within 14 h of its instant,
  // so starting a day early cannot miss an opening.
  const wallTimes = CronExpressionParser.parse(spec.cron, { tz: 'UTC', currentDate: new Date(earliestStart - DAY_MS) });
  let previousStart = Number.NEGATIVE_INFINITY;
  for (;;) {
    const start = wallClockToInstant(wallTimes.next().getTime(), spec.timeZone);
    // Several wall times inside one spring-forward gap all resolve to the transition: one opening.
    if (start === previousStart) continue;
    previousStart = start;
    if (start + durationMs > from.getTime()) yield { start: new Date(start), end: new Date(start + durationMs) };
  }
}

/** The openings of one window overlapping [from, to), in start order; an opening may extend past either end. */
export function openingsBetween(spec: WindowSpec, from: Date, to: Date): Opening[] {
  if (to.getTime() < from.getTime()) throw new RangeError(`openingsBetween: to (${to.toISOString()}) is before from (${from.toISOString()})`);
  const openings: Opening[] = [];
  for (const opening of openingsFrom(spec, from)) {
    if (opening.start.getTime() >= to.getTime()) break;
    if (openings.length === MAX_OPENINGS_PER_QUERY) {
      throw new RangeError(`openingsBetween: more than ${MAX_OPENINGS_PER_QUERY} openings between ${from.toISOString()} and ${to.toISOString()}; ask for a shorter range`);
    }
    openings.push(opening);
  }
  return openings;
}

/** The next `count` openings of one window, starting with the one open at `now` if any. */
export function nextOpenings(spec: WindowSpec, now: Date, count: number): Opening[] {
  const openings: Opening[] = [];
  if (count <= 0) return openings;
  for (const opening of openingsFrom(spec, now)) {
    openings.push(opening);
    if (openings.length === count) break;
  }
  return openings;
}
