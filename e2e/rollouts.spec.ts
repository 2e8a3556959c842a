import { type Fleet, startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { deleteAll } from './fixtures/clean-up';
import { HostPage } from './pages/host-page';
import { FleetApi } from './pages/images-api';
import { HostActionDialogPage, RolloutDetailPage, RolloutWizardPage } from './pages/rollouts-page';

// Issue 5's journey in Chromium: a maintenance window open now, a rollout of a new revision created
// through the wizard (dry run first) watched to completion live, then one host rolled back with one
// confirmed click and seen booting the old revision again, all without a reload.

const LABEL = { ring: 'e2e-rollout' };
const LABEL_TEXT = 'ring=e2e-rollout';
const REFERENCE_TAG = 'fleet/rollout:stable';

let registry: TestRegistry;
let fleet: Fleet;

test.beforeAll(async () => {
  registry = await startRegistry();
  await pushTestImage(registry, { repository: 'fleet/rollout', tag: 'stable', version: '1.0' });
  fleet = await startFleet({ count: 3, registry: { url: registry.url }, image: `${registry.host}/${REFERENCE_TAG}`, addressPrefix: '127.105', namePrefix: 'ro-', rebootDelayMs: 50 });
});

test.afterAll(async ({ server, playwright }) => {
  try {
    await deleteAll(server, playwright, ['/api/windows', '/api/hosts', '/api/images', '/api/registries']);
  } finally {
    await fleet?.stop();
    await registry?.stop();
  }
});

/** Registry, image and the three hosts (labelled) through the API, then revision 1.1 pushed and seen. */
async function arrangeFleet(api: FleetApi): Promise<{ reference: string; newDigest: string }> {
  const reg = await api.createRegistry({ name: 'e2e-rollouts', url: registry.url });
  const image = await api.trackImage({ registryId: reg.id, repository: 'fleet/rollout', tag: 'stable' });
  await api.enrollFleet(fleet, LABEL);
  await pushTestImage(registry, { repository: 'fleet/rollout', tag: 'stable', version: '1.1' });
  const refreshed = await api.refreshImage(image.id);
  expect(refreshed.current.map((c) => c.version)).toEqual(['1.1']);
  return { reference: image.reference, newDigest: refreshed.current[0]!.digest };
}

/** `datetime-local` text in the browser's own zone, `minutes` from now. */
async function localInput(page: Page, minutes: number): Promise<string> {
  return page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, minutes);
}

test('a window open now, a rollout to 1.1 watched to completion, and one host rolled back to 1.0', async ({ page }) => {
  test.setTimeout(110_000);
  const image = await arrangeFleet(new FleetApi(page.request));

  // A one-off maintenance window that is open now, for the hosts carrying the label.
  await page.goto('/windows');
  await page.getByRole('button', { name: 'New window' }).click();
  const windowForm = page.getByRole('dialog').getByRole('form', { name: 'New window' });
  await windowForm.getByLabel('Name').fill('e2e-now');
  await windowForm.getByLabel('Kind').selectOption('one-off');
  await windowForm.getByLabel(/^Starts/).fill(await localInput(page, -5));
  await windowForm.getByLabel(/^Ends/).fill(await localInput(page, 120));
  await windowForm.getByLabel('Labels').fill(LABEL_TEXT);
  await expect(windowForm.getByRole('region', { name: 'Preview' })).toContainText('3 hosts now');
  await windowForm.getByRole('button', { name: 'Create window' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('table', { name: 'Maintenance windows' }).getByRole('row').filter({ hasText: 'e2e-now' })).toContainText('open now');

  // The wizard: every step filled, the dry run before Create, then created and started at once.
  const wizard = new RolloutWizardPage(page);
  await wizard.goto();
  await wizard.fill({ name: 'e2e to 1.1', image: image.reference, version: '1.1', labels: LABEL_TEXT, batchSize: 2 });
  await expect(wizard.matchingHosts()).toHaveText('3 hosts match.');
  await expect(page.getByRole('button', { name: 'Create and start' })).toBeDisabled();
  await wizard.runDryRun();
  await expect(wizard.dryRun).toContainText('Dry run: 3 hosts in 2 batches');
  await expect(wizard.plannedRows()).toHaveCount(3);
  // Each host will boot the 1.1 digest (pinned at creation) and need not wait: its window is open.
  for (const row of await wizard.plannedRows().all()) {
    await expect(row).toContainText(image.newDigest);
    await expect(row).toContainText('no wait: window open or none assigned');
  }
  await wizard.createAndStart();

  // The detail page follows the rollout live to the end: every chip ends green (succeeded).
  await expect(page).toHaveURL(/\/rollouts\/[0-9a-f-]{36}$/);
  await page.evaluate(() => Object.assign(window, { bootfleetE2eMarker: 'same page' }));
  const detail = new RolloutDetailPage(page);
  await expect(detail.state()).toHaveText('completed', { timeout: 60_000 });
  await expect(detail.chips()).toHaveCount(3);
  for (const entry of fleet.inventory) {
    await expect(detail.chip(entry.name)).toHaveAttribute('data-phase', 'succeeded');
    await expect(detail.chip(entry.name)).toHaveClass(/host-chip--ok/);
  }
  await expect(detail.progress()).toHaveAttribute('aria-valuetext', '3 of 3 done, 0 failed');
  expect(await page.evaluate(() => (window as unknown as { bootfleetE2eMarker?: string }).bootfleetE2eMarker)).toBe('same page');
  for (const entry of fleet.inventory) expect(fleet.node(entry.name).host.bootcState.booted?.image?.version).toBe('1.1');

  // One host's page from its chip; it boots 1.1 with 1.0 as its rollback deployment.
  const target = fleet.inventory[0]!;
  const panel = await detail.openHost(target.name);
  await panel.getByRole('link', { name: target.name }).click();
  const host = new HostPage(page);
  await expect(host.slot('Booted').getByTestId('slot-version')).toHaveText('1.1');
  await expect(host.slot('Rollback').getByTestId('slot-version')).toHaveText('1.0');
  await page.evaluate(() => Object.assign(window, { bootfleetE2eMarker: 'host page' }));

  // Roll back: the confirmation names the 1.0 digest it will boot; one click runs it with the log live.
  await page.getByRole('button', { name: 'Roll back', exact: true }).click();
  const rollback = new HostActionDialogPage(page, `Roll back ${target.name}`);
  const oldDigest = fleet.node(target.name).host.bootcState.rollback?.image?.imageDigest ?? 'missing';
  await expect(rollback.willBoot()).toContainText(oldDigest);
  await expect(rollback.willBoot()).toContainText('1.0');
  await rollback.confirm('Roll back');
  await expect(rollback.progress()).toContainText('succeeded', { timeout: 30_000 });
  await expect(rollback.progress().locator('pre.job-log')).not.toBeEmpty();

  await expect(host.slot('Booted').getByTestId('slot-version')).toHaveText('1.0');
  await expect(host.slot('Booted').getByTestId('slot-digest')).toHaveText(oldDigest.replace('sha256:', '').slice(0, 12));
  expect(await page.evaluate(() => (window as unknown as { bootfleetE2eMarker?: string }).bootfleetE2eMarker)).toBe('host page');
  expect(fleet.node(target.name).host.bootcState.booted?.image?.imageDigest).toBe(oldDigest);
  // The other hosts stay on 1.1.
  for (const entry of fleet.inventory.slice(1)) expect(fleet.node(entry.name).host.bootcState.booted?.image?.version).toBe('1.1');
});
