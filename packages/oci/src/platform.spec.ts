import { describe, expect, it } from 'vitest';
import { OciError } from './errors';
import { selectPlatformManifest, toKernelArchitecture, toOciArchitecture, type PlatformDescriptor } from './platform';

const entry = (digestChar: string, architecture: string, os = 'linux'): PlatformDescriptor => ({
  digest: `sha256:${digestChar.repeat(64)}`,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  size: 100,
  platform: { architecture, os },
});

describe('architecture names', () => {
  it.each([
    ['x86_64', 'amd64'],
    ['aarch64', 'arm64'],
    ['ppc64le', 'ppc64le'],
    ['s390x', 's390x'],
  ])('maps kernel %s <-> OCI %s both ways, and each side is idempotent', (kernel, oci) => {
    expect(toOciArchitecture(kernel)).toBe(oci);
    expect(toOciArchitecture(oci)).toBe(oci);
    expect(toKernelArchitecture(oci)).toBe(kernel);
    expect(toKernelArchitecture(kernel)).toBe(kernel);
  });
});

describe('selectPlatformManifest', () => {
  const index = [entry('u', 'unknown', 'unknown'), entry('a', 'amd64'), entry('b', 'arm64'), entry('w', 'amd64', 'windows')];

  it('chooses by either architecture spelling', () => {
    expect(selectPlatformManifest(index, 'aarch64').digest).toBe(entry('b', 'arm64').digest);
    expect(selectPlatformManifest(index, 'arm64').digest).toBe(entry('b', 'arm64').digest);
    expect(selectPlatformManifest(index, 'x86_64').digest).toBe(entry('a', 'amd64').digest);
  });

  it('defaults to amd64 and never picks attestation or non-linux entries', () => {
    expect(selectPlatformManifest([entry('w', 'amd64', 'windows'), entry('u', 'unknown', 'unknown'), entry('a', 'amd64')]).digest).toBe(entry('a', 'amd64').digest);
  });

  it('fails with NO_MATCHING_PLATFORM listing what the index offers', () => {
    expect(() => selectPlatformManifest(index, 's390x')).toThrow(OciError);
    try {
      selectPlatformManifest(index, 's390x');
    } catch (error) {
      expect((error as OciError).code).toBe('NO_MATCHING_PLATFORM');
      expect((error as OciError).message).toContain('linux/arm64');
    }
  });
});
