import { type Fleet, startFleet } from '@bootfleet/host-sim';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import type { APIRequestContext } from '@playwright/test';
import { E2E_ADMIN, expect, test } from './fixtures';
import { deleteAll } from './fixtures/clean-up';
import { DashboardPage } from './pages/dashboard-page';
import { FleetApi } from './pages/images-api';
import { PoliciesPage } from './pages/policies-page';

// Rollout policies in Chromium against the real server: an operator creates one through the form,
// sees it listed, edits it, sees the rollout it creates for a new revision appear without a reload,
// disables and deletes it; a viewer sees every policy and no way to change one.

const LABEL_TEXT = 'ring=e2e-policy';
const POLICY = 'e2e nightly';
const ACTIVE_STATES = ['scheduled', 'waiting-window', 'running', 'paused'];

let registry: TestRegistry;
let fleet: Fleet;
let admin: APIRequestContext;
let api: FleetApi;
let image: { id: string; reference: string };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ server, playwright }) => {
  registry = await startRegistry();
  await pushTestImage(registry, { repository: 'fleet/policy', tag: 'stable', version: '1.0' });
  fleet = await startFleet({ count: 1, registry: { url: registry.url }, image: `${registry.host}/fleet/policy:stable`, addressPrefix: '127.112', namePrefix: 'po-', rebootDelayMs: 50 });

  admin = await playwright.request.newContext({ baseURL: server.baseURL });
  const signedIn = await admin.post('/api/auth/login', { data: E2E_ADMIN });
  if (!signedIn.ok()) throw new Error(`signing in as ${E2E_ADMIN.username}: ${signedIn.status()}`);
  api = new FleetApi(admin);
  const reg = await api.createRegistry({ name: 'e2e-policies', url: registry.url });
  image = await api.trackImage({ registryId: reg.id, repository: 'fleet/policy', tag: 'stable' });
  await api.enrollFleet(fleet, { ring: 'e2e-policy' });
});

test.afterAll(async ({ server, playwright }) => {
  try {
    // The rollout the policy created outlives it (rollouts are never deleted); cancelled, it holds no host.
    const { items: rollouts } = await api.get<{ items: { id: string; state: string; createdBy: string }[] }>('/api/rollouts?limit=500');
    for (const r of rollouts.filter((r) => r.createdBy === `policy:${POLICY}` && ACTIVE_STATES.includes(r.state))) await api.post(`/api/rollouts/${r.id}/cancel`);
    await deleteAll(server, playwright, ['/api/rollout-policies', '/api/hosts', '/api/images', '/api/registries']);
  } finally {
    await admin?.dispose();
    await fleet?.stop();
    await registry?.stop();
  }
});

test('an operator creates, edits, watches, disables and deletes a policy', async ({ page }) => {
  test.setTimeout(60_000);
  const dashboard = new DashboardPage(page);
  const policies = new PoliciesPage(page);
  await dashboard.goto('/fleet');
  await expect(dashboard.heading).toHaveText('Fleet');
  await page.keyboard.press('g');
  await page.keyboard.press('p');
  await expect(page).toHaveURL(/\/policies$/);
  await expect(dashboard.heading).toHaveText('Policies');
  await expect(dashboard.emptyState('No rollout policies yet')).toBeVisible();

  // Create: the form checks before sending, then the policy is listed with its plan.
  await page.getByRole('link', { name: 'New policy' }).click();
  const form = policies.form();
  await form.getByRole('button', { name: 'Create policy' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'choose an image' })).toBeVisible();
  await policies.fill(form, { name: POLICY, image: image.reference, labels: LABEL_TEXT, batchSize: 1, startAtOnce: false });
  await expect(form.getByTestId('matching-hosts')).toHaveText('1 host match.');
  await form.getByRole('button', { name: 'Create policy' }).click();
  await expect(page).toHaveURL(/\/policies$/);
  const row = policies.row(POLICY);
  // Policy, image, hosts, starts, canary, batch, pause at, soak, state, last rollout, actions.
  await expect(row.getByRole('cell')).toHaveText([POLICY, image.reference, LABEL_TEXT, 'manual', '1', '1', '1 failed', '—', 'enabled', 'none yet', /Disable/]);

  // Edit: name and image are fixed; the plan changes, the hosts stay as they were.
  await row.getByRole('link', { name: POLICY, exact: true }).click();
  const edit = policies.form(POLICY);
  await expect(edit.getByLabel('Name', { exact: true })).toBeDisabled();
  await expect(edit.getByLabel('Labels', { exact: true })).toHaveValue(LABEL_TEXT);
  await policies.fill(edit, { canaryCount: 0, soakSeconds: 120 });
  await edit.getByRole('button', { name: 'Save policy' }).click();
  await expect(page).toHaveURL(/\/policies$/);
  await expect(row.getByRole('cell')).toHaveText([POLICY, image.reference, LABEL_TEXT, 'manual', '0', '1', '1 failed', '2 m 0 s', 'enabled', 'none yet', /Disable/]);
  const stored = await api.get<{ items: { name: string; selector: unknown; strategy: { canaryCount: number; soakSeconds: number } }[] }>('/api/rollout-policies');
  expect(stored.items.find((p) => p.name === POLICY)).toMatchObject({ selector: { labels: { ring: 'e2e-policy' } }, strategy: { canaryCount: 0, soakSeconds: 120 } });

  // A new revision of the tag: the policy creates a rollout, and the row shows it without a reload.
  await page.evaluate(() => Object.assign(window, { bootfleetE2eMarker: 'same page' }));
  await pushTestImage(registry, { repository: 'fleet/policy', tag: 'stable', version: '1.1' });
  await api.post(`/api/images/${image.id}/refresh`);
  const last = row.getByRole('link', { name: `${POLICY}: 1.1` });
  await expect(last).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText('scheduled');
  expect(await page.evaluate(() => (window as unknown as { bootfleetE2eMarker?: string }).bootfleetE2eMarker)).toBe('same page');
  await last.click();
  await expect(page).toHaveURL(/\/rollouts\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('rollout-state')).toHaveText('scheduled');
  await page.goBack();

  // Disable, then delete after the confirmation; the rollout it created stays.
  await row.getByRole('button', { name: `Disable ${POLICY}` }).click();
  await expect(row).toContainText('disabled');
  await expect(row.getByRole('button', { name: `Enable ${POLICY}` })).toBeVisible();
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: `Delete ${POLICY}` }).click();
  await expect(row).toHaveCount(0);
  await expect(dashboard.emptyState('No rollout policies yet')).toBeVisible();
  await page.goto('/rollouts');
  await expect(page.getByRole('table', { name: 'Rollouts' }).getByRole('link', { name: `${POLICY}: 1.1` })).toBeVisible();
});

test('a viewer sees the policies and no way to change them', async ({ browser, baseURL }) => {
  await api.post('/api/rollout-policies', { name: 'e2e viewed', imageId: image.id, selector: { group: 'e2e-viewed' } });
  const viewer = { username: `viewer-policies-${Date.now()}`, password: 'viewer-password-123' };
  await api.post('/api/users', { ...viewer, role: 'viewer' });

  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    expect((await page.request.post('/api/auth/login', { data: viewer })).ok()).toBe(true);
    const policies = new PoliciesPage(page);
    await policies.goto();
    const row = policies.row('e2e viewed');
    await expect(row).toContainText('group e2e-viewed');
    await expect(page.getByRole('link', { name: 'New policy' })).toHaveCount(0);
    await expect(row.getByRole('button')).toHaveCount(0);

    // Its settings open read-only.
    await row.getByRole('link', { name: 'e2e viewed', exact: true }).click();
    const form = policies.form('e2e viewed');
    await expect(form.getByLabel('Group', { exact: true })).toHaveValue('e2e-viewed');
    await expect(form.getByLabel('Group', { exact: true })).toBeDisabled();
    await expect(form.getByRole('button')).toHaveCount(0);
  } finally {
    await context.close();
  }
});
