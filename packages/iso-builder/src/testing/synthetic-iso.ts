// Synthetic base installer ISOs in the two layouts real ones use (see ../../README.md), built from
// Debian packages only: a real kernel, a busybox initrd, isolinux and GRUB.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { udevEscapeLabel } from '../boot-config';
import { runTool } from '../exec/run-tool';
import { buildBusyboxInitrd, INIT_SCRIPT } from './busybox-initrd';
import { cachedDebianKernel } from './debian-kernel';

export type SyntheticLayout = 'isolinux' | 'grub-appended';

export interface SyntheticIsoOptions {
  layout: SyntheticLayout;
  /** Volume label; RHEL 9 / Fedora style by default. */
  label?: string;
  /** Adds a file of this many bytes (sparse on disk) so benchmarks get a realistic size. */
  paddingBytes?: number;
}

export const DEFAULT_LABELS: Record<SyntheticLayout, string> = {
  isolinux: 'BOOTFLEET-9-x86_64',
  'grub-appended': 'Bootfleet-10.0-BaseOS-x86_64',
};

/** The workspace root: the nearest package.json up from here that declares workspaces. */
function workspaceRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in (JSON.parse(readFileSync(manifest, 'utf8')) as object)) return dir;
  }
  throw new Error(`no workspace root above ${from}`);
}

/** Downloaded packages and built base ISOs, kept between runs (gitignored). */
export const ISO_CACHE_DIR = join(workspaceRoot(__dirname), '.tmp/iso-cache');

const GRUB_EFI_MODULES = ['part_gpt', 'part_msdos', 'fat', 'iso9660', 'search', 'search_label', 'normal', 'linux', 'configfile', 'echo', 'test'];
const GRUB_BIOS_MODULES = ['biosdisk', ...GRUB_EFI_MODULES];

function grubConfig(label: string, kernelDir: string): string {
  const stage2 = `inst.stage2=hd:LABEL=${udevEscapeLabel(label)}`;
  return [
    'set default=0',
    'set timeout=1',
    `search --no-floppy --set=root -l '${label}'`,
    "menuentry 'Install' {",
    `\tlinux ${kernelDir}/vmlinuz ${stage2} console=ttyS0 quiet`,
    `\tinitrd ${kernelDir}/initrd.img`,
    '}',
    "menuentry 'Test this media & install' {",
    `\tlinux ${kernelDir}/vmlinuz ${stage2} rd.live.check console=ttyS0 quiet`,
    `\tinitrd ${kernelDir}/initrd.img`,
    '}',
    '',
  ].join('\n');
}

function isolinuxConfig(label: string): string {
  const stage2 = `inst.stage2=hd:LABEL=${udevEscapeLabel(label)}`;
  return [
    'default linux',
    'prompt 0',
    'timeout 1',
    'label linux',
    '  kernel vmlinuz',
    `  append initrd=initrd.img ${stage2} console=ttyS0 quiet`,
    'label check',
    '  kernel vmlinuz',
    `  append initrd=initrd.img ${stage2} rd.live.check console=ttyS0 quiet`,
    '',
  ].join('\n');
}

async function makeFatImage(path: string, files: Record<string, string>): Promise<void> {
  await runTool('mkfs.vfat', ['-C', '-n', 'ANACONDA', path, '8192']);
  await runTool('mmd', ['-i', path, '::/EFI', '::/EFI/BOOT']);
  for (const [target, source] of Object.entries(files)) await runTool('mcopy', ['-i', path, source, `::${target}`]);
}

async function stageIsolinuxTree(tree: string, work: string, label: string): Promise<string[]> {
  await mkdir(join(tree, 'isolinux'), { recursive: true });
  await mkdir(join(tree, 'images'), { recursive: true });
  await mkdir(join(tree, 'EFI/BOOT'), { recursive: true });
  await copyFile('/usr/lib/ISOLINUX/isolinux.bin', join(tree, 'isolinux/isolinux.bin'));
  await copyFile('/usr/lib/syslinux/modules/bios/ldlinux.c32', join(tree, 'isolinux/ldlinux.c32'));
  await writeFile(join(tree, 'isolinux/isolinux.cfg'), isolinuxConfig(label));
  const grubCfg = grubConfig(label, '/isolinux');
  await writeFile(join(tree, 'EFI/BOOT/grub.cfg'), grubCfg);
  await writeFile(join(tree, 'EFI/BOOT/BOOT.conf'), grubCfg);
  const bootx64 = join(work, 'BOOTX64.EFI');
  await runTool('grub-mkimage', ['-O', 'x86_64-efi', '-p', '/EFI/BOOT', '-o', bootx64, ...GRUB_EFI_MODULES]);
  await copyFile(bootx64, join(tree, 'EFI/BOOT/BOOTX64.EFI'));
  await makeFatImage(join(tree, 'images/efiboot.img'), {
    '/EFI/BOOT/BOOTX64.EFI': bootx64,
    '/EFI/BOOT/grub.cfg': join(tree, 'EFI/BOOT/grub.cfg'),
    '/EFI/BOOT/BOOT.conf': join(tree, 'EFI/BOOT/BOOT.conf'),
  });
  return [
    '-isohybrid-mbr', '/usr/lib/ISOLINUX/isohdpfx.bin',
    '-b', 'isolinux/isolinux.bin', '-c', 'isolinux/boot.cat', '-boot-load-size', '4', '-boot-info-table', '-no-emul-boot',
    '-eltorito-alt-boot', '-e', 'images/efiboot.img', '-no-emul-boot', '-isohybrid-gpt-basdat',
  ];
}

async function stageGrubAppendedTree(tree: string, work: string, label: string): Promise<string[]> {
  await mkdir(join(tree, 'images/pxeboot'), { recursive: true });
  await mkdir(join(tree, 'boot/grub2'), { recursive: true });
  await mkdir(join(tree, 'EFI/BOOT'), { recursive: true });
  await runTool('grub-mkimage', ['-O', 'i386-pc-eltorito', '-p', '/boot/grub2', '-o', join(tree, 'images/eltorito.img'), ...GRUB_BIOS_MODULES]);
  await writeFile(join(tree, 'boot/grub2/grub.cfg'), grubConfig(label, '/images/pxeboot'));
  const efiCfg = grubConfig(label, '/images/pxeboot');
  await writeFile(join(tree, 'EFI/BOOT/grub.cfg'), efiCfg);
  const bootx64 = join(work, 'BOOTX64.EFI');
  await runTool('grub-mkimage', ['-O', 'x86_64-efi', '-p', '/EFI/BOOT', '-o', bootx64, ...GRUB_EFI_MODULES]);
  await copyFile(bootx64, join(tree, 'EFI/BOOT/BOOTX64.EFI'));
  const esp = join(work, 'efiboot.img');
  await makeFatImage(esp, { '/EFI/BOOT/BOOTX64.EFI': bootx64, '/EFI/BOOT/grub.cfg': join(tree, 'EFI/BOOT/grub.cfg') });
  return [
    '--grub2-mbr', '/usr/lib/grub/i386-pc/boot_hybrid.img', '-partition_offset', '16',
    '-appended_part_as_gpt', '-append_partition', '2', 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B', esp,
    '-iso_mbr_part_type', 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7',
    '-c', 'boot.cat', '--boot-catalog-hide',
    '-b', 'images/eltorito.img', '-no-emul-boot', '-boot-load-size', '4', '-boot-info-table', '--grub2-boot-info',
    '-eltorito-alt-boot', '-e', '--interval:appended_partition_2:all::', '-no-emul-boot',
  ];
}

async function buildInto(outPath: string, options: Required<Omit<SyntheticIsoOptions, 'paddingBytes'>> & { paddingBytes: number }): Promise<void> {
  const work = await mkdtemp(join(ISO_CACHE_DIR, 'build-'));
  try {
    const tree = join(work, 'tree');
    const kernel = await cachedDebianKernel(ISO_CACHE_DIR);
    const kernelDir = join(tree, options.layout === 'isolinux' ? 'isolinux' : 'images/pxeboot');
    await mkdir(kernelDir, { recursive: true });
    await copyFile(kernel.vmlinuz, join(kernelDir, 'vmlinuz'));
    await buildBusyboxInitrd(kernel, join(kernelDir, 'initrd.img'));
    const bootArgs = options.layout === 'isolinux'
      ? await stageIsolinuxTree(tree, work, options.label)
      : await stageGrubAppendedTree(tree, work, options.label);
    if (options.paddingBytes > 0) {
      await mkdir(join(tree, 'images'), { recursive: true });
      await writeFile(join(tree, 'images/install.img'), '');
      await truncate(join(tree, 'images/install.img'), options.paddingBytes);
    }
    await runTool('xorriso', ['-as', 'mkisofs', '-o', outPath, '-R', '-J', '-V', options.label, ...bootArgs, tree]);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Returns the path of a synthetic base ISO, built on first use and cached under
 * .tmp/iso-cache keyed by everything that goes into it (the kernel version is part of that key
 * through the cached kernel's directory name).
 */
export async function syntheticBaseIso(options: SyntheticIsoOptions): Promise<string> {
  const label = options.label ?? DEFAULT_LABELS[options.layout];
  const paddingBytes = options.paddingBytes ?? 0;
  const kernel = await cachedDebianKernel(ISO_CACHE_DIR);
  const key = createHash('sha256')
    .update(JSON.stringify({ layout: options.layout, label, paddingBytes, kernel: kernel.vmlinuz }))
    .update(INIT_SCRIPT)
    .update(await readFile(__filename))
    .digest('hex')
    .slice(0, 16);
  const path = join(ISO_CACHE_DIR, `base-${options.layout}-${key}.iso`);
  if (!existsSync(path)) {
    const partial = `${path}.partial-${process.pid}`;
    try {
      await buildInto(partial, { layout: options.layout, label, paddingBytes });
      await rename(partial, path);
    } finally {
      await rm(partial, { force: true });
    }
  }
  return path;
}
