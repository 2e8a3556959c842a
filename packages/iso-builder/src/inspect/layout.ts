import { IsoError } from '../errors';
import type { AppendedPartition, ElToritoReport } from './xorriso-parsers';

/** Boot configurations an installer ISO may carry on its ISO 9660 tree. */
export const ISO_BOOT_CONFIGS = ['/isolinux/isolinux.cfg', '/EFI/BOOT/grub.cfg', '/EFI/BOOT/BOOT.conf', '/boot/grub2/grub.cfg'];
/** The same, inside the EFI FAT image (what a USB boot reads). */
export const FAT_BOOT_CONFIGS = ['/EFI/BOOT/grub.cfg', '/EFI/BOOT/BOOT.conf'];

/** FAT is case-insensitive: the boot configs present in an EFI image, spelled as stored. */
export function fatBootConfigsIn(fatFiles: readonly string[]): string[] {
  const wanted = new Set(FAT_BOOT_CONFIGS.map((path) => path.toUpperCase()));
  return fatFiles.filter((path) => wanted.has(path.toUpperCase()));
}

export type IsoLayout =
  | { kind: 'isolinux'; biosImage: string; efiImagePath: string }
  | { kind: 'grub-appended'; biosImage: string; efiPartition: AppendedPartition };

export type Architecture = 'x86_64' | 'aarch64' | 'unknown';

function describe(report: ElToritoReport, files: readonly string[]): string {
  const boot = report.entries.map((entry) => `${entry.platformId === '0xef' ? 'EFI' : 'BIOS'}(${entry.loader}) ${entry.path}`);
  const configs = ISO_BOOT_CONFIGS.filter((path) => files.includes(path));
  return `El Torito: ${boot.length ? boot.join(', ') : 'none'}; appended partitions: ${report.appendedPartitions.length}; boot configs: ${configs.length ? configs.join(', ') : 'none'}`;
}

/**
 * RHEL 9 style (isolinux + images/efiboot.img as an ISO file) or RHEL 10 / Fedora style (GRUB
 * eltorito.img + the EFI FAT image appended as a partition); anything else is refused.
 */
export function classifyLayout(report: ElToritoReport, files: readonly string[]): IsoLayout {
  const bios = report.entries.find((entry) => entry.platformId === '0x00');
  const efi = report.entries.find((entry) => entry.platformId === '0xef');
  if (bios && efi) {
    if (bios.loader === 'isolinux' && files.includes('/isolinux/isolinux.cfg') && files.includes(efi.path)) {
      return { kind: 'isolinux', biosImage: bios.path, efiImagePath: efi.path };
    }
    const appended = /^--interval:appended_partition_(\d+)_/.exec(efi.path);
    const partition = report.appendedPartitions.find((candidate) => candidate.index === Number(appended?.[1]));
    if (bios.loader === 'grub' && partition && files.includes('/boot/grub2/grub.cfg')) {
      return { kind: 'grub-appended', biosImage: bios.path, efiPartition: partition };
    }
  }
  throw new IsoError('UNSUPPORTED_LAYOUT', `unsupported installer ISO layout (expected isolinux + images/efiboot.img, or GRUB + an appended EFI partition); found ${describe(report, files)}`, {
    entries: report.entries,
    appendedPartitions: report.appendedPartitions,
  });
}

export function architectureOf(files: readonly string[], layout: IsoLayout): Architecture {
  const upper = files.map((file) => file.toUpperCase());
  if (upper.includes('/EFI/BOOT/BOOTX64.EFI')) return 'x86_64';
  if (upper.includes('/EFI/BOOT/BOOTAA64.EFI')) return 'aarch64';
  return layout.kind === 'isolinux' ? 'x86_64' : 'unknown';
}
