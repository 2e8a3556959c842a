import { parseImageReference } from '@bootfleet/oci';

export const DEFAULT_TAG = 'latest';

export interface TrackedReference {
  /** host[:port] as references name the registry. */
  registryHost: string;
  repository: string;
  tag: string;
}

/**
 * The tag a host's `spec.image` follows, or null when it follows none (pinned by digest) or the
 * reference is malformed. An image without a tag follows `latest`, as bootc and podman do.
 */
export function trackedReferenceOf(ref: string): TrackedReference | null {
  let parsed;
  try {
    parsed = parseImageReference(ref);
  } catch {
    return null;
  }
  if (parsed.digest !== null && parsed.tag === null) return null;
  return { registryHost: parsed.registry, repository: parsed.repository, tag: parsed.tag ?? DEFAULT_TAG };
}

export type ReferenceCheck = { ok: true; repository: string } | { ok: false; field: 'repository' | 'tag'; error: unknown };

/**
 * Checks that `repository:tag` on `registryHost` is a well-formed reference, naming the field at
 * fault, and returns the repository as references normalise it (Docker Hub's official images gain
 * `library/`). The error is the client's INVALID_REFERENCE naming the problem.
 */
export function checkTrackedReference(registryHost: string, repository: string, tag: string): ReferenceCheck {
  try {
    parseImageReference(`${registryHost}/${repository}`);
  } catch (error) {
    return { ok: false, field: 'repository', error };
  }
  try {
    return { ok: true, repository: parseImageReference(`${registryHost}/${repository}:${tag}`).repository };
  } catch (error) {
    return { ok: false, field: 'tag', error };
  }
}

export function formatTrackedReference(ref: TrackedReference): string {
  return `${ref.registryHost}/${ref.repository}:${ref.tag}`;
}
