import { expect, test } from './fixtures';

// Maintenance windows through the dashboard: the form's live preview (description, next openings,
// inline errors from the API) and the saved window in the list.

test('create a window through the form, see its next openings, and toggle it', async ({ page }) => {
  await page.goto('/windows');
  await page.getByRole('button', { name: 'New window' }).click();
  const dialog = page.getByRole('dialog');

  await dialog.getByLabel('Name').fill('sunday-night');
  await dialog.getByLabel('Schedule (cron)').fill('0 2 * * 0 *');
  await dialog.getByLabel('Time zone').fill('Europe/Berlin');
  await dialog.getByLabel('All hosts').check();
  // The preview refuses the six-field cron next to its field, with the API's message.
  await expect(dialog.locator('#window-cron-error')).toContainText('exactly 5 fields');

  await dialog.getByLabel('Schedule (cron)').fill('0 2 * * 0');
  await dialog.getByLabel('Duration (minutes)').fill('180');
  const preview = dialog.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('At 02:00, only on Sunday (Europe/Berlin), for 3 hours');
  await expect(preview).toContainText('Covers all hosts: 0 hosts now');
  const openings = preview.getByRole('table', { name: 'Next openings' }).locator('tbody tr');
  await expect(openings).toHaveCount(5);
  // Every opening starts on a Sunday at 02:00 Berlin time (CET or CEST).
  for (const row of await openings.all()) await expect(row.locator('td').first()).toContainText(/^Sun, .* 02:00 GMT\+[12]$/);

  await dialog.getByLabel('Duration (minutes)').fill('5');
  await expect(dialog.locator('#window-duration-error')).toContainText('shorter than the 15-minute minimum');
  await dialog.getByLabel('Duration (minutes)').fill('180');
  await dialog.getByRole('button', { name: 'Create window' }).click();
  await expect(dialog).toBeHidden();

  const table = page.getByRole('table', { name: 'Maintenance windows' });
  const row = table.getByRole('row').filter({ hasText: 'sunday-night' });
  await expect(row).toContainText('At 02:00, only on Sunday (Europe/Berlin), for 3 hours');
  await expect(row).toContainText('all hosts');
  await expect(row).toContainText(/in \d+ (days|hours|minutes)|open now|tomorrow/);
  await expect(row).toContainText(/Sun, .* 02:00 GMT\+[12]/);

  // The box follows the saved state, so click and wait for the server's answer to show.
  const toggle = row.getByRole('checkbox', { name: 'sunday-night enabled' });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  const saved = await page.request.get('/api/windows');
  expect((await saved.json()) as { name: string; enabled: boolean }[]).toEqual([expect.objectContaining({ name: 'sunday-night', enabled: false })]);
});
