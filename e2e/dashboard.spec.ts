import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard-page';

const PAGES = [
  { label: 'Fleet', path: '/fleet', empty: 'No hosts enrolled yet' },
  { label: 'Rollouts', path: '/rollouts', empty: 'No rollouts yet' },
  { label: 'Policies', path: '/policies', empty: 'No rollout policies yet' },
  { label: 'Images', path: '/images', empty: 'No images tracked yet' },
  { label: 'Registries', path: '/registries', empty: 'No registries configured' },
  { label: 'Windows', path: '/windows', empty: 'No maintenance windows' },
  { label: 'ISOs', path: '/isos', empty: 'No base ISO yet' },
  // Settings always has something to show.
  { label: 'Settings', path: '/settings', empty: null },
] as const;

test('the dashboard loads at / and shows the server healthy', async ({ page, request }) => {
  const health = (await (await request.get('/api/health')).json()) as { status: string; version: string };
  expect(health.status).toBe('ok');

  const dashboard = new DashboardPage(page);
  await dashboard.goto('/');
  await expect(page).toHaveURL(/\/fleet$/);
  await expect(dashboard.heading).toHaveText('Fleet');
  await expect(dashboard.health).toContainText('Healthy');
  await expect(dashboard.health).toContainText(`v${health.version}`);
});

test('every page of a new installation shows its empty state and marks its navigation item', async ({ page }) => {
  const dashboard = new DashboardPage(page);
  await dashboard.goto('/');
  for (const p of PAGES) {
    await dashboard.navLink(p.label).click();
    await expect(page).toHaveURL(new RegExp(`${p.path}$`));
    await expect(dashboard.heading).toHaveText(p.label);
    if (p.empty) await expect(dashboard.emptyState(p.empty)).toBeVisible();
    await expect(dashboard.navLink(p.label)).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveTitle(`${p.label} · bootfleet`);
  }
});

test('a deep link survives a reload', async ({ page }) => {
  const dashboard = new DashboardPage(page);
  await dashboard.goto('/rollouts');
  await expect(dashboard.heading).toHaveText('Rollouts');
  await page.reload();
  await expect(dashboard.heading).toHaveText('Rollouts');
  await expect(dashboard.emptyState('No rollouts yet')).toBeVisible();
  await expect(dashboard.health).toContainText('Healthy');
});

test('keyboard shortcuts navigate and list themselves', async ({ page }) => {
  const dashboard = new DashboardPage(page);
  await dashboard.goto('/fleet');
  await expect(dashboard.heading).toHaveText('Fleet');
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await expect(page).toHaveURL(/\/isos$/);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Go to Windows');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('an unknown address shows the not-found page', async ({ page }) => {
  const dashboard = new DashboardPage(page);
  await dashboard.goto('/no/such/page');
  await expect(dashboard.heading).toHaveText('Page not found');
});
