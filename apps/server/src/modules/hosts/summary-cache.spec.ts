import { describe, expect, it } from 'vitest';
import { SummaryCache } from './summary-cache';

describe('SummaryCache', () => {
  it('gives a summary back only for the version it was written for', () => {
    const cache = new SummaryCache<string>();
    cache.set('a', '100', '{"v":1}');
    expect(cache.get('a', '100')).toBe('{"v":1}');
    expect(cache.get('a', '101')).toBeUndefined();
    expect(cache.get('b', '100')).toBeUndefined();
    cache.set('a', '101', '{"v":2}');
    expect(cache.get('a', '101')).toBe('{"v":2}');
    expect(cache.get('a', '100')).toBeUndefined();
  });

  it('makes room by dropping the summary kept longest, counting a rewrite as new', () => {
    const cache = new SummaryCache<string>(2);
    cache.set('a', '1', 'A');
    cache.set('b', '1', 'B');
    cache.set('a', '2', 'A2'); // a is now the newest
    cache.set('c', '1', 'C');
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '2')).toBe('A2');
    expect(cache.get('c', '1')).toBe('C');
  });
});
