import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootConfigKindOf, kernelLines } from '../boot-config';
import { IsoError } from '../errors';
import { listFatFiles, readFatFile } from './fat-image';
import { copyByteRange, extractIsoFileTo, extractIsoFiles, listIsoFiles, readElTorito, readIsoGeometry } from './iso-reader';
import { ISO_BOOT_CONFIGS, architectureOf, fatBootConfigsIn, classifyLayout, type Architecture, type IsoLayout } from './layout';

export interface BootConfigReport {
  /** ISO path, or `efi:` + path inside the EFI FAT image. */
  path: string;
  kernelLines: string[];
}

export interface IsoInspection {
  path: string;
  volumeLabel: string;
  layout: IsoLayout;
  architecture: Architecture;
  volumeBytes: number;
  fileBytes: number;
  files: string[];
  bootConfigs: BootConfigReport[];
}

export const FAT_PREFIX = 'efi:';

/** Puts the EFI FAT image of either layout at `destination`. */
export async function extractEfiImage(isoPath: string, layout: IsoLayout, destination: string): Promise<void> {
  if (layout.kind === 'isolinux') await extractIsoFileTo(isoPath, layout.efiImagePath, destination);
  else await copyByteRange(isoPath, layout.efiPartition.offset, layout.efiPartition.size, destination);
}

export async function inspectIso(path: string): Promise<IsoInspection> {
  const geometry = await readIsoGeometry(path);
  const [files, elTorito] = await Promise.all([listIsoFiles(path), readElTorito(path)]);
  const layout = classifyLayout(elTorito, files);
  const scratch = await mkdtemp(join(tmpdir(), 'bootfleet-inspect-'));
  try {
    const isoConfigs = await extractIsoFiles(path, ISO_BOOT_CONFIGS.filter((config) => files.includes(config)), scratch);
    const efiImage = join(scratch, 'efiboot.img');
    await extractEfiImage(path, layout, efiImage);
    const fatFiles = await listFatFiles(efiImage);
    const bootConfigs: BootConfigReport[] = [...isoConfigs].map(([config, text]) => ({ path: config, kernelLines: kernelLines(text, bootConfigKindOf(config)) }));
    for (const config of fatBootConfigsIn(fatFiles)) {
      bootConfigs.push({ path: FAT_PREFIX + config, kernelLines: kernelLines(await readFatFile(efiImage, config), 'grub') });
    }
    if (bootConfigs.every((config) => config.kernelLines.length === 0)) {
      throw new IsoError('UNSUPPORTED_LAYOUT', `no kernel lines found in ${bootConfigs.map((config) => config.path).join(', ') || 'any boot configuration'}`, { path });
    }
    return { path, volumeLabel: elTorito.volumeId ?? '', layout, architecture: architectureOf(files, layout), ...geometry, files, bootConfigs };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
