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
  /** Bytes the stream carries: the template's size, or the range's length. */
  bytes: number;
  stream: Readable;
}

/** Half-open byte range [start, end) of the ISO, for HTTP Range requests. */
export interface ByteRange {
  start: number;
  end: number;
}

/** The ISO as consecutive pieces: template bytes, or per-host bytes held in memory. */
type Piece = { at: number; length: number; data?: Buffer };

function hostPieces(template: LoadedTemplate, appData: Buffer, slotBytes: Buffer): Piece[] {
  const { slot, templateBytes } = template.metadata;
  const appDataEnd = APP_DATA_OFFSET + APP_DATA_SIZE;
  const slotEnd = slot.offset + slot.bytes;
  return [
    { at: 0, length: APP_DATA_OFFSET },
    { at: APP_DATA_OFFSET, length: APP_DATA_SIZE, data: appData },
    { at: appDataEnd, length: slot.offset - appDataEnd },
    { at: slot.offset, length: slot.bytes, data: slotBytes },
    { at: slotEnd, length: templateBytes - slotEnd },
  ];
}

export function hostIsoStream(template: LoadedTemplate, kickstart: string, range?: ByteRange): HostIso {
  const { slot, templateBytes } = template.metadata;
  const { start, end } = range ?? { start: 0, end: templateBytes };
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= templateBytes)) {
    throw new IsoError('INVALID_RANGE', `range [${start}, ${end}) is outside the ${templateBytes}-byte ISO`, { start, end, templateBytes });
  }
  const slotBytes = padKickstart(kickstart, slot.bytes);
  const pieces = hostPieces(template, hostAppData(template, slotBytes), slotBytes);
  async function* bytesInRange(): AsyncGenerator<Buffer> {
    for (const piece of pieces) {
      const from = Math.max(start, piece.at);
      const to = Math.min(end, piece.at + piece.length);
      if (from >= to) continue;
      if (piece.data) yield piece.data.subarray(from - piece.at, to - piece.at);
      else yield* createReadStream(template.path, { start: from, end: to - 1, highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>;
    }
  }
  return { bytes: end - start, stream: Readable.from(bytesInRange(), { objectMode: false }) };
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
