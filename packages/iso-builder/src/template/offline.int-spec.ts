import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { IsoError } from '../errors';
import { runTool } from '../exec/run-tool';
import { FLEET_KEY, minimalRecord } from '../kickstart/golden-cases.fixture';
import { checkIsoMd5, extractIsoFile, syntheticBaseIso } from '../testing';
import { buildImageTemplate, readTemplateMetadata, unpadKickstart } from '.';

async function unusedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('templates for a registry image', () => {
  let registry: TestRegistry;
  let digest: string;
  let dir: string;
  let base: string;

  beforeAll(async () => {
    [registry, dir, base] = await Promise.all([startRegistry(), mkdtemp(join(tmpdir(), 'bootfleet-offline-')), syntheticBaseIso({ layout: 'grub-appended' })]);
    digest = (await pushTestImage(registry, { repository: 'fleet/os', tag: 'v1', version: '1.0' })).digest;
  });
  afterAll(async () => {
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('offline: pulls the image into /container as an OCI layout whose blobs match their digests', async () => {
    const built = await buildImageTemplate({ basePath: base, outPath: join(dir, 'offline.iso'), image: `${registry.host}/fleet/os:v1`, offline: true });
    expect(built.metadata.imageRef).toBe(`${registry.host}/fleet/os@${digest}`);
    expect(built.metadata.offline).toBe(true);
    const tree = join(dir, 'container');
    await runTool('osirrox', ['-indev', built.templatePath, '-extract', '/container', tree]);
    const index = JSON.parse(await readFile(join(tree, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    expect(index.manifests.map((manifest) => manifest.digest)).toEqual([digest]);
    const blobs = await readdir(join(tree, 'blobs/sha256'));
    expect(blobs.length).toBeGreaterThanOrEqual(3);
    for (const blob of blobs) expect(createHash('sha256').update(await readFile(join(tree, 'blobs/sha256', blob))).digest('hex')).toBe(blob);
    expect(await checkIsoMd5(built.templatePath)).toBe(true);
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('CLI: template (online) then a host ISO from HOST.json pinned to the image digest', async () => {
    const io = { out: () => undefined, err: (line: string) => console.error(line) };
    const template = join(dir, 'online.iso');
    expect(await runCli(['template', '--base', base, '--image', `${registry.host}/fleet/os:v1`, '--kernel-arg', 'inst.text', '--out', template], io)).toBe(0);
    expect((await readTemplateMetadata(template)).imageRef).toBe(`${registry.host}/fleet/os@${digest}`);
    await writeFile(join(dir, 'host.json'), JSON.stringify({ ...minimalRecord, hostname: 'cli-host.example.com' }));
    await writeFile(join(dir, 'fleet.pub'), `${FLEET_KEY}\n`);
    const hostIso = join(dir, 'host.iso');
    expect(await runCli(['host', '--template', template, '--host', join(dir, 'host.json'), '--fleet-key', join(dir, 'fleet.pub'), '--out', hostIso], io)).toBe(0);
    const kickstart = unpadKickstart(await extractIsoFile(hostIso, '/ks.cfg'));
    expect(kickstart).toContain('--hostname=cli-host.example.com');
    expect(kickstart).toContain(`ostreecontainer --url=${registry.host}/fleet/os@${digest} --transport=registry`);
    expect(await checkIsoMd5(hostIso)).toBe(true);
  });

  it('a missing image is IMAGE_NOT_FOUND and an unreachable registry REGISTRY_UNREACHABLE, leaving no files', async () => {
    const out = await mkdtemp(join(dir, 'failures-'));
    const attempt = (image: string, offline: boolean) =>
      buildImageTemplate({ basePath: base, outPath: join(out, 't.iso'), image, offline }).then(
        () => 'built',
        (error: unknown) => (error instanceof IsoError ? error.code : String(error)),
      );
    expect(await attempt(`${registry.host}/fleet/os:no-such-tag`, true)).toBe('IMAGE_NOT_FOUND');
    expect(await attempt(`${registry.host}/fleet/missing:v1`, false)).toBe('IMAGE_NOT_FOUND');
    expect(await attempt(`127.0.0.1:${await unusedLoopbackPort()}/fleet/os:v1`, true)).toBe('REGISTRY_UNREACHABLE');
    const notIso = join(out, '..', 'not-an-iso.bin');
    await writeFile(notIso, 'not an iso');
    const badBase = await buildImageTemplate({ basePath: notIso, outPath: join(out, 't.iso'), image: `127.0.0.1:${await unusedLoopbackPort()}/fleet/os:v1`, offline: true }).catch((error: unknown) => error);
    expect((badBase as IsoError).code).toBe('NOT_AN_ISO');
    expect(await readdir(out)).toEqual([]);
  });
});
