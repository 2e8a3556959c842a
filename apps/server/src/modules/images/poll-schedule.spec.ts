import { describe, expect, it } from 'vitest';
import { duePolls, nextPollAt, pollArchitectures } from './poll-schedule';

const now = new Date('2026-11-22T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe('duePolls', () => {
  it('takes never-polled images and those whose interval elapsed, using the default when unset', () => {
    const images = [
      { id: 'never', lastPolledAt: null, pollIntervalSeconds: null },
      { id: 'default-elapsed', lastPolledAt: ago(300), pollIntervalSeconds: null },
      { id: 'default-fresh', lastPolledAt: ago(299), pollIntervalSeconds: null },
      { id: 'own-elapsed', lastPolledAt: ago(61), pollIntervalSeconds: 60 },
      { id: 'own-fresh', lastPolledAt: ago(3000), pollIntervalSeconds: 3600 },
    ];
    expect(duePolls(images, 300, now)).toEqual(['never', 'default-elapsed', 'own-elapsed']);
  });
});

describe('nextPollAt', () => {
  it('is null before the first poll and last poll + interval after', () => {
    expect(nextPollAt({ id: 'a', lastPolledAt: null, pollIntervalSeconds: 60 }, 300)).toBeNull();
    expect(nextPollAt({ id: 'a', lastPolledAt: now, pollIntervalSeconds: null }, 300)).toEqual(new Date('2026-11-22T12:05:00Z'));
  });
});

describe('pollArchitectures', () => {
  it('always includes amd64 and adds host architectures in OCI spelling, once each', () => {
    expect(pollArchitectures([])).toEqual(['amd64']);
    expect(pollArchitectures(['x86_64', null, 'aarch64', 'arm64'])).toEqual(['amd64', 'arm64']);
  });
});
