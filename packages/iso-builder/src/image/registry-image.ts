// The image a template installs: resolved to a digest (the kickstart pins it) and, for offline
// templates, pulled into an OCI layout (layers verified by digest in @bootfleet/oci).
import { isOciError, parseImageReference, RegistryClient, type RegistryEndpoint } from '@bootfleet/oci';
import { IsoError } from '../errors';

export interface ImageSourceOptions {
  /** Registry base URL; default https://<registry of the reference>, http for loopback. */
  registryUrl?: string;
  insecure?: boolean;
  architecture?: string;
}

export interface PinnedImage {
  /** registry/repository@sha256:... */
  ref: string;
  digest: string;
}

function endpointFor(registry: string, options: ImageSourceOptions): RegistryEndpoint {
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+)(:\d+)?$/.test(registry);
  return { url: options.registryUrl ?? `${loopback ? 'http' : 'https'}://${registry}`, insecure: options.insecure };
}

function asIsoError(error: unknown, ref: string): unknown {
  if (isOciError(error, 'REGISTRY_NOT_FOUND') || isOciError(error, 'NO_MATCHING_PLATFORM')) {
    return new IsoError('IMAGE_NOT_FOUND', `image ${ref} not found: ${error.message}`, { ref });
  }
  if (isOciError(error, 'INVALID_REFERENCE')) return new IsoError('IMAGE_NOT_FOUND', error.message, { ref });
  if (isOciError(error)) return new IsoError('REGISTRY_UNREACHABLE', `registry for ${ref} failed: ${error.message}`, { ref, ociCode: error.code });
  return error;
}

async function withRegistry<T>(ref: string, options: ImageSourceOptions, action: (client: RegistryClient, repository: string, reference: string, registry: string) => Promise<T>): Promise<T> {
  try {
    const parsed = parseImageReference(ref);
    const client = new RegistryClient(endpointFor(parsed.registry, options));
    return await action(client, parsed.repository, parsed.digest ?? parsed.tag ?? 'latest', parsed.registry);
  } catch (error) {
    throw asIsoError(error, ref);
  }
}

export function resolveImage(ref: string, options: ImageSourceOptions = {}): Promise<PinnedImage> {
  return withRegistry(ref, options, async (client, repository, reference, registry) => {
    const image = await client.resolve(repository, reference, { architecture: options.architecture });
    return { ref: `${registry}/${repository}@${image.digest}`, digest: image.digest };
  });
}

export function pullImageToLayout(ref: string, directory: string, options: ImageSourceOptions = {}): Promise<PinnedImage> {
  return withRegistry(ref, options, async (client, repository, reference, registry) => {
    const image = await client.pullToOciLayout(repository, reference, directory, { architecture: options.architecture });
    return { ref: `${registry}/${repository}@${image.digest}`, digest: image.digest };
  });
}
