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
  report: Promise<BootReport>;
}

/** Runs the boots a few at a time (TCG on two cores slows down badly beyond that); one promise per task. */
function limited<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T>[] {
  const settle = tasks.map(() => ({ resolve: (_: T) => undefined as void, reject: (_: unknown) => undefined as void }));
  const results = tasks.map((_, index) => new Promise<T>((resolve, reject) => (settle[index] = { resolve, reject })));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      const handlers = settle[index];
      if (!task || !handlers) continue;
      await task().then(handlers.resolve, handlers.reject);
    }
  };
  for (let i = 0; i < limit; i++) void worker();
  return results;
}

describe('per-host ISOs boot in qemu', () => {
  let dir: string;
  const boots: Boot[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bootfleet-boot-'));
    const tasks: (() => Promise<BootReport>)[] = [];
    for (const layout of LAYOUTS) {
      const built = await buildTemplate({ basePath: await syntheticBaseIso({ layout }), outPath: join(dir, `${layout}.iso`), imageRef: IMAGE });
      const template = await loadTemplate(built.templatePath);
      for (const { firmware, media } of COMBINATIONS) {
        const hostname = `${layout}-${firmware}-${media}.example.com`;
        const kickstart = renderKickstart({ ...minimalRecord, hostname }, { image: IMAGE, offline: false, fleetPublicKey: FLEET_KEY });
        const iso = join(dir, `${hostname}.iso`);
        await writeHostIso(template, kickstart, iso);
        tasks.push(() => bootIso(iso, firmware, media, BOOT_DEADLINE_MS));
        boots.push({ layout, firmware, media, label: built.base.volumeLabel, kickstart, report: Promise.resolve() as unknown as Promise<BootReport> });
      }
    }
    const reports = limited(tasks, CONCURRENT_BOOTS);
    reports.forEach((report, index) => {
      const boot = boots[index];
      if (boot) boot.report = report;
      report.catch(() => undefined);
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(boots.map((boot) => boot.report));
    await rm(dir, { recursive: true, force: true });
  });

  for (const layout of LAYOUTS) {
    for (const { firmware, media } of COMBINATIONS) {
      it(`${layout} base, ${firmware} as ${media}: the kernel gets inst.ks and the initrd reads this host's kickstart`, async () => {
        const boot = boots.find((candidate) => candidate.layout === layout && candidate.firmware === firmware && candidate.media === media);
        if (!boot) throw new Error('boot was not prepared');
        const report = await boot.report;
        expect(report.cmdline.split(/\s+/)).toContain(kickstartArgument(boot.label));
        expect(report.label).toBe(boot.label);
        expect(report.kickstart).toBeDefined();
        expect(unpadKickstart(Buffer.from(report.kickstart ?? '', 'latin1'))).toBe(boot.kickstart);
      }, BOOT_DEADLINE_MS * 3);
    }
  }
});
