import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IsoError } from '../errors';
import { architectureOf, classifyLayout, fatBootConfigsIn } from './layout';
import { elToritoShape, parseElToritoCmd, parseFindOutput, parseReportLba } from './xorriso-parsers';

// Captured from xorriso 1.5.4 runs against the synthetic base ISOs and a template.
const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('xorriso report parsers', () => {
  it('lists files from -pkt_output -find', () => {
    const files = parseFindOutput(fixture('isolinux.find.txt'));
    expect(files).toContain('/isolinux/isolinux.cfg');
    expect(files).toContain('/images/efiboot.img');
    expect(files.every((file) => file.startsWith('/') && !file.includes("'"))).toBe(true);
    expect(parseFindOutput("R:1: 'it'\"'\"'s'\nI:1: noise\n")).toEqual(["it's"]);
  });

  it('reads the isolinux layout: volume id and both El Torito entries', () => {
    const report = parseElToritoCmd(fixture('isolinux.el-torito-cmd.txt'));
    expect(report.volumeId).toBe('BOOTFLEET-9-x86_64');
    expect(report.entries).toEqual([
      { platformId: '0x00', path: '/isolinux/isolinux.bin', loader: 'isolinux' },
      { platformId: '0xef', path: '/images/efiboot.img', loader: 'any' },
    ]);
    expect(report.appendedPartitions).toEqual([]);
  });

  it('reads the appended EFI partition interval of the GRUB layout in bytes', () => {
    const report = parseElToritoCmd(fixture('grub-appended.el-torito-cmd.txt'));
    expect(report.volumeId).toBe('Bootfleet 10 x86_64');
    expect(report.entries[0]).toEqual({ platformId: '0x00', path: '/images/eltorito.img', loader: 'grub' });
    expect(report.entries[1]?.path).toMatch(/^--interval:appended_partition_2_/);
    expect(report.appendedPartitions).toEqual([{ index: 2, type: '28732ac11ff8d211ba4b00a0c93ec93b', offset: 21108 * 512, size: (37491 - 21108 + 1) * 512 }]);
  });

  it('finds a file extent in -exec report_lba output', () => {
    expect(parseReportLba(fixture('grub-appended-template.report-lba.txt'), '/ks.cfg')).toEqual({ lba: 5325, bytes: 65536 });
    expect(parseReportLba(fixture('grub-appended-template.report-lba.txt'), '/nope')).toBeUndefined();
  });

  it('compares El Torito records without their block addresses', () => {
    const base = elToritoShape(fixture('grub-appended.el-torito-plain.txt'));
    const template = elToritoShape(fixture('grub-appended-template.el-torito-plain.txt'));
    expect(base).toEqual(template);
    expect(base.some((line) => line.includes('UEFI'))).toBe(true);
    expect(fixture('grub-appended.el-torito-plain.txt')).not.toBe(fixture('grub-appended-template.el-torito-plain.txt'));
  });
});

describe('classifyLayout', () => {
  it('recognises both supported layouts and the architecture', () => {
    const isolinux = classifyLayout(parseElToritoCmd(fixture('isolinux.el-torito-cmd.txt')), parseFindOutput(fixture('isolinux.find.txt')));
    expect(isolinux).toEqual({ kind: 'isolinux', biosImage: '/isolinux/isolinux.bin', efiImagePath: '/images/efiboot.img' });
    const grubFiles = parseFindOutput(fixture('grub-appended.find.txt'));
    const grub = classifyLayout(parseElToritoCmd(fixture('grub-appended.el-torito-cmd.txt')), grubFiles);
    expect(grub.kind).toBe('grub-appended');
    expect(architectureOf(grubFiles, grub)).toBe('x86_64');
  });

  it('finds FAT boot configs whatever their case, as spelled in the image', () => {
    expect(fatBootConfigsIn(['/EFI/BOOT/BOOTX64.EFI', '/EFI/BOOT/GRUB.CFG', '/efi/boot/BOOT.conf', '/EFI/BOOT/fonts/unicode.pf2'])).toEqual(['/EFI/BOOT/GRUB.CFG', '/efi/boot/BOOT.conf']);
  });

  it('refuses an ISO without boot records, saying what it found', () => {
    const attempt = () => classifyLayout(parseElToritoCmd(fixture('plain-data.el-torito-cmd.txt')), ['/a']);
    expect(attempt).toThrow(IsoError);
    expect(attempt).toThrow(/El Torito: none; appended partitions: 0; boot configs: none/);
  });

  it('refuses an isolinux ISO whose EFI image is missing', () => {
    const files = parseFindOutput(fixture('isolinux.find.txt')).filter((file) => file !== '/images/efiboot.img');
    expect(() => classifyLayout(parseElToritoCmd(fixture('isolinux.el-torito-cmd.txt')), files)).toThrow(/BIOS\(isolinux\) \/isolinux\/isolinux.bin, EFI\(any\) \/images\/efiboot.img/);
  });
});
