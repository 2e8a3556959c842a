import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Md5 } from './md5';

function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe('Md5', () => {
  it.each([0, 1, 55, 56, 57, 63, 64, 65, 127, 128, 1000, 70_000])('matches node crypto for %i bytes', (length) => {
    const data = pseudoRandomBytes(length, length + 1);
    expect(new Md5().update(data).digest().toString('hex')).toBe(createHash('md5').update(data).digest('hex'));
  });

  it('resumes from a JSON-serialised state at any split, also on unaligned input', () => {
    const data = pseudoRandomBytes(5000, 7);
    const expected = createHash('md5').update(data).digest('hex');
    for (const split of [0, 1, 3, 63, 64, 100, 4097, 5000]) {
      // A subarray at an odd byte offset exercises the unaligned path.
      const first = new Md5().update(Buffer.from(data.subarray(0, split)).subarray(0));
      const resumed = new Md5(JSON.parse(JSON.stringify(first.state())));
      expect(resumed.update(data.subarray(split)).digest().toString('hex')).toBe(expected);
    }
  });

  it('digest() leaves the running hash usable', () => {
    const hash = new Md5().update(Buffer.from('abc'));
    expect(hash.digest().toString('hex')).toBe(createHash('md5').update('abc').digest('hex'));
    expect(hash.update(Buffer.from('def')).digest().toString('hex')).toBe(createHash('md5').update('abcdef').digest('hex'));
  });
});
