/** One architecture's current revision of the policy's image. */
export interface PolicyRevision {
  architecture: string;
  digest: string;
  quarantined: boolean;
}

export interface PolicyHost {
  id: string;
  /** OCI architecture (amd64, arm64...). */
  architecture: string;
  bootedDigest: string | null;
  /** In another rollout or operation now. */
  busy: boolean;
  /** Presented another host key: nothing may run on it until approved. */
  keyChanged: boolean;
}

export interface PolicyInput {
  enabled: boolean;
  lastDigest: string | null;
  revisions: readonly PolicyRevision[];
  /** The policy already has a rollout that is not finished. */
  activeRollout: boolean;
  /** Hosts matching the policy's selector. */
  hosts: readonly PolicyHost[];
}

export type PolicyDecision =
  | { type: 'skip'; reason: 'disabled' | 'no-revision' | 'unchanged' | 'quarantined' | 'active-rollout' }
  /** New revision, but no matching host needs it: remember it so it is not looked at again. */
  | { type: 'record'; key: string }
  | { type: 'create'; key: string; hostIds: string[]; left: { busy: string[]; keyChanged: string[] } };

/** What a policy remembers as "the revision it acted on": one digest, or `arch=digest` pairs for several architectures. */
export function revisionKey(revisions: readonly Pick<PolicyRevision, 'architecture' | 'digest'>[]): string | null {
  if (revisions.length === 0) return null;
  if (revisions.length === 1) return revisions[0]!.digest;
  return [...revisions].sort((a, b) => a.architecture.localeCompare(b.architecture)).map((r) => `${r.architecture}=${r.digest}`).join(',');
}

/**
 * "Keep hosts matching the selector on the tag's latest revision": whether a policy should create a
 * rollout now, and for which hosts. A quarantined revision is never rolled out, and a policy waits
 * for its running rollout to finish rather than start a second one (the next look then targets only
 * hosts still behind). Hosts already on their architecture's digest are left alone; busy hosts and
 * hosts with a changed key are left out (and reported).
 */
export function decidePolicy(input: PolicyInput): PolicyDecision {
  if (!input.enabled) return { type: 'skip', reason: 'disabled' };
  const key = revisionKey(input.revisions);
  if (key === null) return { type: 'skip', reason: 'no-revision' };
  if (key === input.lastDigest) return { type: 'skip', reason: 'unchanged' };
  if (input.revisions.some((r) => r.quarantined)) return { type: 'skip', reason: 'quarantined' };
  if (input.activeRollout) return { type: 'skip', reason: 'active-rollout' };
  const digestFor = new Map(input.revisions.map((r) => [r.architecture, r.digest]));
  const behind = input.hosts.filter((h) => digestFor.has(h.architecture) && h.bootedDigest !== digestFor.get(h.architecture));
  const busy = behind.filter((h) => h.busy).map((h) => h.id);
  const keyChanged = behind.filter((h) => !h.busy && h.keyChanged).map((h) => h.id);
  const hostIds = behind.filter((h) => !h.busy && !h.keyChanged).map((h) => h.id);
  if (hostIds.length === 0) return { type: 'record', key };
  return { type: 'create', key, hostIds, left: { busy, keyChanged } };
}
