import type { Browser, BrowserContext } from '@playwright/test';
import { E2E_ADMIN, expect, test } from './fixtures';

/** A browser context of its own, signed out, on the test server. */
async function freshContext(browser: Browser, baseURL: string | undefined): Promise<BrowserContext> {
  return browser.newContext({ baseURL });
}

test('a signed-out visitor signs in, lands where they were going, and signs out', async ({ browser, baseURL }) => {
  const context = await freshContext(browser, baseURL);
  const page = await context.newPage();
  await page.goto('/registries');
  await expect(page).toHaveURL(/\/login\?next=%2Fregistries$/);

  await page.getByLabel('User name').fill(E2E_ADMIN.username);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong user name or password');

  await page.getByLabel('Password').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/registries$/);
  await expect(page.getByLabel('Signed in as')).toContainText(E2E_ADMIN.username);
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === 'bootfleet_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

  // The audit page shows the refused and the accepted sign-in.
  await page.goto('/audit?action=auth.login');
  const events = page.getByRole('table', { name: 'Audit events' });
  await expect(events.getByText('denied: LOGIN_FAILED').first()).toBeVisible();
  await expect(events.getByText(E2E_ADMIN.username).first()).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
  await page.goto('/fleet');
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test('a viewer sees no admin actions and the API refuses them', async ({ page, browser, baseURL }) => {
  // The admin (the fixture's page) creates a viewer through the dashboard.
  const viewer = { username: `viewer-${Date.now()}`, password: 'viewer-password-123' };
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel('User name').fill(viewer.username);
  await dialog.getByLabel('Initial password').fill(viewer.password);
  await dialog.getByLabel('Role').selectOption('viewer');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('table', { name: 'Users' }).getByText(viewer.username)).toBeVisible();

  const context = await freshContext(browser, baseURL);
  const viewerPage = await context.newPage();
  await viewerPage.goto('/login');
  await viewerPage.getByLabel('User name').fill(viewer.username);
  await viewerPage.getByLabel('Password').fill(viewer.password);
  await viewerPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(viewerPage.getByLabel('Signed in as')).toContainText('viewer');

  await viewerPage.goto('/settings');
  await expect(viewerPage.getByRole('table', { name: 'API tokens' })).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: 'Add user' })).toHaveCount(0);
  await expect(viewerPage.getByRole('table', { name: 'Users' })).toHaveCount(0);

  // Even with a valid session and CSRF token, the server refuses what the page hides.
  const csrf = (await context.cookies()).find((c) => c.name === 'bootfleet_csrf')?.value ?? '';
  const refused = await viewerPage.request.post('/api/users', {
    data: { username: 'sneaky', password: 'sneaky-password-1', role: 'admin' },
    headers: { 'x-csrf-token': csrf },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe('ROLE_TOO_LOW');
  // Without the CSRF header the session cannot change anything at all.
  const noCsrf = await viewerPage.request.post('/api/tokens', { data: { name: 'x', role: 'viewer' } });
  expect((await noCsrf.json()).code).toBe('CSRF_TOKEN_INVALID');
  await context.close();
});
