import { describe, expect, it } from 'vitest';
import { etagMatches, ifRangeAllows, parseRange } from './http-range';

describe('parseRange', () => {
  const size = 1000;
  it.each([
    [undefined, { kind: 'whole' }],
    ['bytes=0-99', { kind: 'partial', range: { start: 0, end: 100 } }],
    ['bytes=900-', { kind: 'partial', range: { start: 900, end: 1000 } }],
    ['bytes=990-5000', { kind: 'partial', range: { start: 990, end: 1000 } }],
    ['bytes=-100', { kind: 'partial', range: { start: 900, end: 1000 } }],
    ['bytes=-5000', { kind: 'partial', range: { start: 0, end: 1000 } }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=50-10', { kind: 'whole' }],
    ['bytes=0-1,5-9', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }],
  ])('%s', (header, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('validators', () => {
  const etag = '"abc-def"';
  it('If-None-Match matches the tag, a list containing it, its weak form and *', () => {
    expect(etagMatches('"abc-def"', etag)).toBe(true);
    expect(etagMatches('"x", "abc-def"', etag)).toBe(true);
    expect(etagMatches('W/"abc-def"', etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"abc"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });

  it('If-Range allows the range only for the same strong tag', () => {
    expect(ifRangeAllows(undefined, etag)).toBe(true);
    expect(ifRangeAllows('"abc-def"', etag)).toBe(true);
    expect(ifRangeAllows('"other"', etag)).toBe(false);
    expect(ifRangeAllows('Wed, 21 Oct 2015 07:28:00 GMT', etag)).toBe(false);
  });
});
