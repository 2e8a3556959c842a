import { describe, expect, it } from 'vitest';
import { OciError } from './errors';
import { assertRepository, assertTagOrDigest, formatImageReference, parseImageReference } from './reference';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  it.each([
    ['quay.io/fedora/fedora-bootc:41', { registry: 'quay.io', repository: 'fedora/fedora-bootc', tag: '41', digest: null }],
    ['localhost:5000/fleet/os', { registry: 'localhost:5000', repository: 'fleet/os', tag: null, digest: null }],
    ['127.0.0.1:5000/fleet/os:1.2.3', { registry: '127.0.0.1:5000', repository: 'fleet/os', tag: '1.2.3', digest: null }],
    ['localhost/os:v1', { registry: 'localhost', repository: 'os', tag: 'v1', digest: null }],
    [`registry.example.com/a/b/c@${DIGEST}`, { registry: 'registry.example.com', repository: 'a/b/c', tag: null, digest: DIGEST }],
    [`ghcr.io/org/img:tag@${DIGEST}`, { registry: 'ghcr.io', repository: 'org/img', tag: 'tag', digest: DIGEST }],
    ['fedora', { registry: 'docker.io', repository: 'library/fedora', tag: null, digest: null }],
    ['team/app:latest', { registry: 'docker.io', repository: 'team/app', tag: 'latest', digest: null }],
    ['index.docker.io/busybox:1', { registry: 'docker.io', repository: 'library/busybox', tag: '1', digest: null }],
    ['Registry.Example.COM:443/a_b/c__d/e-f--g.h:T_ag-1.x', { registry: 'Registry.Example.COM:443', repository: 'a_b/c__d/e-f--g.h', tag: 'T_ag-1.x', digest: null }],
  ])('parses %s', (input, expected) => {
    expect(parseImageReference(input)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['quay.io/Fedora/os:1', 'lowercase'],
    ['UPPER', 'lowercase'],
    ['quay.io/os:1 2', 'whitespace'],
    ['quay.io/os :1', 'whitespace'],
    ['quay.io/os:1\t', 'whitespace'],
    ['quay.io/os:1\u0000', 'control'],
    ['quay.io/os:1;reboot', 'tag'],
    ['quay.io/os:$(reboot)', 'tag'],
    ['quay.io/$(reboot)/os', 'lowercase'],
    ['quay.io/os:1\nrm -rf /', 'whitespace'],
    ['quay.io/os\n:1', 'whitespace'],
    ['quay.io/os:`id`', 'tag'],
    ['quay.io//os', 'empty path component'],
    ['quay.io/os/', 'empty path component'],
    ['quay.io/../os', 'lowercase'],
    ['quay.io/os:', 'tag'],
    ['quay.io/os@sha256:abc', 'digest'],
    [`quay.io/os@md5:${'a'.repeat(32)}`, 'digest'],
    ['quay.io/os:-dash', 'tag'],
    [`quay.io/os:${'t'.repeat(129)}`, 'tag'],
    [`quay.io/${'a'.repeat(260)}`, 'longer than 255'],
    ['-bad.io:x/os', 'registry'],
    ['bad_host.io/os', 'registry'],
    ['host.io:99999999/os', 'registry'],
    ['os__-x', 'lowercase'],
  ])('rejects %j (problem mentions "%s")', (input, problem) => {
    let caught: unknown;
    try {
      parseImageReference(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OciError);
    expect((caught as OciError).code).toBe('INVALID_REFERENCE');
    expect((caught as OciError).message).toContain(problem);
    expect((caught as OciError).message).not.toContain('\n');
  });

  it('round-trips through formatImageReference', () => {
    for (const ref of ['quay.io/fedora/fedora-bootc:41', `127.0.0.1:5000/fleet/os:1@${DIGEST}`, `ghcr.io/a/b@${DIGEST}`, 'docker.io/library/fedora']) {
      expect(formatImageReference(parseImageReference(ref))).toBe(ref);
    }
  });
});

describe('request path guards', () => {
  it('accepts repositories and tags/digests that are safe in a URL path', () => {
    expect(() => assertRepository('fleet/os-image')).not.toThrow();
    expect(() => assertTagOrDigest('v1.2')).not.toThrow();
    expect(() => assertTagOrDigest(DIGEST)).not.toThrow();
  });

  it.each(['../v2', 'fleet/../x', 'a?b', 'a#b', 'A', '', 'a/'])('rejects repository %j', (repo) => {
    expect(() => assertRepository(repo)).toThrow(OciError);
  });

  it.each(['../x', 'a/b', 'a?n=1', '', 'sha256:zz'])('rejects reference %j', (ref) => {
    expect(() => assertTagOrDigest(ref)).toThrow(OciError);
  });
});
