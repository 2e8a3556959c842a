import { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The instant at which a wall-clock time (given as milliseconds of a UTC-interpreted date-time)
 * happens in `timeZone`, with the two DST rules of this module:
 * - a wall time that happens twice (fall-back) resolves to its first occurrence;
 * - a wall time that does not exist (spring-forward gap) resolves to the first instant after
 *   the gap, i.e. the moment of the transition.
 */
export function wallClockToInstant(wallMs: number, timeZone: string): number {
  const zone = IANAZone.create(timeZone);
  const offsetAt = (instantMs: number): number => zone.offset(instantMs);
  // Any offset valid for this wall time is in force within a day of it (offsets stay within ±14 h).
  const candidateOffsets = [...new Set([offsetAt(wallMs - DAY_MS), offsetAt(wallMs), offsetAt(wallMs + DAY_MS)])];
  const matches = candidateOffsets
    .map((offset) => wallMs - offset * MINUTE_MS)
    .filter((instant) => wallMs - offsetAt(instant) * MINUTE_MS === instant);
  if (matches.length > 0) return Math.min(...matches);

  const lowOffset = Math.min(...candidateOffsets);
  const highOffset = Math.max(...candidateOffsets);
  return transitionInstant(wallMs - highOffset * MINUTE_MS, wallMs - lowOffset * MINUTE_MS, offsetAt);
}

/** First instant in (before, after] whose offset differs from the one at `before`. */
function transitionInstant(before: number, after: number, offsetAt: (instantMs: number) => number): number {
  const offsetBefore = offsetAt(before);
  let low = before;
  let high = after;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle) === offsetBefore) low = middle;
    else high = middle;
  }
  return high;
}
