// A host's ISO is the template with only the /ks.cfg slot replaced and the implantisomd5
// application area recomputed. The checksum resumes from the state recorded at the slot, so a
// host costs hashing the slot plus the template tail (the slot is written last; what follows it
// is the volume's padding and, in the GRUB layout, the appended EFI partition), held in memory
// per loaded template. It is computed before the first byte is sent because the primary volume
// descriptor that carries it comes first in the stream.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { basename, dirname, join } from 'node:path';
import { IsoError } from '../errors';
import { APP_DATA_OFFSET, APP_DATA_SIZE, formatAppData, IsoMd5Accumulator } from '../isomd5';
import { padKickstart, readTemplateMetadata, unpadKickstart, type TemplateMetadata } from '../template';

export interface LoadedTemplate {
  path: string;
  metadata: TemplateMetadata;
  /** Template bytes from the end of the slot to the end of the checksummed area. */
  tail: Buffer;
}

async function readRange(path: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    if (bytesRead !== length) throw new IsoError('INVALID_TEMPLATE', `${path} is shorter than its metadata says`, { path });
    return buffer;
  } finally {
    await handle.close();
  }
}

/** Reads the metadata and checks it still describes this file before any host relies on it. */
export async function loadTemplate(path: string): Promise<LoadedTemplate> {
  const metadata = await readTemplateMetadata(path);
  const handle = await open(path, 'r').catch((error: Error) => {
    throw new IsoError('INVALID_TEMPLATE', `cannot open template ${path}: ${error.message}`, { path });
  });
  const size = (await handle.stat()).size;
  await handle.close();
  if (size !== metadata.templateBytes) throw new IsoError('INVALID_TEMPLATE', `${path} has ${size} bytes, its metadata says ${metadata.templateBytes}`, { path });
  const { slot, checksum } = metadata;
  if (unpadKickstart(await readRange(path, slot.offset, slot.bytes)) === undefined) {
    throw new IsoError('INVALID_TEMPLATE', `${path} has no kickstart slot at byte ${slot.offset}`, { path });
  }
  const slotEnd = slot.offset + slot.bytes;
  return { path, metadata, tail: await readRange(path, slotEnd, checksum.hashedBytes - slotEnd) };
}

/** The 512-byte application area for a template whose slot holds `slotBytes`. */
export function hostAppData(template: LoadedTemplate, slotBytes: Buffer): Buffer {
  const { checksum } = template.metadata;
  const accumulator = new IsoMd5Accumulator(checksum.hashedBytes, checksum.atSlot);
  accumulator.update(slotBytes).update(template.tail);
  return formatAppData(accumulator.result());
}

export interface HostIso {
  /** Always the template's size: Content-Length is known before streaming. */
  bytes: number;
  stream: Readable;
}

function templateRange(path: string, start: number, end: number): AsyncIterable<Buffer> {
  return createReadStream(path, { start, end: end - 1, highWaterMark: 1024 * 1024 });
}

export function hostIsoStream(template: LoadedTemplate, kickstart: string): HostIso {
  const { slot, templateBytes } = template.metadata;
  const slotBytes = padKickstart(kickstart, slot.bytes);
  const appData = hostAppData(template, slotBytes);
  async function* pieces(): AsyncGenerator<Buffer> {
    yield* templateRange(template.path, 0, APP_DATA_OFFSET);
    yield appData;
    yield* templateRange(template.path, APP_DATA_OFFSET + APP_DATA_SIZE, slot.offset);
    yield slotBytes;
    yield* templateRange(template.path, slot.offset + slot.bytes, templateBytes);
  }
  return { bytes: templateBytes, stream: Readable.from(pieces(), { objectMode: false }) };
}

/** Writes a host's ISO to `outPath` atomically (a partial file never stays behind). */
export async function writeHostIso(template: LoadedTemplate, kickstart: string, outPath: string): Promise<void> {
  const { stream } = hostIsoStream(template, kickstart);
  const partial = join(dirname(outPath), `.${basename(outPath)}.partial-${process.pid}`);
  try {
    await pipeline(stream, createWriteStream(partial));
    await rename(partial, outPath);
  } finally {
    await rm(partial, { force: true });
  }
}
