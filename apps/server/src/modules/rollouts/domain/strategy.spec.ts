import { describe, expect, it } from 'vitest';
import { assignBatches, strategySchema } from './strategy';

describe('assignBatches', () => {
  it('puts the canaries first, then fixed-size batches', () => {
    expect(assignBatches(7, { canaryCount: 2, batchSize: { count: 2 } })).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });

  it('takes a percent of the whole target set, rounded up', () => {
    const batches = assignBatches(1000, { canaryCount: 0, batchSize: { percent: 10 } });
    expect(new Set(batches).size).toBe(10);
    expect(batches.filter((b) => b === 9)).toHaveLength(100);
    expect(assignBatches(3, { canaryCount: 0, batchSize: { percent: 10 } })).toEqual([0, 1, 2]);
  });

  it('caps the canaries at the number of targets', () => {
    expect(assignBatches(2, { canaryCount: 5, batchSize: { count: 1 } })).toEqual([0, 0]);
  });
});

describe('strategySchema', () => {
  it('fills defaults and refuses unknown keys and impossible values', () => {
    expect(strategySchema.parse({})).toMatchObject({ canaryCount: 1, maxParallelReboots: 5, successThreshold: 1 });
    expect(strategySchema.safeParse({ maxParallelReboots: 0 }).success).toBe(false);
    expect(strategySchema.safeParse({ batchSize: { percent: 150 } }).success).toBe(false);
    expect(strategySchema.safeParse({ surprise: true }).success).toBe(false);
  });
});
