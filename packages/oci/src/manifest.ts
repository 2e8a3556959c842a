import { OciError } from './errors';
import { isImageManifestMediaType, isIndexMediaType, MediaType } from './media-types';
import type { PlatformDescriptor } from './platform';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export type ParsedManifest =
  | { kind: 'index'; mediaType: string; manifests: PlatformDescriptor[] }
  | { kind: 'image'; mediaType: string; config: Descriptor; layers: Descriptor[] };

export interface ImageConfigSummary {
  architecture: string | null;
  os: string | null;
  created: string | null;
  labels: Record<string, string>;
}

function isDescriptor(value: unknown): value is Descriptor {
  const d = value as Partial<Descriptor> | null;
  return typeof d === 'object' && d !== null && typeof d.digest === 'string' && typeof d.mediaType === 'string' && typeof d.size === 'number';
}

function parseJson(bytes: Buffer, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below with the same message as a non-object.
  }
  throw new OciError('REGISTRY_PROTOCOL', `${what} is not a JSON object`);
}

/**
 * Parses an image manifest or an index. The body's own mediaType wins over the Content-Type
 * header; OCI allows it to be absent, so the header (then the shape) decide.
 */
export function parseManifest(bytes: Buffer, contentType: string | undefined): ParsedManifest {
  const json = parseJson(bytes, 'manifest');
  const headerType = contentType?.split(';')[0]?.trim();
  const declared = typeof json.mediaType === 'string' ? json.mediaType : headerType;
  const mediaType = declared ?? (Array.isArray(json.manifests) ? MediaType.ociIndex : MediaType.ociManifest);

  if (isIndexMediaType(mediaType)) {
    if (!Array.isArray(json.manifests) || !json.manifests.every(isDescriptor)) {
      throw new OciError('REGISTRY_PROTOCOL', 'index has no valid manifests array');
    }
    return { kind: 'index', mediaType, manifests: json.manifests as PlatformDescriptor[] };
  }
  if (isImageManifestMediaType(mediaType)) {
    if (!isDescriptor(json.config) || !Array.isArray(json.layers) || !json.layers.every(isDescriptor)) {
      throw new OciError('REGISTRY_PROTOCOL', 'image manifest lacks a valid config or layers');
    }
    return { kind: 'image', mediaType, config: json.config, layers: json.layers as Descriptor[] };
  }
  throw new OciError('REGISTRY_PROTOCOL', `unsupported manifest media type "${mediaType}"`);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The parts of an image config (OCI or Docker) that describe the image, not how to run it. */
export function parseImageConfig(bytes: Buffer): ImageConfigSummary {
  const json = parseJson(bytes, 'image config');
  const runtime = (json.config ?? {}) as { Labels?: unknown };
  const rawLabels = typeof runtime.Labels === 'object' && runtime.Labels !== null ? (runtime.Labels as Record<string, unknown>) : {};
  const labels = Object.fromEntries(Object.entries(rawLabels).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { architecture: stringOrNull(json.architecture), os: stringOrNull(json.os), created: stringOrNull(json.created), labels };
}
