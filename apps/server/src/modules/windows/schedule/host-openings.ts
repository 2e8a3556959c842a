import { isOpenAt, lengthMs, type Opening } from './opening';
import { openingsFrom } from './openings';
import type { WindowSpec } from './window-spec';

const DAY_MS = 24 * 60 * 60_000;
/**
 * How far back merging looks for openings chained into the one open now: longer than the longest
 * allowed window (7 days), so only a chain of overlapping windows reaching further back gets a later start.
 */
export const MERGE_LOOKBACK_MS = 8 * DAY_MS;
/**
 * A union continuously open for longer than this (say an hourly cron lasting two hours) is cut into
 * pieces of about this length, so merging an endless chain terminates.
 */
export const MAX_MERGED_SPAN_MS = 31 * DAY_MS;

/** The union of a host's windows as a lazy stream of merged openings that have not ended at `from`. */
export function* hostOpeningsFrom(specs: readonly WindowSpec[], from: Date): Generator<Opening> {
  const lookbackFrom = new Date(from.getTime() - MERGE_LOOKBACK_MS);
  const streams = specs.map((spec) => openingsFrom(spec, lookbackFrom));
  const heads = streams.map((stream) => stream.next());
  const takeEarliest = (): Opening | null => {
    let earliest = -1;
    heads.forEach((head, index) => {
      const current = heads[earliest];
      if (!head.done && (!current || current.done || head.value.start.getTime() < current.value.start.getTime())) earliest = index;
    });
    const head = heads[earliest];
    if (!head || head.done) return null;
    heads[earliest] = streams[earliest]!.next();
    return head.value;
  };

  let current = takeEarliest();
  while (current) {
    const next = takeEarliest();
    const extendsCurrent = next !== null && next.start.getTime() <= current.end.getTime()
      && lengthMs(current) < MAX_MERGED_SPAN_MS;
    if (extendsCurrent) {
      current = { start: current.start, end: new Date(Math.max(current.end.getTime(), next.end.getTime())) };
      continue;
    }
    if (current.end.getTime() > from.getTime()) yield current;
    current = next;
  }
}

/** The merged opening of a host's windows that is open at `now`, or null. */
export function activeOpening(specs: readonly WindowSpec[], now: Date): Opening | null {
  const first = hostOpeningsFrom(specs, now).next();
  return !first.done && isOpenAt(first.value, now) ? first.value : null;
}

/** The next merged opening of a host's windows that starts after `now` (after the open one, if any), or null. */
export function nextOpening(specs: readonly WindowSpec[], now: Date): Opening | null {
  for (const opening of hostOpeningsFrom(specs, now)) {
    if (opening.start.getTime() > now.getTime()) return opening;
  }
  return null;
}
