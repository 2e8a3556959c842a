import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { digestOf } from './digest';
import { OciError } from './errors';

export interface PullOptions {
  /** Platform to take from an index (x86_64/amd64, aarch64/arm64); default amd64. */
  architecture?: string;
  /** Name written as org.opencontainers.image.ref.name in index.json; default the reference. */
  refName?: string;
  /** Bytes written so far and in total (manifest, config and layers). */
  onProgress?: (done: number, total: number) => void;
}

export interface LayoutImage {
  manifestMediaType: string;
  manifestBytes: Buffer;
  platform: { architecture: string; os: string } | null;
  /** The config and the layers, as the manifest lists them. */
  blobs: { digest: string; size: number }[];
  refName: string;
  /** A stream that fails rather than ends when the content does not match digest and size. */
  openBlob: (digest: string, size: number) => Promise<Readable>;
}

const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

function blobPath(root: string, digest: string): string {
  const [algorithm, hex] = digest.split(':') as [string, string];
  return join(root, 'blobs', algorithm, hex);
}

/** The layout's index.json: one descriptor for the platform manifest, named by the ref annotation. */
export function layoutIndex(source: Pick<LayoutImage, 'manifestMediaType' | 'manifestBytes' | 'platform' | 'refName'>): object {
  return {
    schemaVersion: 2,
    manifests: [
      {
        mediaType: source.manifestMediaType,
        digest: digestOf(source.manifestBytes),
        size: source.manifestBytes.length,
        annotations: { [REF_NAME_ANNOTATION]: source.refName },
        ...(source.platform ? { platform: source.platform } : {}),
      },
    ],
  };
}

async function assertEmptyOrAbsent(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) throw new OciError('REGISTRY_PROTOCOL', `${dir} is not empty; refusing to write an OCI layout over it`);
}

/** Writes the layout into a sibling temp dir and renames it into place only once every blob verified. */
export async function pullToOciLayout(source: LayoutImage, dir: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  await assertEmptyOrAbsent(dir);
  const staging = join(dirname(dir), `.${basename(dir)}.partial-${randomBytes(6).toString('hex')}`);
  // Images may list one layer twice; it is stored (and counted) once.
  const blobs = [...new Map(source.blobs.map((b) => [b.digest, b])).values()];
  const total = source.manifestBytes.length + blobs.reduce((sum, b) => sum + b.size, 0);
  let done = 0;
  const advance = (bytes: number): void => {
    done += bytes;
    onProgress?.(done, total);
  };
  try {
    await mkdir(join(staging, 'blobs', 'sha256'), { recursive: true });
    await writeFile(join(staging, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    await writeFile(blobPath(staging, digestOf(source.manifestBytes)), source.manifestBytes);
    advance(source.manifestBytes.length);
    for (const blob of blobs) {
      await mkdir(dirname(blobPath(staging, blob.digest)), { recursive: true });
      const stream = await source.openBlob(blob.digest, blob.size);
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          advance(chunk.length);
          callback(null, chunk);
        },
      });
      await pipeline(stream, counter, createWriteStream(blobPath(staging, blob.digest)));
    }
    await writeFile(join(staging, 'index.json'), JSON.stringify(layoutIndex(source)));
    await rmdir(dir).catch(() => undefined);
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
