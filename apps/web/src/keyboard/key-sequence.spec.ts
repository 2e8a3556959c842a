import { describe, expect, it } from 'vitest';
import { type Shortcut, SequenceMatcher } from './key-sequence';

const shortcut = (...keys: string[]): Shortcut => ({ keys, description: keys.join(' '), group: 'test', run: () => undefined });
const goFleet = shortcut('g', 'f');
const goRegistries = shortcut('g', 'g');
const help = shortcut('?');
const all = [goFleet, goRegistries, help];

describe('SequenceMatcher', () => {
  it('matches a two-key sequence and a single key', () => {
    const m = new SequenceMatcher(1000);
    expect(m.press('g', 0, all)).toBeUndefined();
    expect(m.press('f', 100, all)).toBe(goFleet);
    expect(m.press('?', 200, all)).toBe(help);
  });

  it('matches a sequence that repeats its first key', () => {
    const m = new SequenceMatcher(1000);
    expect(m.press('g', 0, all)).toBeUndefined();
    expect(m.press('g', 10, all)).toBe(goRegistries);
  });

  it('forgets a sequence whose next key comes too late', () => {
    const m = new SequenceMatcher(1000);
    m.press('g', 0, all);
    expect(m.press('f', 1001, all)).toBeUndefined();
  });

  it('lets an unrelated key restart the sequence', () => {
    const m = new SequenceMatcher(1000);
    m.press('g', 0, all);
    expect(m.press('x', 10, all)).toBeUndefined();
    expect(m.press('f', 20, all)).toBeUndefined();
    m.press('g', 30, all);
    expect(m.press('f', 40, all)).toBe(goFleet);
  });
});
