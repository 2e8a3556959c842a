import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MediaType } from '../media-types';
import { runCommand } from './run-command';
import type { TestRegistry } from './start-registry';

export type TestArchitecture = 'amd64' | 'arm64';

export interface TestImageOptions {
  repository: string;
  tag: string;
  version: string;
  architecture?: TestArchitecture;
  /** RFC 3339; default now. */
  created?: string;
  /** Extra files for the layer, keyed by absolute path in the image. */
  extraFiles?: Record<string, string>;
  /** More tags pointing at the same manifest (e.g. to fill tag lists). */
  extraTags?: string[];
  /** Manifest format in the registry: OCI (default) or Docker schema 2 (skopeo converts). */
  format?: 'oci' | 'v2s2';
}

export interface PushedImage {
  /** The manifest digest the registry serves for the tag. */
  digest: string;
  configDigest: string;
}

export interface PushedMultiArchImage {
  /** Digest of the OCI index the registry serves for the tag. */
  digest: string;
  /** Per architecture: the platform manifest's digest and its config digest. */
  platforms: Record<TestArchitecture, PushedImage>;
}

const KERNEL_ARCH: Record<TestArchitecture, string> = { amd64: 'x86_64', arm64: 'aarch64' };

/** os-release like a bootc image's, plus a file whose content differs for every version/arch. */
function imageFiles(opts: TestImageOptions, architecture: TestArchitecture): Record<string, string> {
  return {
    '/usr/lib/os-release': `NAME="Bootfleet Test OS"\nID=bootfleet-test\nVERSION_ID="${opts.version}"\nIMAGE_VERSION="${opts.version}"\n`,
    '/usr/share/bootfleet/build': `${opts.repository}:${opts.tag} version ${opts.version} for ${KERNEL_ARCH[architecture]}\n`,
    ...opts.extraFiles,
  };
}

/** Builds one image under `layout:<tagInLayout>` with umoci: one layer, version label, arch, created. */
async function buildImage(workDir: string, layout: string, tagInLayout: string, opts: TestImageOptions, architecture: TestArchitecture): Promise<void> {
  const rootfs = join(workDir, `rootfs-${tagInLayout}`);
  for (const [path, content] of Object.entries(imageFiles(opts, architecture))) {
    const target = join(rootfs, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  const image = `${layout}:${tagInLayout}`;
  await runCommand('umoci', ['new', '--image', image]);
  await runCommand('umoci', ['insert', '--image', image, rootfs, '/']);
  await runCommand('umoci', [
    'config', '--image', image,
    '--architecture', architecture, '--os', 'linux',
    '--created', opts.created ?? new Date().toISOString(),
    '--config.label', `org.opencontainers.image.version=${opts.version}`,
    '--config.label', 'containers.bootc=1',
  ]);
}

function registryArgs(registry: TestRegistry, flag: '--creds' | '--dest-creds'): string[] {
  const creds = registry.username !== undefined ? [flag, `${registry.username}:${registry.password ?? ''}`] : [];
  return [flag === '--creds' ? '--tls-verify=false' : '--dest-tls-verify=false', ...creds];
}

interface PushTarget {
  repository: string;
  tag: string;
  format?: 'oci' | 'v2s2';
}

async function pushLayout(registry: TestRegistry, layout: string, tagInLayout: string, target: PushTarget, all: boolean): Promise<void> {
  const { repository, tag } = target;
  await runCommand('skopeo', [
    'copy', '--quiet', ...(all ? ['--all'] : []), '--format', target.format ?? 'oci', ...registryArgs(registry, '--dest-creds'),
    `oci:${layout}:${tagInLayout}`, `docker://${registry.host}/${repository}:${tag}`,
  ]);
}

/** Reads back what the registry serves for a reference: the raw manifest and its digest. */
async function servedManifest(registry: TestRegistry, repository: string, reference: string): Promise<{ digest: string; json: Record<string, unknown> }> {
  const ref = `docker://${registry.host}/${repository}${reference.includes(':') ? '@' : ':'}${reference}`;
  const args = registry.username !== undefined ? registryArgs(registry, '--creds') : ['--tls-verify=false'];
  const raw = await runCommand('skopeo', ['inspect', '--raw', ...args, ref]);
  const digest = (await runCommand('skopeo', ['inspect', '--format', '{{.Digest}}', ...args, ref])).trim();
  return { digest, json: JSON.parse(raw) as Record<string, unknown> };
}

function configDigestOf(manifest: Record<string, unknown>): string {
  return (manifest.config as { digest: string }).digest;
}

async function withWorkDir<T>(fn: (workDir: string, layout: string) => Promise<T>): Promise<T> {
  const workDir = await mkdtemp(join(tmpdir(), 'bootfleet-image-'));
  try {
    const layout = join(workDir, 'layout');
    await runCommand('umoci', ['init', '--layout', layout]);
    return await fn(workDir, layout);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Builds a tiny single-platform image with umoci and pushes it with skopeo. */
export function pushTestImage(registry: TestRegistry, opts: TestImageOptions): Promise<PushedImage> {
  return withWorkDir(async (workDir, layout) => {
    await buildImage(workDir, layout, 'image', opts, opts.architecture ?? 'amd64');
    for (const tag of [opts.tag, ...(opts.extraTags ?? [])]) await pushLayout(registry, layout, 'image', { ...opts, tag }, false);
    const served = await servedManifest(registry, opts.repository, opts.tag);
    return { digest: served.digest, configDigest: configDigestOf(served.json) };
  });
}

interface LayoutIndexEntry {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

/**
 * umoci builds one manifest per architecture; an OCI index over them is added to the layout by
 * hand (umoci cannot make one) and skopeo pushes it with --all.
 */
async function addIndexToLayout(layout: string, tagInLayout: string, platforms: TestArchitecture[]): Promise<void> {
  const indexPath = join(layout, 'index.json');
  const layoutIndex = JSON.parse(await readFile(indexPath, 'utf8')) as { manifests: LayoutIndexEntry[] };
  const manifests = platforms.map((architecture) => {
    const entry = layoutIndex.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === architecture);
    if (!entry) throw new Error(`layout has no image tagged ${architecture}`);
    return { mediaType: entry.mediaType, digest: entry.digest, size: entry.size, platform: { architecture, os: 'linux' } };
  });
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests }));
  const hex = createHash('sha256').update(bytes).digest('hex');
  await writeFile(join(layout, 'blobs', 'sha256', hex), bytes);
  layoutIndex.manifests.push({ mediaType: MediaType.ociIndex, digest: `sha256:${hex}`, size: bytes.length, annotations: { 'org.opencontainers.image.ref.name': tagInLayout } });
  await writeFile(indexPath, JSON.stringify(layoutIndex));
}

/** Pushes an OCI index of an amd64 and an arm64 image (same version) under one tag. */
export function pushMultiArchTestImage(registry: TestRegistry, opts: Omit<TestImageOptions, 'architecture' | 'extraTags'>): Promise<PushedMultiArchImage> {
  const architectures: TestArchitecture[] = ['amd64', 'arm64'];
  return withWorkDir(async (workDir, layout) => {
    for (const architecture of architectures) await buildImage(workDir, layout, architecture, opts, architecture);
    await addIndexToLayout(layout, 'index', architectures);
    await pushLayout(registry, layout, 'index', opts, true);
    const index = await servedManifest(registry, opts.repository, opts.tag);
    const entries = (index.json.manifests ?? []) as (LayoutIndexEntry & { platform: { architecture: TestArchitecture } })[];
    const platforms = {} as Record<TestArchitecture, PushedImage>;
    for (const entry of entries) {
      const platform = await servedManifest(registry, opts.repository, entry.digest);
      platforms[entry.platform.architecture] = { digest: platform.digest, configDigest: configDigestOf(platform.json) };
    }
    return { digest: index.digest, platforms };
  });
}
