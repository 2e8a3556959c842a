import { isDigest } from './digest';
import { OciError } from './errors';

/** A parsed image reference: `[registry[:port]/]path[:tag][@digest]` (distribution/reference grammar). */
export interface ImageReference {
  /** host[:port]; 'docker.io' when the reference names no registry. */
  registry: string;
  repository: string;
  tag: string | null;
  digest: string | null;
}

export const DEFAULT_REGISTRY = 'docker.io';
const MAX_NAME_LENGTH = 255;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]{1,5})?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

function invalid(ref: string, problem: string): OciError {
  // JSON.stringify keeps control characters visible in logs instead of letting them break lines.
  return new OciError('INVALID_REFERENCE', `invalid image reference ${JSON.stringify(ref)}: ${problem}`);
}

/** Docker Hub's aliases normalise to one name, and its official images live under library/. */
function normaliseDockerHub(registry: string, repository: string): { registry: string; repository: string } {
  const hub = registry === 'index.docker.io' || registry === 'registry-1.docker.io' ? DEFAULT_REGISTRY : registry;
  return { registry: hub, repository: hub === DEFAULT_REGISTRY && !repository.includes('/') ? `library/${repository}` : repository };
}

function looksLikeRegistry(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

export function parseImageReference(ref: string): ImageReference {
  if (ref.length === 0) throw invalid(ref, 'it is empty');
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(ref)) throw invalid(ref, 'it contains whitespace or control characters');

  const at = ref.indexOf('@');
  const namePart = at === -1 ? ref : ref.slice(0, at);
  const digest = at === -1 ? null : ref.slice(at + 1);
  if (digest !== null && !isDigest(digest)) throw invalid(ref, `${JSON.stringify(digest)} is not a sha256/sha512 digest`);

  const lastSlash = namePart.lastIndexOf('/');
  const colon = namePart.indexOf(':', lastSlash + 1);
  const name = colon === -1 ? namePart : namePart.slice(0, colon);
  const tag = colon === -1 ? null : namePart.slice(colon + 1);
  if (tag !== null && !TAG.test(tag)) throw invalid(ref, `tag ${JSON.stringify(tag)} must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`);

  if (name.length === 0) throw invalid(ref, 'the repository name is empty');
  if (name.length > MAX_NAME_LENGTH) throw invalid(ref, `the name is longer than ${MAX_NAME_LENGTH} characters`);

  const components = name.split('/');
  const first = components[0] ?? '';
  const hasRegistry = components.length > 1 && looksLikeRegistry(first);
  const registry = hasRegistry ? first : DEFAULT_REGISTRY;
  const pathComponents = hasRegistry ? components.slice(1) : components;

  if (hasRegistry && !DOMAIN.test(registry)) throw invalid(ref, `registry ${JSON.stringify(registry)} is not a valid host[:port]`);
  for (const component of pathComponents) {
    if (component.length === 0) throw invalid(ref, 'the repository has an empty path component');
    if (!PATH_COMPONENT.test(component)) {
      throw invalid(ref, `repository component ${JSON.stringify(component)} must be lowercase letters, digits and single separators (. _ __ -)`);
    }
  }

  return { ...normaliseDockerHub(registry, pathComponents.join('/')), tag, digest };
}

export function formatImageReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag === null ? '' : `:${ref.tag}`}${ref.digest === null ? '' : `@${ref.digest}`}`;
}

/** Guards request paths: a repository must be a valid path (no registry, tag or traversal). */
export function assertRepository(repository: string): void {
  const components = repository.split('/');
  if (repository.length > MAX_NAME_LENGTH || !components.every((c) => PATH_COMPONENT.test(c))) {
    throw new OciError('INVALID_REFERENCE', `invalid repository name ${JSON.stringify(repository)}`);
  }
}

/** Guards request paths: a manifest reference is a tag or a digest. */
export function assertTagOrDigest(reference: string): void {
  if (!TAG.test(reference) && !isDigest(reference)) {
    throw new OciError('INVALID_REFERENCE', `${JSON.stringify(reference)} is neither a tag nor a sha256/sha512 digest`);
  }
}
