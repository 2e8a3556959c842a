import { type Fleet, startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { expect, test } from './fixtures';
import { deleteAll } from './fixtures/clean-up';
import { FleetPage } from './pages/fleet-page';
import { HostPage } from './pages/host-page';
import { FleetApi } from './pages/images-api';
import { PushCredentialsDialog } from './pages/push-credentials-dialog';
import { RegistriesPage } from './pages/registries-page';

// Registry access in Chromium: stock simulated hosts (no credentials, no trust for the plain-HTTP
// registry) fail the pull pre-flight until an admin pushes the registry's credentials to them from
// the dashboard; a host given wrong credentials fails it with the registry's refusal.

const LABEL = { ring: 'e2e-push' };

let registry: TestRegistry;
let fleet: Fleet;
let hostIds: Record<string, string>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  registry = await startRegistry({ auth: 'basic' });
  await pushTestImage(registry, { repository: 'fleet/private', tag: 'stable', version: '7.0' });
  fleet = await startFleet({
    count: 2,
    namePrefix: 'ra-',
    addressPrefix: '127.108',
    registry: { url: registry.url, credentials: { username: registry.username!, password: registry.password! } },
    image: `${registry.host}/fleet/private:stable`,
    provision: { trustRegistry: false, credentials: false },
  });
});

test.afterAll(async ({ server, playwright }) => {
  try {
    await deleteAll(server, playwright, ['/api/hosts', '/api/images', '/api/registries']);
  } finally {
    await fleet?.stop();
    await registry?.stop();
  }
});

/** The password-protected registry, its image and both stock hosts, through the API, once for the file. */
async function arrange(api: FleetApi): Promise<void> {
  if (hostIds) return;
  const reg = await api.createRegistry({ name: 'e2e-private', url: registry.url, credentials: { kind: 'basic', username: registry.username, password: registry.password } });
  await api.trackImage({ registryId: reg.id, repository: 'fleet/private', tag: 'stable' });
  hostIds = await api.enrollFleet(fleet, LABEL);
}

test('a stock host fails the pre-flight; credentials pushed from the Registries page make it pass', async ({ page }) => {
  test.setTimeout(60_000);
  await arrange(new FleetApi(page.request));
  const target = fleet.inventory[0]!;
  const host = new HostPage(page);
  await page.goto(`/hosts/${hostIds[target.name]}`);

  // Nothing on the host yet: reachable over SSH, but no credentials, no trust, and the pull fails with a code.
  const before = await host.preflight();
  await expect(before.getByText('Cannot pull')).toBeVisible();
  await expect(host.preflightCheck(before, 'reachable')).toHaveAttribute('data-state', 'ok');
  await expect(host.preflightCheck(before, 'credentials')).toHaveAttribute('data-state', 'failed');
  await expect(host.preflightCheck(before, 'credentials')).toContainText('Registries → Push credentials');
  await expect(host.preflightCheck(before, 'trust')).toHaveAttribute('data-state', 'failed');
  await expect(host.preflightCheck(before, 'pull')).toHaveAttribute('data-state', 'failed');
  await expect(host.preflightCheck(before, 'pull').locator('code')).toHaveText(/^[A-Z][A-Z0-9_]+$/);
  expect(fleet.node(target.name).host.fs.stat('/etc/ostree/auth.json')).toBeUndefined();

  // The admin follows the hint's link and pushes to that host, picked among the labelled ones.
  await before.getByRole('link', { name: 'Open Registries' }).first().click();
  const push = await new RegistriesPage(page).openPush('e2e-private');
  await expect(push.dialog).toContainText('Writes the credentials of user');
  await push.filterByLabel('ring=e2e-push');
  await push.selectHost(target.name);
  await push.push(1);
  await expect(push.summary()).toHaveText('1 written');
  await expect(push.result(target.name)).toContainText('written');
  const auth = JSON.parse(fleet.node(target.name).host.fs.read('/etc/ostree/auth.json') ?? '{}') as { auths: Record<string, { auth: string }> };
  expect(Buffer.from(auth.auths[registry.host]?.auth ?? '', 'base64').toString()).toBe(`${registry.username}:${registry.password}`);
  // The other labelled host was not chosen and stays as it was.
  expect(fleet.node(fleet.inventory[1]!.name).host.fs.stat('/etc/ostree/auth.json')).toBeUndefined();

  await push.result(target.name).getByRole('link', { name: target.name }).click();
  const after = await host.preflight();
  await expect(after.getByText('Can pull')).toBeVisible();
  for (const check of ['reachable', 'credentials', 'trust', 'pull'] as const) await expect(host.preflightCheck(after, check)).toHaveAttribute('data-state', 'ok');
});

test('wrong credentials pushed from the Fleet page fail the pre-flight with REGISTRY_AUTH_FAILED', async ({ page }) => {
  test.setTimeout(60_000);
  const api = new FleetApi(page.request);
  await arrange(api);
  await api.createRegistry({ name: 'e2e-wrong', url: registry.url, credentials: { kind: 'basic', username: registry.username, password: 'not-the-password' } });
  const target = fleet.inventory[1]!;

  const fleetPage = new FleetPage(page);
  await fleetPage.goto('?label=ring%3De2e-push');
  await fleetPage.select(target.name);
  await fleetPage.bulk('Push registry credentials…');
  const push = new PushCredentialsDialog(page, 'Push registry credentials to 1 host');
  await push.chooseRegistry('e2e-wrong');
  await push.push(1);
  await expect(push.result(target.name)).toContainText('written');
  await push.close();

  await fleetPage.row(target.name).getByRole('link', { name: target.name }).click();
  const host = new HostPage(page);
  const result = await host.preflight();
  await expect(result.getByText('Cannot pull')).toBeVisible();
  // The host has credentials and trusts the registry now; the registry refuses them.
  await expect(host.preflightCheck(result, 'credentials')).toHaveAttribute('data-state', 'ok');
  await expect(host.preflightCheck(result, 'trust')).toHaveAttribute('data-state', 'ok');
  await expect(host.preflightCheck(result, 'pull')).toHaveAttribute('data-state', 'failed');
  await expect(host.preflightCheck(result, 'pull').locator('code')).toHaveText('REGISTRY_AUTH_FAILED');
  await expect(host.preflightCheck(result, 'pull')).toContainText("The registry refused the host's credentials");
});
