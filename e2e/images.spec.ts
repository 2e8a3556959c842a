import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { expect, test as base } from './fixtures';
import { FleetApi } from './pages/images-api';
import { ImagesPage } from './pages/images-page';
import { RegistriesPage } from './pages/registries-page';

// Registries and images journeys against a real docker-registry. The fleet half of "update
// available" (hosts booted on the old digest) joins these in the hosts journeys.

/** A docker-registry with basic auth per test, so that a test may take its registry down. */
const test = base.extend<{ basic: TestRegistry }>({
  // Playwright reads fixture dependencies from the destructuring pattern, so it must be there even when empty.
  // eslint-disable-next-line no-empty-pattern
  basic: async ({}, use) => {
    const registry = await startRegistry({ auth: 'basic' });
    try {
      await use(registry);
    } finally {
      await registry.stop();
    }
  },
});

test('the registry form tests unsaved settings, explains refused credentials inline, and saves', async ({ page, basic }) => {
  const registries = new RegistriesPage(page);
  await registries.goto();
  await registries.openAddForm();
  await registries.fill({ name: 'lab', url: basic.url, credentials: { username: basic.username ?? '', password: 'wrong-password' } });
  await expect(await registries.testConnection()).toContainText('Credentials refused');
  await expect(await registries.testConnection()).toContainText('REGISTRY_AUTH_FAILED');

  await registries.fill({ url: 'registry.example.com/v2' });
  await registries.save();
  await expect(registries.fieldError('URL')).toContainText('absolute URL');
  await expect(registries.dialog).toBeVisible();

  await registries.fill({ url: basic.url, credentials: { username: basic.username ?? '', password: basic.password ?? '' } });
  await expect(await registries.testConnection()).toContainText('Reachable');
  await registries.save();
  await expect(registries.dialog).toBeHidden();
  await expect(registries.row('lab')).toContainText(`user ${basic.username}`);
  await registries.row('lab').getByRole('button', { name: 'Test lab' }).click();
  await expect(registries.row('lab')).toContainText('Reachable');
});

test('tracking explains a malformed repository and a missing tag, and creates nothing', async ({ page, basic }) => {
  const api = new FleetApi(page.request);
  const registry = await api.createRegistry({ name: 'track-errors', url: basic.url, credentials: { kind: 'basic', username: basic.username, password: basic.password } });
  await pushTestImage(basic, { repository: 'fleet/os', tag: 'stable', version: '1.0' });
  const images = new ImagesPage(page);
  await images.goto();

  await images.track({ registry: `track-errors (${registry.host})`, repository: 'Fleet/OS', tag: 'stable' });
  await expect(images.fieldError('Repository')).toContainText('invalid image reference');
  await images.dialog.getByLabel('Repository').fill('fleet/os');
  await images.dialog.getByLabel('Tag').fill('no-such-tag');
  await images.dialog.getByRole('button', { name: 'Track image' }).click();
  await expect(images.formError()).toContainText('REGISTRY_NOT_FOUND');
  await images.dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await api.get<unknown[]>('/api/images')).toEqual([]);
});

test('a new digest pushed to the tag shows up as the current revision without a reload', async ({ page, basic: live }) => {
  const api = new FleetApi(page.request);
  const registry = await api.createRegistry({ name: 'live', url: live.url, credentials: { kind: 'basic', username: live.username, password: live.password } });
  await pushTestImage(live, { repository: 'fleet/live', tag: 'stable', version: '41.1' });
  const image = await api.trackImage({ registryId: registry.id, repository: 'fleet/live', tag: 'stable' });

  const images = new ImagesPage(page);
  await images.goto();
  await expect(images.currentRevision(image.reference)).toContainText('41.1');
  // A marker on the window proves that what follows happens without a page load.
  await page.evaluate(() => Object.assign(window, { bootfleetE2eMarker: 'same page' }));

  const pushed = await pushTestImage(live, { repository: 'fleet/live', tag: 'stable', version: '41.2' });
  await api.refreshImage(image.id);
  await expect(images.currentRevision(image.reference)).toContainText('41.2');
  await expect(images.currentRevision(image.reference)).toContainText(pushed.digest.slice('sha256:'.length, 'sha256:'.length + 12));
  expect(await page.evaluate(() => (window as unknown as { bootfleetE2eMarker?: string }).bootfleetE2eMarker)).toBe('same page');

  const details = await images.open(image.reference);
  await expect(images.timeline(details)).toHaveCount(2);
  await expect(images.timeline(details).first()).toContainText('41.2');
  await expect(images.timeline(details).first()).toContainText('current');

  await live.stop();
  await images.refresh(image.reference);
  await expect(images.pollStatus(image.reference)).toContainText('REGISTRY_UNREACHABLE');
  await expect(images.currentRevision(image.reference)).toContainText('41.2');
});
