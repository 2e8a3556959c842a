import { DEFAULT_REGISTRY } from '@bootfleet/oci';

const DOCKER_HUB_ALIASES = new Set(['registry-1.docker.io', 'index.docker.io', 'docker.io']);

/** Why a registry URL is unusable, or null: http(s) with a host and nothing after it. */
export function registryUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL such as https://registry.example.com';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must start with https:// or http://';
  if (parsed.username || parsed.password) return 'must not carry credentials; use the credential fields';
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash) return 'must be scheme://host[:port] with no path or query';
  return null;
}

/** The URL as stored: origin only, so equal registries compare equal. */
export function normaliseRegistryUrl(url: string): string {
  return new URL(url).origin;
}

/**
 * The host[:port] that image references use for this registry (`127.0.0.1:5000`, `quay.io`).
 * Docker Hub's API host answers for references that say `docker.io` or nothing at all.
 */
export function registryHost(url: string): string {
  const host = new URL(url).host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(host) ? DEFAULT_REGISTRY : host;
}
