/** Consecutive failed refreshes after which a host counts as unreachable (one blip is not an outage). */
export const UNREACHABLE_AFTER_FAILURES = 3;

/**
 * When a host's next periodic refresh is due: the interval, spread by ±10% so that a fleet enrolled
 * at once does not refresh in lockstep forever. `random` is injected for tests.
 */
export function nextRefreshAt(now: Date, intervalSeconds: number, random: () => number = Math.random): Date {
  const jitter = (random() * 2 - 1) * 0.1 * intervalSeconds;
  return new Date(now.getTime() + Math.round((intervalSeconds + jitter) * 1000));
}

export type Reachability = 'online' | 'unreachable';

/** Reachability after a failed contact, given how many contacts in a row have failed. */
export function reachabilityAfterFailure(previous: 'pending' | 'online' | 'unreachable', failures: number): 'online' | 'unreachable' {
  if (previous === 'unreachable') return 'unreachable';
  return failures >= UNREACHABLE_AFTER_FAILURES ? 'unreachable' : 'online';
}
