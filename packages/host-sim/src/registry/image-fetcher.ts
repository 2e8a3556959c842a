// Resolves the image a host asks for through a REAL registry (via @bootfleet/oci), with the access
// the host's own files grant, and words failures like containers-image does under bootc.
import { isOciError, parseImageReference, RegistryClient, type RegistryCredentials } from '@bootfleet/oci';
import { FetchError } from '../state/bootc-cli';
import type { FetchedImage, ImageReference } from '../state/types';
import type { VirtualFs } from '../shell/virtual-fs';
import { hostRegistryAccess } from './host-registry-config';

/** A registry the simulated hosts can reach; anything else does not resolve (no traffic leaves loopback). */
export interface ReachableRegistry {
  /** http(s)://host:port */
  url: string;
  /** The CA the registry's certificate is signed with, when it serves HTTPS. */
  caPem?: string;
}

export interface ImageFetcher {
  fetch(image: ImageReference, fs: VirtualFs, architecture: string): Promise<FetchedImage>;
}

function manifestError(image: ImageReference, problem: string): FetchError {
  const ref = parseImageReference(image.image);
  return new FetchError(`reading manifest ${ref.digest ?? ref.tag ?? 'latest'} in ${ref.registry}/${ref.repository}: ${problem}`);
}

/** The error a registry that rejects the host's credentials produces. */
export function authenticationRequired(image: ImageReference): FetchError {
  return manifestError(image, 'unauthorized: authentication required');
}

function hostOf(url: string): string {
  return new URL(url).host;
}

export class RegistryImageFetcher implements ImageFetcher {
  private readonly registries = new Map<string, ReachableRegistry>();
  private readonly clients = new Map<string, RegistryClient>();

  constructor(registries: ReachableRegistry[]) {
    for (const registry of registries) this.registries.set(hostOf(registry.url), registry);
  }

  private client(url: string, caPem: string | undefined, credentials: RegistryCredentials | undefined): RegistryClient {
    // One client per endpoint and identity, so a fleet of hosts shares connections and tokens.
    const key = JSON.stringify([url, caPem ?? null, credentials ?? null]);
    let client = this.clients.get(key);
    if (!client) {
      client = new RegistryClient({ url, ...(caPem ? { caPem } : {}), ...(credentials ? { credentials } : {}) });
      this.clients.set(key, client);
    }
    return client;
  }

  async fetch(image: ImageReference, fs: VirtualFs, architecture: string): Promise<FetchedImage> {
    if (image.transport !== 'registry') throw new FetchError(`transport "${image.transport}" is not simulated`);
    const ref = parseImageReference(image.image);
    const host = ref.registry;
    const tagOrDigest = ref.digest ?? ref.tag ?? 'latest';
    const registry = this.registries.get(host);
    const access = hostRegistryAccess(fs, host);
    const ping = (scheme: string, problem: string) => new FetchError(`pinging container registry ${host}: Get "${scheme}://${host}/v2/": ${problem}`);
    if (!registry) throw ping('https', `dial tcp: lookup ${host.replace(/:\d+$/, '')}: no such host`);
    const plainHttp = registry.url.startsWith('http:');
    if (plainHttp && !access.insecure) throw ping('https', 'http: server gave HTTP response to HTTPS client');
    if (!plainHttp && registry.caPem && !access.insecure && access.caPem !== registry.caPem) {
      throw ping('https', 'tls: failed to verify certificate: x509: certificate signed by unknown authority');
    }
    try {
      const resolved = await this.client(registry.url, registry.caPem, access.credentials).resolve(ref.repository, tagOrDigest, { architecture });
      return { digest: resolved.digest, version: resolved.version, created: resolved.created, architecture: resolved.architecture ?? architecture };
    } catch (err) {
      if (isOciError(err, 'REGISTRY_AUTH_FAILED')) throw authenticationRequired(image);
      if (isOciError(err, 'REGISTRY_NOT_FOUND')) throw manifestError(image, 'manifest unknown');
      if (isOciError(err, 'REGISTRY_UNREACHABLE')) throw ping(plainHttp ? 'http' : 'https', `dial tcp ${host}: connect: connection refused`);
      if (isOciError(err)) throw manifestError(image, err.message);
      throw err;
    }
  }
}
