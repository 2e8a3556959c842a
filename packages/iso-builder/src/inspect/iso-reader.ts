// Reading an ISO without mounting it: xorriso reports, osirrox extraction, raw byte ranges.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { IsoError } from '../errors';
import { runTool } from '../exec/run-tool';
import { PVD_OFFSET, SECTOR_SIZE, volumeBytesFromPvd } from '../isomd5/iso-md5';
import { parseElToritoCmd, parseFindOutput, parseReportLba, type ElToritoReport } from './xorriso-parsers';

export interface IsoGeometry {
  /** Bytes covered by the ISO 9660 volume (PVD volume space size; includes appended partitions). */
  volumeBytes: number;
  fileBytes: number;
}

/** Refuses anything without an ISO 9660 primary volume descriptor at sector 16. */
export async function readIsoGeometry(path: string): Promise<IsoGeometry> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new IsoError('NOT_AN_ISO', `cannot read ${path}: ${(error as Error).message}`, { path });
  }
  try {
    const pvd = Buffer.alloc(SECTOR_SIZE);
    const { bytesRead } = await handle.read(pvd, 0, SECTOR_SIZE, PVD_OFFSET);
    const fileBytes = (await handle.stat()).size;
    if (bytesRead < SECTOR_SIZE) throw new IsoError('NOT_AN_ISO', `${path} is too small to be an ISO image (${fileBytes} bytes)`, { path });
    try {
      return { volumeBytes: volumeBytesFromPvd(pvd), fileBytes };
    } catch {
      throw new IsoError('NOT_AN_ISO', `${path} is not an ISO 9660 image (no primary volume descriptor at sector 16)`, { path });
    }
  } finally {
    await handle.close();
  }
}

export async function listIsoFiles(path: string): Promise<string[]> {
  return parseFindOutput((await runTool('xorriso', ['-indev', path, '-pkt_output', 'on', '-find', '/', '-type', 'f'])).stdout);
}

export async function readElTorito(path: string): Promise<ElToritoReport> {
  return parseElToritoCmd((await runTool('xorriso', ['-indev', path, '-report_el_torito', 'cmd'])).stdout);
}

export async function readElToritoPlain(path: string): Promise<string> {
  return (await runTool('xorriso', ['-indev', path, '-report_el_torito', 'plain'])).stdout;
}

/** Copies ISO files out (osirrox); returns their text keyed by ISO path. */
export async function extractIsoFiles(path: string, isoPaths: readonly string[], scratchDir: string): Promise<Map<string, string>> {
  const contents = new Map<string, string>();
  if (isoPaths.length === 0) return contents;
  const targets = isoPaths.map((isoPath, index) => ({ isoPath, local: `${scratchDir}/extract-${index}` }));
  await runTool('osirrox', ['-indev', path, ...targets.flatMap(({ isoPath, local }) => ['-extract', isoPath, local])]);
  for (const { isoPath, local } of targets) contents.set(isoPath, await readFile(local, 'utf8'));
  return contents;
}

export async function extractIsoFileTo(path: string, isoPath: string, local: string): Promise<void> {
  await runTool('osirrox', ['-indev', path, '-extract', isoPath, local]);
}

export async function copyByteRange(path: string, offset: number, size: number, destination: string): Promise<void> {
  await pipeline(createReadStream(path, { start: offset, end: offset + size - 1 }), createWriteStream(destination));
}

/** Byte offset and size of a file's data extent. */
export async function isoFileExtent(path: string, isoPath: string): Promise<{ offset: number; bytes: number }> {
  const { stdout } = await runTool('xorriso', ['-indev', path, '-find', isoPath, '-exec', 'report_lba', '--']);
  const extent = parseReportLba(stdout, isoPath);
  if (!extent) throw new IsoError('INVALID_TEMPLATE', `${isoPath} not found in ${path}`, { path, isoPath });
  return { offset: extent.lba * SECTOR_SIZE, bytes: extent.bytes };
}
