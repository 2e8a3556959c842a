import { describe, expect, it } from 'vitest';
import { parseNextLink } from './link-header';

const BASE = 'https://registry.example:5000/v2/fleet/os/tags/list?n=2';

describe('parseNextLink', () => {
  it('resolves the relative next link Docker Distribution sends', () => {
    expect(parseNextLink('</v2/fleet/os/tags/list?last=b&n=2>; rel="next"', BASE)).toBe('https://registry.example:5000/v2/fleet/os/tags/list?last=b&n=2');
  });

  it('keeps absolute links and picks next among several relations', () => {
    expect(parseNextLink('<https://a.example/prev>; rel="prev", <https://a.example/v2/x/tags/list?last=z>; rel=next', BASE)).toBe('https://a.example/v2/x/tags/list?last=z');
  });

  it('returns null when there is no next page', () => {
    expect(parseNextLink(undefined, BASE)).toBeNull();
    expect(parseNextLink('', BASE)).toBeNull();
    expect(parseNextLink('</v2/x/tags/list?last=a>; rel="prev"', BASE)).toBeNull();
    expect(parseNextLink('not a link', BASE)).toBeNull();
  });
});
