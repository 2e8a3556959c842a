/** What the server last saw of a succeeded canary. `onTarget` is null until a refresh after it finished. */
export interface CanaryHealth {
  online: boolean;
  onTarget: boolean | null;
}

export interface SoakCanary {
  finishedAt: Date | null;
  health?: CanaryHealth | undefined;
}

export type SoakDecision = { type: 'continue' } | { type: 'unhealthy' } | { type: 'wait'; until: Date | null };

/**
 * Whether the batch after the canaries may go: every succeeded canary online and seen booted on its
 * target, and the soak time passed since the last canary finished. A canary seen unreachable or on
 * another image stops the automatic continuation (an operator decides); a canary not refreshed since
 * it finished only delays it.
 */
export function soakDecision(canaries: readonly SoakCanary[], soakSeconds: number, now: Date): SoakDecision {
  if (canaries.some((c) => c.health && (!c.health.online || c.health.onTarget === false))) return { type: 'unhealthy' };
  const lastFinished = Math.max(0, ...canaries.map((c) => c.finishedAt?.getTime() ?? 0));
  const endsAt = new Date(lastFinished + soakSeconds * 1000);
  if (endsAt > now) return { type: 'wait', until: endsAt };
  if (canaries.some((c) => c.health?.onTarget !== true)) return { type: 'wait', until: null };
  return { type: 'continue' };
}
