import { describe, expect, it } from 'vitest';
import { changedRevisions, parseCreated } from './revision-changes';

const rev = (architecture: string, digest: string) => ({ architecture, digest, indexDigest: null, version: null, created: null });

describe('changedRevisions', () => {
  it('keeps only architectures whose digest differs from the current one, including new architectures', () => {
    const current = new Map([['amd64', 'sha256:a1'], ['arm64', 'sha256:b1']]);
    const resolved = [rev('amd64', 'sha256:a1'), rev('arm64', 'sha256:b2'), rev('s390x', 'sha256:c1')];
    expect(changedRevisions(current, resolved).map((r) => `${r.architecture}=${r.digest}`)).toEqual(['arm64=sha256:b2', 's390x=sha256:c1']);
  });

  it('reports nothing when every digest is current', () => {
    expect(changedRevisions(new Map([['amd64', 'sha256:a1']]), [rev('amd64', 'sha256:a1')])).toEqual([]);
  });
});

describe('parseCreated', () => {
  it('parses RFC 3339 and gives null for absent or garbage values', () => {
    expect(parseCreated('2026-11-01T10:00:00Z')).toEqual(new Date('2026-11-01T10:00:00Z'));
    expect(parseCreated(null)).toBeNull();
    expect(parseCreated('yesterday-ish')).toBeNull();
  });
});
