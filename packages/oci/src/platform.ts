import { OciError } from './errors';

/** bootc and `uname -m` spell architectures the kernel's way; OCI platforms use Go's names. */
const KERNEL_TO_OCI: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  aarch64: 'arm64',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  armv7l: 'arm',
  i686: '386',
};
const OCI_TO_KERNEL: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(KERNEL_TO_OCI).map(([kernel, oci]) => [oci, kernel]),
);

/** Most bootc fleets are x86_64; an index is resolved for it when the caller names no architecture. */
export const DEFAULT_ARCHITECTURE = 'amd64';

/** Accepts either spelling (x86_64 or amd64) and returns the OCI one; unknown names pass through. */
export function toOciArchitecture(architecture: string): string {
  return KERNEL_TO_OCI[architecture] ?? architecture;
}

/** Accepts either spelling (amd64 or x86_64) and returns the kernel/bootc one; unknown names pass through. */
export function toKernelArchitecture(architecture: string): string {
  return OCI_TO_KERNEL[architecture] ?? architecture;
}

export interface PlatformDescriptor {
  digest: string;
  mediaType: string;
  size: number;
  platform?: { architecture?: string; os?: string; variant?: string };
}

/**
 * Picks the linux manifest for an architecture out of an index's entries. Entries with os
 * "unknown" (BuildKit attestations) never match.
 */
export function selectPlatformManifest(manifests: readonly PlatformDescriptor[], architecture?: string): PlatformDescriptor {
  const wanted = toOciArchitecture(architecture ?? DEFAULT_ARCHITECTURE);
  const match = manifests.find((m) => m.platform?.architecture === wanted && (m.platform.os ?? 'linux') === 'linux');
  if (match) return match;
  const offered = manifests.map((m) => `${m.platform?.os ?? '?'}/${m.platform?.architecture ?? '?'}`).join(', ');
  throw new OciError('NO_MATCHING_PLATFORM', `no linux/${wanted} manifest in the index (offers: ${offered || 'nothing'})`);
}
