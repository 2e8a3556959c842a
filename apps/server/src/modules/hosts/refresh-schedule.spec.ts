import { describe, expect, it } from 'vitest';
import { nextRefreshAt, reachabilityAfterFailure, UNREACHABLE_AFTER_FAILURES } from './refresh-schedule';

describe('nextRefreshAt', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('spreads refreshes by at most 10% of the interval either way', () => {
    expect(nextRefreshAt(now, 300, () => 0).getTime() - now.getTime()).toBe(270_000);
    expect(nextRefreshAt(now, 300, () => 0.5).getTime() - now.getTime()).toBe(300_000);
    expect(nextRefreshAt(now, 300, () => 0.999999).getTime() - now.getTime()).toBe(330_000);
  });
});

describe('reachabilityAfterFailure', () => {
  it('turns unreachable only after repeated failures and stays so', () => {
    expect(reachabilityAfterFailure('online', 1)).toBe('online');
    expect(reachabilityAfterFailure('online', UNREACHABLE_AFTER_FAILURES - 1)).toBe('online');
    expect(reachabilityAfterFailure('online', UNREACHABLE_AFTER_FAILURES)).toBe('unreachable');
    expect(reachabilityAfterFailure('unreachable', 1)).toBe('unreachable');
  });
});
