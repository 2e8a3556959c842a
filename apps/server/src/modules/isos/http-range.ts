/** A half-open byte interval [start, end), as the package's hostIsoStream takes it. */
export interface ByteInterval {
  start: number;
  end: number;
}

export type RangeRequest = { kind: 'whole' } | { kind: 'partial'; range: ByteInterval } | { kind: 'unsatisfiable' };

/**
 * RFC 9110 §14.2 for one resource of `size` bytes. Only a single range is served; several ranges
 * (multipart/byteranges) or a malformed header fall back to the whole body, which the RFC allows.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (!header) return { kind: 'whole' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' };
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size } };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size : Math.min(size, Number(last) + 1);
  if (end <= start) return { kind: 'whole' };
  return { kind: 'partial', range: { start, end } };
}

/** `If-None-Match`: true when one of the listed (or `*`) entity tags matches (weak comparison). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => strip(t) === strip(etag));
}

/** `If-Range` with an entity tag: the range applies only when the tag matches strongly. */
export function ifRangeAllows(header: string | undefined, etag: string): boolean {
  if (!header) return true;
  const value = header.trim();
  // A date validator cannot be checked against a generated stream: serve the whole body.
  if (!value.startsWith('"')) return false;
  return value === etag;
}
