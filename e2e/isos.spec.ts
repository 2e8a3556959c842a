import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { syntheticBaseIso } from '@bootfleet/iso-builder/testing';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { expect, test as base } from './fixtures';
import { FleetApi } from './pages/images-api';

// The install ISO journey: upload a base ISO with the progress bar, build a template (state
// updates live), add a host by ISO and download its ISO, which must pass checkisomd5.

const run = promisify(execFile);

const test = base.extend<{ registry: TestRegistry }>({
  // Playwright reads fixture dependencies from the destructuring pattern, so it must be there even when empty.
  // eslint-disable-next-line no-empty-pattern
  registry: async ({}, use) => {
    const registry = await startRegistry();
    try {
      await use(registry);
    } finally {
      await registry.stop();
    }
  },
});

test('upload a base ISO, build a template, add a host by ISO and download its ISO', async ({ page, registry }, testInfo) => {
  test.setTimeout(180_000);
  const isoPath = await syntheticBaseIso({ layout: 'grub-appended' });
  await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '42.1' });
  const api = new FleetApi(page.request);
  const reg = await api.createRegistry({ name: 'iso-lab', url: registry.url });
  const image = await api.trackImage({ registryId: reg.id, repository: 'fleet/os', tag: 'stable' });

  await page.goto('/isos');
  await expect(page.getByRole('heading', { level: 1, name: 'ISOs' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'No base ISO yet' })).toBeVisible();
  await page.getByLabel('Base ISO file').setInputFiles(isoPath);
  const bases = page.getByRole('table', { name: 'Base ISOs' });
  await expect(bases.getByRole('row').filter({ hasText: 'grub-appended' })).toContainText('ready', { timeout: 60_000 });

  await page.getByRole('button', { name: 'Build template' }).click();
  const build = page.getByRole('dialog', { name: 'Build template' });
  await build.getByLabel('Image', { exact: true }).selectOption({ label: image.reference });
  await build.getByRole('button', { name: 'Build' }).click();
  await expect(build).toBeHidden();
  // No reload: the row turns ready from the server's iso.updated events.
  const templates = page.getByRole('table', { name: 'Templates' });
  await expect(templates.getByRole('row').filter({ hasText: image.reference })).toContainText('ready', { timeout: 90_000 });

  await page.getByRole('button', { name: 'Add hosts by ISO' }).click();
  const wizard = page.getByRole('dialog', { name: 'Add hosts by ISO' });
  await wizard.getByLabel('Template', { exact: true }).selectOption({ index: 1 });
  // A hostname the server refuses: the error names the host and the field, and nothing is created.
  await wizard.getByLabel('Hosts', { exact: true }).fill('edge-01 edge_01.example.com');
  await wizard.getByRole('button', { name: 'Create hosts and links' }).click();
  await expect(wizard.getByRole('alert')).toContainText('edge-01: hosts.0.record.hostname');
  expect((await api.get<{ total: number }>('/api/hosts')).total).toBe(0);
  await wizard.getByLabel('Hosts', { exact: true }).fill('edge-01 edge-01.example.com');
  await wizard.getByRole('button', { name: 'Create hosts and links' }).click();
  const link = wizard.getByRole('link', { name: 'edge-01.iso' });
  await expect(link).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = testInfo.outputPath('edge-01.iso');
  await download.saveAs(saved);
  const templateBytes = (await api.get<{ size: number }[]>('/api/isos/templates'))[0]?.size;
  expect((await stat(saved)).size).toBe(templateBytes);
  await run('checkisomd5', [saved]);

  const hosts = await api.get<{ items: { name: string; status: string }[] }>('/api/hosts');
  expect(hosts.items).toEqual([expect.objectContaining({ name: 'edge-01', status: 'pending' })]);
});
