import { describe, expect, it } from 'vitest';
import { KeptReads } from './kept-reads';

describe('KeptReads', () => {
  it('reads a key once until forget(), then again', async () => {
    const kept = new KeptReads<number>(10);
    const reads: string[] = [];
    const read = (key: string, value: number) => kept.get(key, async () => (reads.push(key), value));
    expect(await read('a', 1)).toBe(1);
    expect(await read('a', 2)).toBe(1);
    expect(await read('b', 3)).toBe(3);
    kept.forget();
    expect(await read('a', 4)).toBe(4);
    expect(reads).toEqual(['a', 'b', 'a']);
  });

  it('does not keep a value read across a forget()', async () => {
    const kept = new KeptReads<number>(10);
    let release!: (n: number) => void;
    const pending = kept.get('a', () => new Promise<number>((r) => (release = r)));
    kept.forget(); // a change committed while the read ran
    release(3);
    expect(await pending).toBe(3);
    expect(await kept.get('a', async () => 4)).toBe(4);
  });

  it('reads nothing found again', async () => {
    const kept = new KeptReads<number>(10);
    expect(await kept.get('a', async () => null)).toBeNull();
    expect(await kept.get('a', async () => undefined)).toBeUndefined();
    expect(await kept.get('a', async () => 5)).toBe(5);
  });

  it('neither keeps nor serves values while changes cannot be heard', async () => {
    let listening = true;
    const kept = new KeptReads<number>(10, () => listening);
    await kept.get('a', async () => 1);
    listening = false;
    expect(await kept.get('a', async () => 2)).toBe(2);
    expect(await kept.get('b', async () => 3)).toBe(3);
    listening = true;
    expect(await kept.get('b', async () => 4)).toBe(4);
  });

  it('starts over when full', async () => {
    const kept = new KeptReads<number>(2);
    await kept.get('a', async () => 1);
    await kept.get('b', async () => 2);
    await kept.get('c', async () => 3); // full: a and b dropped, c kept
    expect(await kept.get('a', async () => 10)).toBe(10);
    expect(await kept.get('c', async () => 30)).toBe(3);
  });
});
