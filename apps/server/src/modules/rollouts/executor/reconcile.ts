/** What a host's real state says about an apply that may or may not have happened. */
export type ApplyFinding = 'not-applied' | 'rebooted' | 'on-target-without-reboot';

/**
 * Decides, from the host itself, whether the apply step already took effect: a boot id other than
 * the one recorded before the reboot was requested means the reboot happened (never request it
 * again); the target already booted with the same boot id is a soft reboot.
 */
export function findApply(recorded: { previousBootId: string | null; targetDigest: string | null }, seen: { bootId: string; bootedDigest: string | null }): ApplyFinding {
  if (recorded.previousBootId === null) return 'not-applied';
  if (seen.bootId !== recorded.previousBootId) return 'rebooted';
  if (recorded.targetDigest !== null && seen.bootedDigest === recorded.targetDigest) return 'on-target-without-reboot';
  return 'not-applied';
}

export type RollbackFinding =
  /** Already on the digest it must be back on: nothing to do (also when the failed boot fell back on its own). */
  | 'back'
  /** The rollback reboot happened but the host is not on the expected digest. */
  | 'rebooted-elsewhere'
  /** A rollback is queued for the next boot: only the reboot is missing (running `bootc rollback` again would undo it). */
  | 'reboot-only'
  /** The rollback slot is what the host must go back to: roll back and reboot. */
  | 'rollback'
  /** The rollback slot holds something else: rolling back would not restore the expected digest. */
  | 'unsafe';

export function findRollback(
  recorded: { rollbackBootId: string | null; expectedDigest: string | null },
  seen: { bootId: string; bootedDigest: string | null; rollbackDigest: string | null; rollbackQueued: boolean },
): RollbackFinding {
  if (seen.bootedDigest !== null && seen.bootedDigest === recorded.expectedDigest) return 'back';
  if (recorded.rollbackBootId !== null && seen.bootId !== recorded.rollbackBootId) return 'rebooted-elsewhere';
  if (seen.rollbackQueued) return 'reboot-only';
  return seen.rollbackDigest !== null && seen.rollbackDigest === recorded.expectedDigest ? 'rollback' : 'unsafe';
}
