// Parsers for the human-oriented stdout of bootc's mutating verbs (bootc has no JSON for these).

export interface UpdateCheck {
  readonly available: boolean;
  /** The reference bootc printed, e.g. `docker://quay.io/x:y`. */
  readonly target: string | null;
  readonly version: string | null;
  readonly digest: string | null;
}

export interface StageOutcome {
  /** A new deployment was queued (or the next boot changed, for rollback). */
  readonly changed: boolean;
  readonly target: string | null;
  readonly version: string | null;
  readonly digest: string | null;
}

function field(text: string, name: string): string | null {
  return new RegExp(`^\\s*${name}:\\s*(\\S.*?)\\s*$`, 'm').exec(text)?.[1] ?? null;
}

export function parseUpgradeCheck(stdout: string): UpdateCheck {
  const available = /^Update available for:\s*(\S+)/m.exec(stdout);
  if (available) {
    return { available: true, target: available[1] ?? null, version: field(stdout, 'Version'), digest: field(stdout, 'Digest') };
  }
  const none = /^No changes in:\s*(\S+)/m.exec(stdout);
  return { available: false, target: none?.[1] ?? null, version: null, digest: null };
}

/** `upgrade` and `switch`: "Queued for next boot: REF" plus Version/Digest, or a no-change message. */
export function parseStageOutput(stdout: string): StageOutcome {
  const queued = /^Queued for next boot:\s*(\S+)/m.exec(stdout);
  if (queued) return { changed: true, target: queued[1] ?? null, version: field(stdout, 'Version'), digest: field(stdout, 'Digest') };
  const same = /^No changes in\s+(\S+)\s+=>\s+(\S+)/m.exec(stdout);
  return { changed: false, target: same?.[1] ?? null, version: null, digest: same?.[2] ?? null };
}

export interface RollbackOutcome {
  /** Which deployment boots next after this call. */
  readonly nextBoot: 'rollback' | 'current';
}

export function parseRollbackOutput(stdout: string): RollbackOutcome {
  return { nextBoot: /Next boot: current deployment/.test(stdout) ? 'current' : 'rollback' };
}
