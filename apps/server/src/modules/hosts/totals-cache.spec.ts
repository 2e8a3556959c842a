import { describe, expect, it } from 'vitest';
import { TotalsCache } from './totals-cache';

describe('TotalsCache', () => {
  const counter = (values: number[]) => {
    const calls: number[] = [];
    return {
      calls,
      count: async () => {
        const v = values[calls.length] ?? -1;
        calls.push(v);
        return v;
      },
    };
  };

  it('counts a filter once until invalidated, then again', async () => {
    const cache = new TotalsCache();
    const c = counter([5, 7]);
    expect(await cache.total('a', 0, c.count)).toBe(5);
    expect(await cache.total('a', 0, c.count)).toBe(5);
    expect(c.calls).toEqual([5]);
    cache.invalidate();
    expect(await cache.total('a', 0, c.count)).toBe(7);
    expect(c.calls).toEqual([5, 7]);
  });

  it('counts again once the change counter moves forward', async () => {
    const cache = new TotalsCache();
    await cache.total('a', 3, async () => 1);
    expect(await cache.total('a', 4, async () => 2)).toBe(2);
    expect(await cache.total('a', 4, async () => 99)).toBe(2);
  });

  it('does not keep a total counted against an older counter value', async () => {
    const cache = new TotalsCache();
    await cache.total('a', 5, async () => 1);
    expect(await cache.total('b', 4, async () => 2)).toBe(2); // a reader that read the counter before the last change
    expect(await cache.total('b', 5, async () => 3)).toBe(3);
    expect(await cache.total('a', 5, async () => 99)).toBe(1);
  });
});
