import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient, type OciError } from './index';
import { pushMultiArchTestImage, pushTestImage, startRegistry, startTagPagingProxy, type PushedImage, type PushedMultiArchImage, type TestRegistry } from './testing';
import { freeLoopbackPort } from './testing/free-port';
import { runCommand } from './testing/run-command';

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function blobDataPath(registry: TestRegistry, digest: string): string {
  const hex = digest.slice('sha256:'.length);
  return join(registry.storageDir, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
}

describe('RegistryClient against a real docker-registry (anonymous)', () => {
  const created = '2026-03-04T05:06:07Z';
  let registry: TestRegistry;
  let client: RegistryClient;
  let single: PushedImage;
  let multi: PushedMultiArchImage;
  let work: string;

  beforeAll(async () => {
    registry = await startRegistry();
    client = new RegistryClient(registry.endpoint);
    work = await mkdtemp(join(tmpdir(), 'oci-int-'));
    single = await pushTestImage(registry, { repository: 'fleet/os', tag: '41.1', version: '41.1', created });
    multi = await pushMultiArchTestImage(registry, { repository: 'fleet/multi', tag: 'stable', version: '42.0', created });
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('pings', async () => {
    await expect(client.ping()).resolves.toBeUndefined();
  });

  it('resolves a tag to the served digest and reads version, created and labels from the config', async () => {
    const image = await client.resolve('fleet/os', '41.1');
    expect(image).toMatchObject({
      repository: 'fleet/os', reference: '41.1', digest: single.digest, indexDigest: null, configDigest: single.configDigest,
      mediaType: 'application/vnd.oci.image.manifest.v1+json', architecture: 'amd64', os: 'linux', version: '41.1', created,
    });
    expect(image.labels).toMatchObject({ 'org.opencontainers.image.version': '41.1', 'containers.bootc': '1' });
    expect(image.layers).toHaveLength(1);
    expect(await client.resolve('fleet/os', single.digest)).toEqual({ ...image, reference: single.digest });
  });

  it('fetches the raw manifest whose bytes hash to the digest', async () => {
    const manifest = await client.fetchManifest('fleet/os', '41.1');
    expect(manifest.digest).toBe(single.digest);
    expect(`sha256:${createHash('sha256').update(manifest.bytes).digest('hex')}`).toBe(single.digest);
  });

  it('chooses the platform manifest from an index by architecture, in either spelling', async () => {
    const arm = await client.resolve('fleet/multi', 'stable', { architecture: 'aarch64' });
    expect(arm).toMatchObject({ digest: multi.platforms.arm64.digest, indexDigest: multi.digest, architecture: 'arm64', version: '42.0' });
    expect((await client.resolve('fleet/multi', 'stable', { architecture: 'arm64' })).digest).toBe(multi.platforms.arm64.digest);
    expect((await client.resolve('fleet/multi', 'stable', { architecture: 'x86_64' })).digest).toBe(multi.platforms.amd64.digest);
    expect((await client.resolve('fleet/multi', 'stable')).configDigest).toBe(multi.platforms.amd64.configDigest);
    await expect(client.resolve('fleet/multi', 'stable', { architecture: 's390x' })).rejects.toMatchObject({ code: 'NO_MATCHING_PLATFORM' });
    await expect(client.resolve('fleet/os', '41.1', { architecture: 'aarch64' })).rejects.toMatchObject({ code: 'NO_MATCHING_PLATFORM' });
  });

  it('reads Docker schema 2 manifests and manifest lists as well as OCI ones', async () => {
    const docker = await pushTestImage(registry, { repository: 'fleet/docker', tag: '1', version: 'd1', format: 'v2s2' });
    const image = await client.resolve('fleet/docker', '1');
    expect(image).toMatchObject({ digest: docker.digest, configDigest: docker.configDigest, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', version: 'd1' });
    expect(image.layers[0]?.mediaType).toBe('application/vnd.docker.image.rootfs.diff.tar.gzip');

    const list = await pushMultiArchTestImage(registry, { repository: 'fleet/docker', tag: 'list', version: 'd2', format: 'v2s2' });
    expect((await client.fetchManifest('fleet/docker', 'list')).mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    const arm = await client.resolve('fleet/docker', 'list', { architecture: 'aarch64' });
    expect(arm).toMatchObject({ digest: list.platforms.arm64.digest, indexDigest: list.digest, architecture: 'arm64', mediaType: 'application/vnd.docker.distribution.manifest.v2+json' });
  });

  it('reports unknown repositories and tags as REGISTRY_NOT_FOUND', async () => {
    await expect(client.listTags('fleet/nothing-here')).rejects.toMatchObject({ code: 'REGISTRY_NOT_FOUND', status: 404 });
    await expect(client.resolve('fleet/nothing-here', 'latest')).rejects.toMatchObject({ code: 'REGISTRY_NOT_FOUND' });
    await expect(client.resolve('fleet/os', 'no-such-tag')).rejects.toMatchObject({ code: 'REGISTRY_NOT_FOUND' });
    await expect(client.fetchBlob('fleet/os', `sha256:${'0'.repeat(64)}`)).rejects.toMatchObject({ code: 'REGISTRY_NOT_FOUND' });
  });

  it('streams a blob whose content matches its digest', async () => {
    const { layers } = await client.resolve('fleet/os', '41.1');
    const layer = layers[0]!;
    const bytes = await collect(await client.fetchBlob('fleet/os', layer.digest, { size: layer.size }));
    expect(bytes.length).toBe(layer.size);
    expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(layer.digest);
  });

  it('pulls into an OCI layout that skopeo inspects and umoci unpacks', async () => {
    const dir = join(work, 'pulled');
    const progress: [number, number][] = [];
    const image = await client.pullToOciLayout('fleet/os', '41.1', dir, { onProgress: (done, total) => progress.push([done, total]) });
    expect(image.digest).toBe(single.digest);
    expect(JSON.parse(await readFile(join(dir, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });
    const inspected = JSON.parse(await runCommand('skopeo', ['inspect', `oci:${dir}:41.1`])) as { Digest: string; Labels: Record<string, string> };
    expect(inspected.Digest).toBe(single.digest);
    expect(inspected.Labels['org.opencontainers.image.version']).toBe('41.1');
    await runCommand('umoci', ['unpack', '--image', `${dir}:41.1`, join(work, 'bundle')]);
    expect(await readFile(join(work, 'bundle/rootfs/usr/lib/os-release'), 'utf8')).toContain('VERSION_ID="41.1"');
    const last = progress[progress.length - 1]!;
    expect(last[0]).toBe(last[1]);
    await expect(client.pullToOciLayout('fleet/os', '41.1', dir)).rejects.toThrow(/not empty/);
  });

  it('pulls the requested platform of an index into a layout', async () => {
    const dir = join(work, 'pulled-arm');
    await client.pullToOciLayout('fleet/multi', 'stable', dir, { architecture: 'aarch64', refName: 'arm' });
    const inspected = JSON.parse(await runCommand('skopeo', ['inspect', `oci:${dir}:arm`])) as { Digest: string; Architecture: string };
    expect(inspected).toMatchObject({ Digest: multi.platforms.arm64.digest, Architecture: 'arm64' });
  });

  it('fails with DIGEST_MISMATCH on a corrupted blob and leaves no partial layout', async () => {
    const pushed = await pushTestImage(registry, { repository: 'fleet/corrupt', tag: '1', version: 'corrupt-1', extraFiles: { '/etc/unique': 'corrupt me' } });
    const { layers } = await client.resolve('fleet/corrupt', '1');
    const path = blobDataPath(registry, layers[0]!.digest);
    const original = await readFile(path);
    const flipped = Buffer.from(original);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1]! + 1) % 256;
    await writeFile(path, flipped);

    await expect(collect(await client.fetchBlob('fleet/corrupt', layers[0]!.digest))).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    const dir = join(work, 'corrupt-layout');
    await expect(client.pullToOciLayout('fleet/corrupt', pushed.digest, dir)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    expect(existsSync(dir)).toBe(false);
    expect((await readdir(work)).filter((name) => name.includes('corrupt-layout'))).toEqual([]);
  });

  it('follows Link pagination across pages of tags', async () => {
    const tags = ['a1', 'a2', 'b1', 'b2', 'c1', 'c2', 'd1'];
    await pushTestImage(registry, { repository: 'fleet/paged', tag: tags[0]!, version: 'p', extraTags: tags.slice(1) });
    const proxy = await startTagPagingProxy(registry.url);
    try {
      const paged = new RegistryClient({ url: proxy.url }, { tagPageSize: 3 });
      expect(await paged.listTags('fleet/paged')).toEqual(tags);
      expect(proxy.pageRequests).toEqual([
        '/v2/fleet/paged/tags/list?n=3',
        '/v2/fleet/paged/tags/list?n=3&last=b1',
        '/v2/fleet/paged/tags/list?n=3&last=c2',
      ]);
      expect([...(await client.listTags('fleet/paged'))].sort()).toEqual(tags);
    } finally {
      await proxy.stop();
    }
  });

  it('reports a closed port as REGISTRY_UNREACHABLE', async () => {
    const port = await freeLoopbackPort();
    const error = (await new RegistryClient({ url: `http://127.0.0.1:${port}` }).ping().catch((e: unknown) => e)) as OciError;
    expect(error.code).toBe('REGISTRY_UNREACHABLE');
  });

  it('gives up on a server that accepts but never answers, after timeoutMs', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const started = Date.now();
      const error = (await new RegistryClient({ url: `http://127.0.0.1:${port}` }, { timeoutMs: 300 }).ping().catch((e: unknown) => e)) as OciError;
      expect(error.code).toBe('REGISTRY_UNREACHABLE');
      expect(error.message).toContain('no activity for 300 ms');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
