import { describe, expect, it } from 'vitest';
import { describeInterval, relativeTime, revisionBars, revisionLabel, shortDigest } from './describe-image';
import type { ImageRevision } from './use-images';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const revision = (c: string, version: string | null, current: boolean): ImageRevision => ({
  id: c,
  architecture: 'amd64',
  digest: digest(c),
  indexDigest: null,
  version,
  created: null,
  firstSeenAt: '2026-11-22T10:00:00.000Z',
  current,
  quarantined: false,
  quarantinedAt: null,
  quarantineReason: null,
});

describe('labels', () => {
  it('shortens digests and prefers the version', () => {
    expect(shortDigest(digest('a'))).toBe('aaaaaaaaaaaa');
    expect(revisionLabel({ version: '41.2', digest: digest('b') })).toBe('41.2 (bbbbbbbbbbbb)');
    expect(revisionLabel({ version: null, digest: digest('b') })).toBe('bbbbbbbbbbbb');
  });

  it('describes intervals and relative times', () => {
    expect(describeInterval(300)).toBe('5 min');
    expect(describeInterval(7200)).toBe('2 h');
    expect(describeInterval(90)).toBe('90 s');
    const now = new Date('2026-11-22T12:00:00Z');
    expect(relativeTime('2026-11-22T11:57:00Z', now)).toBe('3 minutes ago');
    expect(relativeTime('2026-11-22T12:05:00Z', now)).toBe('in 5 minutes');
    expect(relativeTime('2026-11-22T12:00:00Z', now)).toBe('now');
  });
});

describe('revisionBars', () => {
  it('puts the current revision first, scales to the largest bar and names unknown digests', () => {
    const bars = revisionBars(
      [
        { digest: digest('a'), version: '1', hosts: 8 },
        { digest: digest('b'), version: '2', hosts: 2 },
        { digest: null, version: null, hosts: 1 },
        { digest: digest('c'), version: null, hosts: 4 },
      ],
      [revision('a', '1', false), revision('b', '2', true)],
    );
    expect(bars.map((b) => [b.label, b.hosts, b.fraction, b.current, b.known])).toEqual([
      ['2 (bbbbbbbbbbbb)', 2, 0.25, true, true],
      ['1 (aaaaaaaaaaaa)', 8, 1, false, true],
      ['cccccccccccc', 4, 0.5, false, false],
      ['unknown digest', 1, 0.125, false, false],
    ]);
  });

  it('gives no bars when no host runs the image', () => {
    expect(revisionBars([], [revision('a', '1', true)])).toEqual([]);
  });
});
