import { describe, expect, it } from 'vitest';
import { describePlan, describeSelector, describeStart, planCells } from './describe-policy';
import type { Policy } from './use-policies';

const strategy: Policy['strategy'] = { canaryCount: 1, batchSize: { percent: 10 }, maxParallelReboots: 5, successThreshold: 1, pauseBetweenBatchesSeconds: 0, soakSeconds: 0, maxFailures: 1, requireApproval: false };

describe('policy descriptions', () => {
  it('describes the hosts a selector chooses', () => {
    expect(describeSelector({ labels: { env: 'prod', site: 'berlin' } })).toBe('env=prod site=berlin');
    expect(describeSelector({ labels: { ring: 'prod' }, group: 'edge' })).toBe('ring=prod · group edge');
    expect(describeSelector({ hostIds: ['a'] })).toBe('1 host');
    expect(describeSelector({ hostIds: ['a', 'b'] })).toBe('2 hosts');
  });

  it('sums the batch plan up in one line and in table cells', () => {
    expect(describePlan(strategy)).toBe('1 canary · batches of 10% · pause at 1 failure');
    expect(describePlan({ ...strategy, canaryCount: 0, batchSize: { count: 4 }, maxFailures: 0, successThreshold: 0.9, soakSeconds: 600, requireApproval: true })).toBe(
      'no canary · batches of 4 · no failure pause · 90% must succeed · soak 10 m 0 s · approval per batch',
    );
    expect(describePlan({ ...strategy, canaryCount: 3, maxFailures: 2 })).toBe('3 canaries · batches of 10% · pause at 2 failures');
    expect(planCells(strategy)).toEqual({ canary: '1', batch: '10%', pauseAt: '1 failed', soak: '—' });
    expect(planCells({ ...strategy, canaryCount: 0, batchSize: { count: 4 }, maxFailures: 0, soakSeconds: 90 })).toEqual({ canary: '0', batch: '4', pauseAt: 'never', soak: '1 m 30 s' });
    expect([describeStart(true), describeStart(false)]).toEqual(['at once', 'manual']);
  });

});
