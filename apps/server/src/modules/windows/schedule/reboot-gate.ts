import { activeOpening, hostOpeningsFrom } from './host-openings';
import { lengthMs } from './opening';
import type { WindowSpec } from './window-spec';

const MINUTE_MS = 60_000;
/** How far ahead rebootAllowed looks for an opening long enough for the minimum. */
export const NEXT_REBOOT_LOOKAHEAD_MS = 366 * 24 * 60 * MINUTE_MS;

export type RebootDecision =
  /** Inside a window with at least the minimum left before `closesAt`. */
  | { allowed: true; basis: 'inside-window'; closesAt: Date }
  /** The host has no window assigned, and such hosts are not restricted. */
  | { allowed: true; basis: 'unrestricted'; closesAt: null }
  /**
   * `nextStart`: start of the next opening at least the minimum long (within a year), when a reboot
   * would be allowed again; null if there is none.
   */
  | { allowed: false; reason: 'outside-window' | 'not-enough-time'; nextStart: Date | null };

/**
 * Whether a reboot may start at `now` on a host with these windows (downloading and staging are not
 * gated). It may when the host's merged window is open and at least `minRemainingMinutes` remain
 * (exactly the minimum is enough), or when the host has no window at all.
 */
export function rebootAllowed(specs: readonly WindowSpec[], now: Date, minRemainingMinutes: number): RebootDecision {
  if (!Number.isFinite(minRemainingMinutes) || minRemainingMinutes < 0) {
    throw new RangeError(`minRemainingMinutes must be a finite number >= 0, got ${minRemainingMinutes}`);
  }
  if (specs.length === 0) return { allowed: true, basis: 'unrestricted', closesAt: null };

  const minRemainingMs = minRemainingMinutes * MINUTE_MS;
  const open = activeOpening(specs, now);
  if (open && open.end.getTime() - now.getTime() >= minRemainingMs) {
    return { allowed: true, basis: 'inside-window', closesAt: open.end };
  }
  return {
    allowed: false,
    reason: open ? 'not-enough-time' : 'outside-window',
    nextStart: nextLongEnoughStart(specs, now, minRemainingMs),
  };
}

function nextLongEnoughStart(specs: readonly WindowSpec[], now: Date, minLengthMs: number): Date | null {
  const horizon = now.getTime() + NEXT_REBOOT_LOOKAHEAD_MS;
  for (const opening of hostOpeningsFrom(specs, now)) {
    if (opening.start.getTime() > horizon) return null;
    if (opening.start.getTime() > now.getTime() && lengthMs(opening) >= minLengthMs) return opening.start;
  }
  return null;
}
