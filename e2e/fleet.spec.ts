import { type Fleet, startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { expect, test } from './fixtures';
import { deleteAll } from './fixtures/clean-up';
import { FleetPage } from './pages/fleet-page';
import { HostPage } from './pages/host-page';
import { FleetApi } from './pages/images-api';

// Issue 4's journeys in Chromium: three simulated bootc hosts (real SSH) enrolled through the UI, a
// new revision pushed to a real registry showing "update available" live, and a host going
// unreachable showing after one refresh started from the UI.

let registry: TestRegistry;
let fleet: Fleet;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  registry = await startRegistry();
  await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.0' });
  fleet = await startFleet({ count: 3, registry: { url: registry.url }, image: `${registry.host}/fleet/os:stable`, addressPrefix: '127.103', rebootDelayMs: 50 });
});

test.afterAll(async ({ server, playwright }) => {
  try {
    await deleteAll(server, playwright, ['/api/hosts', '/api/images', '/api/registries']);
  } finally {
    await fleet?.stop();
    await registry?.stop();
  }
});

/** Makes sure the registry and image are known, whichever test of the file runs first. */
async function trackedImage(api: FleetApi): Promise<{ id: string }> {
  const images = await api.get<{ id: string; reference: string }[]>('/api/images');
  const known = images.find((i) => i.reference.endsWith('fleet/os:stable'));
  if (known) return known;
  const reg = await api.createRegistry({ name: 'e2e-fleet', url: registry.url });
  return api.trackImage({ registryId: reg.id, repository: 'fleet/os', tag: 'stable' });
}

test('enrolls three hosts through the UI and shows their slots', async ({ page }) => {
  test.setTimeout(90_000);
  await trackedImage(new FleetApi(page.request));
  const fleetPage = new FleetPage(page);
  await fleetPage.goto();
  await expect(page.getByText('No hosts enrolled yet')).toBeVisible();
  for (const entry of fleet.inventory) {
    const shown = await fleetPage.enroll({ name: entry.name, address: entry.address, port: entry.port, user: entry.user, privateKeyPath: fleet.keyPath });
    expect(shown).toBe(entry.hostKeyFingerprint);
    await expect(fleetPage.enrollDialog).toBeHidden({ timeout: 20_000 });
    await expect(fleetPage.cell(entry.name, 'booted')).toContainText('1.0');
    await expect(fleetPage.cell(entry.name, 'status')).toContainText('online');
  }
  await expect(page.getByTestId('host-total')).toHaveText('3 hosts');

  const first = fleet.inventory[0]!;
  await fleetPage.row(first.name).getByRole('link', { name: first.name }).click();
  const host = new HostPage(page);
  await expect(host.slot('Booted').getByTestId('slot-version')).toHaveText('1.0');
  const bootedDigest = fleet.node(first.name).host.bootcState.booted?.image?.imageDigest ?? 'missing';
  await expect(host.slot('Booted').getByTestId('slot-digest')).toHaveText(bootedDigest.replace('sha256:', '').slice(0, 12));
  await expect(host.slot('Staged')).toContainText('empty');
  await expect(host.facts()).toContainText(first.name);
});

test('a new revision pushed to the registry shows as "update available" without a reload', async ({ page }) => {
  const api = new FleetApi(page.request);
  const image = await trackedImage(api);
  const fleetPage = new FleetPage(page);
  await fleetPage.goto();
  const name = fleet.inventory[1]!.name;
  await expect(fleetPage.cell(name, 'booted')).toContainText('1.0');
  await expect(fleetPage.cell(name, 'update')).not.toContainText('available');
  await page.evaluate(() => Object.assign(window, { bootfleetE2eMarker: 'same page' }));

  await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.1' });
  // What the image poll job does on its schedule, now.
  await api.refreshImage(image.id);
  for (const entry of fleet.inventory) await expect(fleetPage.cell(entry.name, 'update')).toContainText('available');
  expect(await page.evaluate(() => (window as unknown as { bootfleetE2eMarker?: string }).bootfleetE2eMarker)).toBe('same page');
});

test('a host going unreachable shows after one refresh started from the UI', async ({ page }) => {
  test.setTimeout(90_000);
  const fleetPage = new FleetPage(page);
  await fleetPage.goto();
  const name = fleet.inventory[2]!.name;
  await expect(fleetPage.cell(name, 'status')).toContainText('online');
  fleet.node(name).host.setFaults({ unreachable: true });
  try {
    await fleetPage.select(name);
    await fleetPage.bulk('Refresh status');
    await expect(page.getByText('Refresh status: 1 refreshes queued')).toBeVisible();
    // The refresh waits for the SSH connect timeout; the row changes without a reload.
    await expect(fleetPage.cell(name, 'status')).toContainText('contact failed', { timeout: 45_000 });
    await expect(fleetPage.cell(fleet.inventory[0]!.name, 'status')).not.toContainText('contact failed');
  } finally {
    fleet.node(name).host.clearFaults();
  }
});
