/**
 * Temporary lockout after repeated failed logins, counted per user name (guessing one account) and
 * per source address (spraying many accounts). A success clears the user name's counter only.
 */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const USERNAME_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const SOURCE_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export const usernameKey = (username: string): string => `user:${username.toLowerCase()}`;
export const sourceKey = (address: string): string => `source:${address}`;

/** The latest lock among the counters, if one is still in force. */
export function lockedUntil(locks: readonly (Date | null)[], now: Date): Date | undefined {
  const active = locks.filter((d): d is Date => d !== null && d > now);
  return active.length ? new Date(Math.max(...active.map((d) => d.getTime()))) : undefined;
}
