import { copyFile, mkdir, mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { IsoError, type IsoErrorCode } from '../errors';
import { runTool } from '../exec/run-tool';
import { inspectIso } from '../inspect';
import { IMAGE } from '../kickstart/golden-cases.fixture';
import { loadTemplate, writeHostIso } from '../per-host';
import { syntheticBaseIso } from '../testing';
import { buildTemplate, metadataPathFor } from '.';

async function failureCode(action: Promise<unknown>): Promise<IsoErrorCode | string> {
  try {
    await action;
  } catch (error) {
    return error instanceof IsoError ? error.code : `unexpected ${String(error)}`;
  }
  return 'no error';
}

describe('bad input: typed errors and no partial files', () => {
  let dir: string;
  let out: string;
  let template: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bootfleet-bad-input-'));
    out = join(dir, 'out');
    await mkdir(out);
    template = join(dir, 'template.iso');
    await buildTemplate({ basePath: await syntheticBaseIso({ layout: 'isolinux' }), outPath: template, imageRef: IMAGE });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const outputs = () => readdir(out);

  it('refuses a file that is not an ISO with NOT_AN_ISO', async () => {
    const notIso = join(dir, 'not.iso');
    await writeFile(notIso, Buffer.alloc(100_000, 1));
    expect(await failureCode(buildTemplate({ basePath: notIso, outPath: join(out, 't.iso'), imageRef: IMAGE }))).toBe('NOT_AN_ISO');
    expect(await failureCode(buildTemplate({ basePath: join(dir, 'missing.iso'), outPath: join(out, 't.iso'), imageRef: IMAGE }))).toBe('NOT_AN_ISO');
    expect(await outputs()).toEqual([]);
  });

  it('refuses an ISO without installer boot records with UNSUPPORTED_LAYOUT saying what it found', async () => {
    const tree = join(dir, 'tree');
    await mkdir(tree);
    await writeFile(join(tree, 'readme.txt'), 'data only\n');
    const dataIso = join(dir, 'data.iso');
    await runTool('xorriso', ['-as', 'mkisofs', '-o', dataIso, '-V', 'DATA', tree]);
    const error = await inspectIso(dataIso).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IsoError);
    expect((error as IsoError).code).toBe('UNSUPPORTED_LAYOUT');
    expect((error as IsoError).message).toMatch(/found El Torito: none/);
    expect(await failureCode(buildTemplate({ basePath: dataIso, outPath: join(out, 't.iso'), imageRef: IMAGE }))).toBe('UNSUPPORTED_LAYOUT');
    expect(await outputs()).toEqual([]);
  });

  it('refuses an unsafe kernel argument with INVALID_KERNEL_ARG', async () => {
    const base = await syntheticBaseIso({ layout: 'isolinux' });
    expect(await failureCode(buildTemplate({ basePath: base, outPath: join(out, 't.iso'), imageRef: IMAGE, kernelArgs: ['quiet;reboot'] }))).toBe('INVALID_KERNEL_ARG');
    expect(await outputs()).toEqual([]);
  });

  it('refuses a kickstart larger than the slot with KICKSTART_TOO_LARGE', async () => {
    const loaded = await loadTemplate(template);
    expect(await failureCode(writeHostIso(loaded, `${'#'.repeat(70_000)}\n`, join(out, 'host.iso')))).toBe('KICKSTART_TOO_LARGE');
    expect(await outputs()).toEqual([]);
  });

  it('refuses a template that no longer matches its metadata with INVALID_TEMPLATE', async () => {
    const copy = join(dir, 'copy.iso');
    await copyFile(template, copy);
    await copyFile(metadataPathFor(template), metadataPathFor(copy));
    await truncate(copy, 1_000_000);
    expect(await failureCode(loadTemplate(copy))).toBe('INVALID_TEMPLATE');
    expect(await failureCode(loadTemplate(join(dir, 'no-such-template.iso')))).toBe('INVALID_TEMPLATE');
  });

  it('CLI: invalid host values exit 1 with INVALID_HOST and write nothing', async () => {
    const host = join(dir, 'host.json');
    const key = join(dir, 'fleet.pub');
    await writeFile(host, JSON.stringify({ hostname: 'bad host;reboot', network: { mode: 'dhcp' } }));
    await writeFile(key, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOD2MWF2fUbnx+psA3YZ42d61046yA/qceO3nP7GCTeW fleet\n');
    const err: string[] = [];
    const status = await runCli(['host', '--template', template, '--host', host, '--fleet-key', key, '--out', join(out, 'host.iso')], { out: () => undefined, err: (line) => err.push(line) });
    expect(status).toBe(1);
    expect(err.join('\n')).toMatch(/INVALID_HOST: invalid host: hostname/);
    expect(await outputs()).toEqual([]);
  });
});
