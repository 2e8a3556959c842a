import { isOciError } from '@bootfleet/oci';
import { describe, expect, it } from 'vitest';
import { checkTrackedReference, formatTrackedReference, trackedReferenceOf } from './image-reference';

describe('trackedReferenceOf', () => {
  it('splits a host spec image into registry host, repository and tag', () => {
    expect(trackedReferenceOf('127.0.0.1:5000/fleet/os:stable')).toEqual({ registryHost: '127.0.0.1:5000', repository: 'fleet/os', tag: 'stable' });
  });

  it('follows latest when no tag is given, and Docker Hub when no registry is named', () => {
    expect(trackedReferenceOf('quay.io/fedora/fedora-bootc')).toEqual({ registryHost: 'quay.io', repository: 'fedora/fedora-bootc', tag: 'latest' });
    expect(trackedReferenceOf('fedora:41')).toEqual({ registryHost: 'docker.io', repository: 'library/fedora', tag: '41' });
  });

  it('follows no tag when pinned by digest only, and keeps the tag when both are given', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(trackedReferenceOf(`quay.io/x/os@${digest}`)).toBeNull();
    expect(trackedReferenceOf(`quay.io/x/os:1@${digest}`)).toMatchObject({ tag: '1' });
  });

  it('gives null for malformed references instead of throwing', () => {
    expect(trackedReferenceOf('Quay.io/UPPER/case:1 ')).toBeNull();
    expect(trackedReferenceOf('')).toBeNull();
  });
});

describe('checkTrackedReference', () => {
  it('returns the normalised repository', () => {
    expect(checkTrackedReference('127.0.0.1:5000', 'fleet/os', 'stable')).toEqual({ ok: true, repository: 'fleet/os' });
    expect(checkTrackedReference('docker.io', 'fedora', 'latest')).toEqual({ ok: true, repository: 'library/fedora' });
  });

  it.each([
    ['Fleet/OS', 'stable', 'repository'],
    ['fleet//os', 'stable', 'repository'],
    ['fleet/os;rm', 'stable', 'repository'],
    ['fleet/os', 'bad tag', 'tag'],
    ['fleet/os', '-dash', 'tag'],
  ])('rejects %s:%s naming the %s with INVALID_REFERENCE', (repository, tag, field) => {
    const check = checkTrackedReference('127.0.0.1:5000', repository, tag);
    expect(check).toMatchObject({ ok: false, field });
    expect(!check.ok && isOciError(check.error, 'INVALID_REFERENCE')).toBe(true);
  });
});

describe('formatTrackedReference', () => {
  it('round-trips through trackedReferenceOf', () => {
    const ref = { registryHost: 'registry.example.com:8443', repository: 'a/b-c', tag: 'v1.2' };
    expect(trackedReferenceOf(formatTrackedReference(ref))).toEqual(ref);
  });
});
