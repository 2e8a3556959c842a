// Images for unit tests: stand-ins for what a registry returns, with distinct digests per version.
import { createHash } from 'node:crypto';
import type { FetchedImage, ImageReference } from './types';

export const TEST_REF: ImageReference = { image: '127.0.0.1:5000/fleet/os:stable', transport: 'registry' };

export function fetchedImage(version: string): FetchedImage {
  return {
    digest: `sha256:${createHash('sha256').update(version).digest('hex')}`,
    version,
    created: '2025-01-01T00:00:00Z',
    architecture: 'amd64',
  };
}
