import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';

/** Larger uploads are cut off (413): installer DVDs are ~10 GiB, boot.iso ~1 GiB. */
export const MAX_BASE_ISO_BYTES = 16 * 1024 ** 3;

export function tooLarge(): DomainError {
  return new DomainError('too_large', 'ISO_TOO_LARGE', `an ISO may be at most ${MAX_BASE_ISO_BYTES} bytes`, { maxBytes: MAX_BASE_ISO_BYTES });
}

export interface StoredUpload {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Where ISO files live: `<dataDir>/isos/base/<id>.iso` and `<dataDir>/isos/templates/<id>.iso`.
 * File names come only from ids the server generated; nothing a user typed becomes a path here.
 */
@Injectable()
export class IsoStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = join(config.dataDir, 'isos');
  }

  basePath(id: string): string {
    return join(this.root, 'base', `${id}.iso`);
  }

  templatePath(id: string): string {
    return join(this.root, 'templates', `${id}.iso`);
  }

  /**
   * Streams an upload to a temporary file beside its destination, hashing while writing, and
   * leaves the temporary file for the caller to inspect; on any failure (client gone, too large,
   * disk full) the temporary file is removed before the error is rethrown.
   */
  async receive(id: string, body: Readable): Promise<StoredUpload> {
    await mkdir(join(this.root, 'base'), { recursive: true });
    const partial = this.partialPath(id);
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      await pipeline(
        body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            bytes += chunk.length;
            if (bytes > MAX_BASE_ISO_BYTES) throw tooLarge();
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(partial, { mode: 0o640 }),
      );
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    if (bytes === 0) {
      await rm(partial, { force: true });
      throw new DomainError('invalid', 'EMPTY_UPLOAD', 'the upload had no content: send the ISO as the request body');
    }
    return { path: partial, bytes, sha256: hash.digest('hex') };
  }

  partialPath(id: string): string {
    return `${this.basePath(id)}.partial`;
  }

  /** When the upload's partial file last grew; undefined when there is none. */
  async lastWrite(id: string): Promise<Date | undefined> {
    return (await stat(this.partialPath(id)).catch(() => undefined))?.mtime;
  }

  async commit(upload: StoredUpload, id: string): Promise<string> {
    const destination = this.basePath(id);
    await rename(upload.path, destination);
    return destination;
  }

  async ensureTemplateDir(): Promise<void> {
    await mkdir(join(this.root, 'templates'), { recursive: true });
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }
}

/**
 * A path an operator registers must name an existing regular file by an absolute, normalised path
 * (no `..`, no symlink as the last component): the server reads it, so it must be exactly what
 * the operator meant.
 */
export async function checkRegisteredPath(path: string): Promise<{ path: string; bytes: number }> {
  const refuse = (code: string, message: string) => new DomainError('invalid', code, message, { field: 'path' });
  if (!isAbsolute(path)) throw refuse('PATH_NOT_ABSOLUTE', 'the path must be absolute');
  if (normalize(path) !== path || path.split('/').includes('..')) throw refuse('PATH_NOT_NORMAL', 'the path must be normalised (no "..", "." or repeated "/")');
  const link = await lstat(path).catch(() => null);
  if (!link) throw refuse('PATH_NOT_FOUND', `${path} does not exist`);
  if (link.isSymbolicLink()) throw refuse('PATH_IS_SYMLINK', `${path} is a symbolic link: register the file it points at`);
  if (!link.isFile()) throw refuse('PATH_NOT_FILE', `${path} is not a regular file`);
  return { path, bytes: (await stat(path)).size };
}
