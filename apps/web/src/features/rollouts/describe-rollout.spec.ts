import { describe, expect, it } from 'vitest';
import { commandsFor, phaseCounts, phaseTimeline, progressOf } from './describe-rollout';

describe('rollout descriptions', () => {
  it('counts finished, succeeded and failed hosts', () => {
    expect(progressOf({ succeeded: 3, 'rolled-back': 1, failed: 1, rebooting: 2, pending: 3 }, 10)).toEqual({ total: 10, succeeded: 3, failed: 2, done: 5 });
    expect(phaseCounts({ succeeded: 3, pending: 2, failed: 0 })).toEqual([
      ['pending', 2],
      ['succeeded', 3],
    ]);
  });

  it('offers the commands the state allows', () => {
    expect([...commandsFor({ state: 'scheduled', pausedReason: null, counts: {} })].sort()).toEqual(['cancel', 'pause', 'start']);
    expect([...commandsFor({ state: 'paused', pausedReason: 'awaiting-approval', counts: {} })].sort()).toEqual(['approve-next-batch', 'cancel']);
    expect([...commandsFor({ state: 'paused', pausedReason: 'failure-threshold', counts: { failed: 1 } })].sort()).toEqual(['cancel', 'resume', 'retry-failed']);
    expect([...commandsFor({ state: 'completed', pausedReason: null, counts: { succeeded: 4 } })]).toEqual([]);
  });

  it('lists the phases in the order entered with how long each lasted', () => {
    const timings = { rebooting: '2030-01-01T00:01:00Z', pending: '2030-01-01T00:00:00Z', succeeded: '2030-01-01T00:03:30Z' };
    expect(phaseTimeline(timings, '2030-01-01T00:03:30Z', new Date('2030-01-01T01:00:00Z')).map((t) => [t.phase, t.lasted])).toEqual([
      ['pending', '1 m 0 s'],
      ['rebooting', '2 m 30 s'],
      ['succeeded', '0 s'],
    ]);
  });
});
