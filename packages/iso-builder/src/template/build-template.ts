// Remaster a base installer ISO once into a template: every boot configuration (also inside the
// EFI FAT image) gets inst.ks + the extra arguments, /ks.cfg becomes a fixed-size slot written
// last in the image, implantisomd5 is applied, and the checksum state a per-host ISO needs is
// recorded beside it. xorriso + mtools only: no root, no loop mounts.
import { open, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { bootConfigKindOf, kickstartArgument, rewriteBootConfig, validateKernelArgs } from '../boot-config';
import { IsoError } from '../errors';
import { runTool } from '../exec/run-tool';
import { extractEfiImage, extractIsoFiles, fatBootConfigsIn, inspectIso, isoFileExtent, ISO_BOOT_CONFIGS, listFatFiles, readFatFile, readIsoGeometry, writeFatFile, type IsoInspection } from '../inspect';
import { APP_DATA_OFFSET, APP_DATA_SIZE, formatAppData, hashedBytesFor, scanIsoChecksum } from '../isomd5';
import { DEFAULT_SLOT_BYTES, padKickstart } from './kickstart-slot';
import { metadataPathFor, type TemplateMetadata } from './template-metadata';

export const SLOT_PATH = '/ks.cfg';
export const OFFLINE_IMAGE_PATH = '/container';
const PLACEHOLDER_KICKSTART = '# bootfleet install template: each host\'s ISO replaces this slot with its kickstart.\n';

export interface TemplateOptions {
  basePath: string;
  outPath: string;
  /** Digest-pinned image reference the kickstarts will install (recorded in the metadata). */
  imageRef: string;
  /** OCI layout directory of the image, put on the ISO at /container (offline installs). */
  offlineLayoutDir?: string;
  kernelArgs?: readonly string[];
  slotBytes?: number;
}

export interface BuiltTemplate {
  templatePath: string;
  metadataPath: string;
  metadata: TemplateMetadata;
  base: IsoInspection;
}

async function rewriteIsoConfigs(base: IsoInspection, args: readonly string[], scratch: string): Promise<string[]> {
  const present = ISO_BOOT_CONFIGS.filter((config) => base.files.includes(config));
  const contents = await extractIsoFiles(base.path, present, scratch);
  const updates: string[] = [];
  for (const [index, [isoPath, text]] of [...contents].entries()) {
    const local = join(scratch, `config-${index}`);
    await writeFile(local, rewriteBootConfig(text, bootConfigKindOf(isoPath), args));
    updates.push('-update', local, isoPath);
  }
  return updates;
}

async function rewriteEfiImage(base: IsoInspection, args: readonly string[], scratch: string): Promise<string[]> {
  const image = join(scratch, 'efiboot.img');
  await extractEfiImage(base.path, base.layout, image);
  const fatFiles = await listFatFiles(image);
  for (const config of fatBootConfigsIn(fatFiles)) {
    await writeFatFile(image, config, rewriteBootConfig(await readFatFile(image, config), 'grub', args), join(scratch, 'fat-config'));
  }
  return base.layout.kind === 'isolinux'
    ? ['-update', image, base.layout.efiImagePath]
    : ['-append_partition', String(base.layout.efiPartition.index), base.layout.efiPartition.type, image];
}

async function readAppData(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const area = Buffer.alloc(APP_DATA_SIZE);
    await handle.read(area, 0, APP_DATA_SIZE, APP_DATA_OFFSET);
    return area;
  } finally {
    await handle.close();
  }
}

async function recordChecksumState(path: string, slotOffset: number): Promise<TemplateMetadata['checksum']> {
  const { volumeBytes } = await readIsoGeometry(path);
  const hashedBytes = hashedBytesFor(volumeBytes);
  await runTool('implantisomd5', ['-f', path]);
  const scan = await scanIsoChecksum(path, hashedBytes, slotOffset);
  // The recorded state is only worth anything if it reproduces implantisomd5 exactly.
  if (!formatAppData(scan.result).equals(await readAppData(path))) {
    throw new IsoError('CHECKSUM_MISMATCH', 'the checksum computed for the template differs from implantisomd5\'s', { path });
  }
  return { volumeBytes, hashedBytes, atSlot: scan.checkpoint };
}

export async function buildTemplate(options: TemplateOptions): Promise<BuiltTemplate> {
  const slotBytes = options.slotBytes ?? DEFAULT_SLOT_BYTES;
  const extraArgs = validateKernelArgs(options.kernelArgs ?? []);
  const base = await inspectIso(options.basePath);
  const bootArgument = kickstartArgument(base.volumeLabel);
  const args = [bootArgument, ...extraArgs];
  const partial = join(dirname(options.outPath), `.${basename(options.outPath)}.partial-${process.pid}`);
  const partialMetadata = `${partial}.json`;
  const scratch = await mkdtemp(join(dirname(options.outPath), `.${basename(options.outPath)}.work-`));
  try {
    const slotFile = join(scratch, 'ks.cfg');
    await writeFile(slotFile, padKickstart(PLACEHOLDER_KICKSTART, slotBytes));
    const offline = options.offlineLayoutDir ? ['-map', options.offlineLayoutDir, OFFLINE_IMAGE_PATH] : [];
    await runTool('xorriso', [
      '-indev', base.path, '-outdev', partial,
      '-boot_image', 'any', 'replay', '-joliet', 'on',
      ...(await rewriteIsoConfigs(base, args, scratch)),
      ...(await rewriteEfiImage(base, args, scratch)),
      ...offline,
      '-map', slotFile, SLOT_PATH,
      // Negative weight: the slot's data is written after every other file, so a host's
      // checksum only re-hashes the slot and what follows it.
      '-find', SLOT_PATH, '-exec', 'sort_weight', '-1', '--',
    ]);
    const slot = await isoFileExtent(partial, SLOT_PATH);
    if (slot.bytes !== slotBytes) throw new IsoError('INVALID_TEMPLATE', `slot ${SLOT_PATH} has ${slot.bytes} bytes, expected ${slotBytes}`);
    const checksum = await recordChecksumState(partial, slot.offset);
    if (slot.offset + slotBytes > checksum.hashedBytes) throw new IsoError('INVALID_TEMPLATE', 'the kickstart slot lies outside the checksummed area');
    const metadata: TemplateMetadata = {
      format: 'bootfleet-iso-template/1',
      templateBytes: (await readIsoGeometry(partial)).fileBytes,
      volumeLabel: base.volumeLabel,
      layout: base.layout.kind,
      imageRef: options.imageRef,
      offline: options.offlineLayoutDir !== undefined,
      kernelArgs: extraArgs,
      bootArgument,
      slot: { offset: slot.offset, bytes: slotBytes },
      checksum,
      builtAt: new Date().toISOString(),
    };
    await writeFile(partialMetadata, JSON.stringify(metadata, null, 2) + '\n');
    await rename(partial, options.outPath);
    await rename(partialMetadata, metadataPathFor(options.outPath));
    return { templatePath: options.outPath, metadataPath: metadataPathFor(options.outPath), metadata, base };
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await rm(partial, { force: true });
    await rm(partialMetadata, { force: true });
  }
}
