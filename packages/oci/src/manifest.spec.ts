import { describe, expect, it } from 'vitest';
import { parseImageConfig, parseManifest } from './manifest';
import { MediaType } from './media-types';

const d = (c: string, mediaType: string, size = 10) => ({ mediaType, digest: `sha256:${c.repeat(64)}`, size });

describe('parseManifest', () => {
  it('reads an OCI image manifest', () => {
    const body = { schemaVersion: 2, mediaType: MediaType.ociManifest, config: d('c', MediaType.ociConfig), layers: [d('l', 'application/vnd.oci.image.layer.v1.tar+gzip')] };
    expect(parseManifest(Buffer.from(JSON.stringify(body)), undefined)).toEqual({ kind: 'image', mediaType: MediaType.ociManifest, config: body.config, layers: body.layers });
  });

  it('takes the media type from Content-Type when the body omits it (allowed by OCI)', () => {
    const body = { schemaVersion: 2, config: d('c', MediaType.dockerConfig), layers: [] };
    expect(parseManifest(Buffer.from(JSON.stringify(body)), `${MediaType.dockerManifest}; charset=utf-8`).mediaType).toBe(MediaType.dockerManifest);
  });

  it('reads a Docker manifest list as an index', () => {
    const body = { schemaVersion: 2, mediaType: MediaType.dockerManifestList, manifests: [{ ...d('a', MediaType.dockerManifest), platform: { architecture: 'amd64', os: 'linux' } }] };
    const parsed = parseManifest(Buffer.from(JSON.stringify(body)), undefined);
    expect(parsed.kind).toBe('index');
  });

  it.each([
    ['not JSON', 'nope', undefined],
    ['schema 1', JSON.stringify({ schemaVersion: 1, fsLayers: [] }), 'application/vnd.docker.distribution.manifest.v1+prettyjws'],
    ['an image manifest without config', JSON.stringify({ mediaType: MediaType.ociManifest, layers: [] }), undefined],
    ['an index with a broken entry', JSON.stringify({ mediaType: MediaType.ociIndex, manifests: [{ digest: 1 }] }), undefined],
  ])('rejects %s with REGISTRY_PROTOCOL', (_name, body, contentType) => {
    expect(() => parseManifest(Buffer.from(body), contentType)).toThrow(expect.objectContaining({ code: 'REGISTRY_PROTOCOL' }));
  });
});

describe('parseImageConfig', () => {
  it('reads architecture, os, created and string labels', () => {
    const config = { architecture: 'arm64', os: 'linux', created: '2026-01-02T03:04:05Z', config: { Labels: { 'org.opencontainers.image.version': '41.1', odd: 7 } } };
    expect(parseImageConfig(Buffer.from(JSON.stringify(config)))).toEqual({
      architecture: 'arm64', os: 'linux', created: '2026-01-02T03:04:05Z', labels: { 'org.opencontainers.image.version': '41.1' },
    });
  });

  it('tolerates a config without labels or created', () => {
    expect(parseImageConfig(Buffer.from('{"architecture":"amd64","os":"linux","config":{}}'))).toEqual({ architecture: 'amd64', os: 'linux', created: null, labels: {} });
  });
});
