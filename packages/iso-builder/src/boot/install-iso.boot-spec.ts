// The per-host ISO boots for real: SeaBIOS and OVMF, as a CD-ROM and as a disk, for both base
// layouts. The kernel must receive inst.ks naming the ISO's own label and the initrd must read
// that host's kickstart from it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kickstartArgument } from '../boot-config';
import { FLEET_KEY, IMAGE, minimalRecord } from '../kickstart/golden-cases.fixture';
import { renderKickstart } from '../kickstart';
import { loadTemplate, writeHostIso } from '../per-host';
import { buildTemplate, unpadKickstart } from '../template';
import { bootIso, syntheticBaseIso, type BootMedia, type BootReport, type Firmware, type SyntheticLayout } from '../testing';

const LAYOUTS: SyntheticLayout[] = ['isolinux', 'grub-appended'];
const COMBINATIONS: { firmware: Firmware; media: BootMedia }[] = [
  { firmware: 'bios', media: 'cdrom' },
  { firmware: 'bios', media: 'disk' },
  { firmware: 'uefi', media: 'cdrom' },
  { firmware: 'uefi', media: 'disk' },
];
const BOOT_DEADLINE_MS = 150_000;
const CONCURRENT_BOOTS = 4;

interface Boot {
  layout: SyntheticLayout;
  firmware: Firmware;
  media: BootMedia;
  label: string;
  kickstart: string;
  iso: string;
}

/** At most `limit` tasks at once (TCG on two cores slows down badly beyond that), in call order. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      // A waiting task inherits this slot; otherwise the slot is freed.
      const nextTask = waiting.shift();
      if (nextTask) nextTask();
      else active--;
    }
  };
}

describe('per-host ISOs boot in qemu', () => {
  let dir: string;
  const boots: Boot[] = [];
  let reports: Promise<BootReport>[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bootfleet-boot-'));
    for (const layout of LAYOUTS) {
      const built = await buildTemplate({ basePath: await syntheticBaseIso({ layout }), outPath: join(dir, `${layout}.iso`), imageRef: IMAGE });
      const template = await loadTemplate(built.templatePath);
      for (const { firmware, media } of COMBINATIONS) {
        const hostname = `${layout}-${firmware}-${media}.example.com`;
        const kickstart = renderKickstart({ ...minimalRecord, hostname }, { image: IMAGE, offline: false, fleetPublicKey: FLEET_KEY });
        const iso = join(dir, `${hostname}.iso`);
        await writeHostIso(template, kickstart, iso);
        boots.push({ layout, firmware, media, label: built.base.volumeLabel, kickstart, iso });
      }
    }
    // All boots start now and run while the tests below await their own report.
    const run = limiter(CONCURRENT_BOOTS);
    reports = boots.map((boot) => run(() => bootIso(boot.iso, boot.firmware, boot.media, BOOT_DEADLINE_MS)));
    for (const report of reports) report.catch(() => undefined);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(reports);
    await rm(dir, { recursive: true, force: true });
  });

  for (const layout of LAYOUTS) {
    for (const { firmware, media } of COMBINATIONS) {
      it(`${layout} base, ${firmware} as ${media}: the kernel gets inst.ks and the initrd reads this host's kickstart`, async () => {
        const index = boots.findIndex((candidate) => candidate.layout === layout && candidate.firmware === firmware && candidate.media === media);
        const boot = boots[index];
        const report = await reports[index];
        if (!boot || !report) throw new Error('boot was not prepared');
        expect(report.cmdline.split(/\s+/)).toContain(kickstartArgument(boot.label));
        expect(report.label).toBe(boot.label);
        expect(report.kickstart).toBeDefined();
        expect(unpadKickstart(Buffer.from(report.kickstart ?? '', 'latin1'))).toBe(boot.kickstart);
      }, BOOT_DEADLINE_MS * 3);
    }
  }
});
