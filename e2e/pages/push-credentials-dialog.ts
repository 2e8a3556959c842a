import type { Locator, Page } from '@playwright/test';

/** The "Push credentials" dialog: a registry (picked from the Fleet page) or hosts (picked here), then each host's result. */
export class PushCredentialsDialog {
  readonly dialog: Locator;

  constructor(
    readonly page: Page,
    title: string | RegExp,
  ) {
    this.dialog = page.getByRole('dialog', { name: title });
  }

  async chooseRegistry(name: string): Promise<void> {
    const select = this.dialog.getByLabel('Registry');
    // Options read "name (host:port)"; the option appears once the registries have loaded.
    await select.selectOption((await select.locator('option', { hasText: `${name} (` }).getAttribute('value')) ?? '');
  }

  /** Narrows the host picker with the Fleet page's label filter (`key=value`). */
  async filterByLabel(label: string): Promise<void> {
    await this.dialog.getByLabel('Label filter').fill(label);
    await this.dialog.getByLabel('Label filter').press('Enter');
  }

  async selectHost(name: string): Promise<void> {
    await this.dialog.getByRole('checkbox', { name: `Select ${name}` }).check();
  }

  async push(hostCount: number): Promise<void> {
    await this.dialog.getByRole('button', { name: `Push to ${hostCount} host${hostCount === 1 ? '' : 's'}` }).click();
  }

  summary(): Locator {
    return this.dialog.getByRole('region', { name: 'Push results' }).getByRole('status');
  }

  /** One host's row of the results: its name, then "written" or the error code and message. */
  result(hostName: string): Locator {
    return this.dialog.getByRole('table', { name: 'Push results' }).getByRole('row').filter({ has: this.page.getByRole('link', { name: hostName, exact: true }) });
  }

  /** Escape, as an operator closes it (focus is on the results' Close button). */
  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.dialog.waitFor({ state: 'hidden' });
  }
}
