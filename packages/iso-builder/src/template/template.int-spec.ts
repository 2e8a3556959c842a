import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kickstartArgument } from '../boot-config';
import { FAT_PREFIX, inspectIso, isoFileExtent, listIsoFiles, readElToritoPlain, elToritoShape, type IsoInspection } from '../inspect';
import { FLEET_KEY, IMAGE, minimalRecord } from '../kickstart/golden-cases.fixture';
import { renderKickstart } from '../kickstart';
import { hostIsoStream, loadTemplate, writeHostIso, type LoadedTemplate } from '../per-host';
import { IsoError } from '../errors';
import { APP_DATA_OFFSET } from '../isomd5';
import { checkIsoMd5, extractIsoFile, hasJoliet, referenceHostIso, syntheticBaseIso, type SyntheticLayout } from '../testing';
import { buildTemplate, padKickstart, unpadKickstart, type BuiltTemplate } from '.';

const EXTRA_ARGS = ['inst.text', 'console=ttyS0,115200n8'];

describe.each<SyntheticLayout>(['isolinux', 'grub-appended'])('template from a %s base ISO', (layout) => {
  let dir: string;
  let built: BuiltTemplate;
  let template: LoadedTemplate;
  let templateView: IsoInspection;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `bootfleet-template-${layout}-`));
    built = await buildTemplate({ basePath: await syntheticBaseIso({ layout }), outPath: join(dir, 'template.iso'), imageRef: IMAGE, kernelArgs: EXTRA_ARGS });
    template = await loadTemplate(built.templatePath);
    templateView = await inspectIso(built.templatePath);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves only the template and its metadata in the output directory', async () => {
    expect((await readdir(dir)).sort()).toEqual(['template.iso', 'template.iso.json']);
    expect(JSON.parse(await readFile(built.metadataPath, 'utf8'))).toEqual(built.metadata);
  });

  it('passes checkisomd5', async () => {
    expect(await checkIsoMd5(built.templatePath)).toBe(true);
  });

  it('puts inst.ks and the extra arguments on every kernel line, also inside the EFI FAT image', () => {
    const argument = kickstartArgument(built.base.volumeLabel);
    expect(templateView.bootConfigs.map((config) => config.path)).toEqual(built.base.bootConfigs.map((config) => config.path));
    expect(templateView.bootConfigs.some((config) => config.path.startsWith(FAT_PREFIX))).toBe(true);
    for (const [index, config] of templateView.bootConfigs.entries()) {
      expect(config.kernelLines).toHaveLength(built.base.bootConfigs[index]?.kernelLines.length ?? -1);
      expect(config.kernelLines.length).toBeGreaterThan(0);
      for (const line of config.kernelLines) {
        expect(line.split(/\s+/)).toEqual(expect.arrayContaining([argument, ...EXTRA_ARGS]));
        expect(line.match(/inst\.ks=/g)).toHaveLength(1);
      }
    }
  });

  it('keeps the El Torito records, the volume label, the layout and Joliet', async () => {
    expect(elToritoShape(await readElToritoPlain(built.templatePath))).toEqual(elToritoShape(await readElToritoPlain(built.base.path)));
    expect(templateView.volumeLabel).toBe(built.base.volumeLabel);
    expect(templateView.layout.kind).toBe(layout);
    expect(await hasJoliet(built.templatePath)).toBe(true);
  });

  it('writes /ks.cfg as a padded slot after every other file', async () => {
    const slot = await extractIsoFile(built.templatePath, '/ks.cfg');
    expect(slot).toHaveLength(built.metadata.slot.bytes);
    expect(unpadKickstart(slot)).toMatch(/^# bootfleet install template/);
    const files = await listIsoFiles(built.templatePath);
    const extents = await Promise.all(files.map((file) => isoFileExtent(built.templatePath, file)));
    expect(Math.max(...extents.map((extent) => extent.offset))).toBe(built.metadata.slot.offset);
  });

  describe('a host ISO', () => {
    const kickstart = renderKickstart({ ...minimalRecord, hostname: `host-${layout}.example.com` }, { image: IMAGE, offline: false, fleetPublicKey: FLEET_KEY });
    let hostIso: string;

    beforeAll(async () => {
      hostIso = join(dir, 'host.iso');
      await writeHostIso(template, kickstart, hostIso);
    });

    it('is byte-identical to copy + overwrite + implantisomd5 -f, and passes checkisomd5', async () => {
      const reference = join(dir, 'reference.iso');
      await referenceHostIso(built.templatePath, built.metadata.slot.offset, padKickstart(kickstart, built.metadata.slot.bytes), reference);
      const [streamed, expected] = await Promise.all([readFile(hostIso), readFile(reference)]);
      expect(streamed.length).toBe(expected.length);
      expect(streamed.equals(expected)).toBe(true);
      expect(await checkIsoMd5(hostIso)).toBe(true);
      await rm(reference);
    });

    it('carries the rendered kickstart as /ks.cfg', async () => {
      expect(unpadKickstart(await extractIsoFile(hostIso, '/ks.cfg'))).toBe(kickstart);
    });

    it('serves byte ranges equal to the same bytes of the whole ISO (HTTP Range)', async () => {
      const whole = await readFile(hostIso);
      const { offset, bytes } = built.metadata.slot;
      const ranges = [
        { start: 0, end: 1 },
        { start: APP_DATA_OFFSET - 7, end: APP_DATA_OFFSET + 600 },
        { start: offset - 5000, end: offset + bytes + 5000 },
        { start: offset + 100, end: offset + 200 },
        { start: whole.length - 3, end: whole.length },
      ];
      for (const range of ranges) {
        const { bytes: length, stream } = hostIsoStream(template, kickstart, range);
        const chunks: Buffer[] = [];
        for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
        expect(length).toBe(range.end - range.start);
        expect(Buffer.concat(chunks).equals(whole.subarray(range.start, range.end))).toBe(true);
      }
      expect(() => hostIsoStream(template, kickstart, { start: 10, end: whole.length + 1 })).toThrow(IsoError);
      expect(() => hostIsoStream(template, kickstart, { start: 10, end: 10 })).toThrow(/outside/);
    });

    it('fails checkisomd5 when the slot is replaced without recomputing the checksum', async () => {
      const stale = join(dir, 'stale.iso');
      await writeHostIso(template, kickstart, stale);
      const handle = await open(stale, 'r+');
      await handle.write(padKickstart('# another host\n', built.metadata.slot.bytes), 0, built.metadata.slot.bytes, built.metadata.slot.offset);
      await handle.close();
      expect(await checkIsoMd5(stale)).toBe(false);
      await rm(stale);
    });
  });
});
