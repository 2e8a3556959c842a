import type { Locator, Page } from '@playwright/test';

export interface EnrollValues {
  name: string;
  address: string;
  port: number;
  user: string;
  privateKeyPath: string;
}

/** The Fleet page: the host table, its filters and bulk actions, and the enroll dialog. */
export class FleetPage {
  readonly table: Locator;
  readonly enrollDialog: Locator;
  readonly toolbar: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Hosts' });
    this.enrollDialog = page.getByRole('dialog', { name: 'Enroll host' });
    this.toolbar = page.getByRole('toolbar', { name: 'Bulk actions' });
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/fleet${query}`);
  }

  row(name: string): Locator {
    return this.table.locator(`tr[data-host="${name}"]`);
  }

  cell(name: string, column: 'booted' | 'update' | 'status' | 'staged' | 'rollback' | 'timer'): Locator {
    return this.row(name).locator(`td[data-column="${column}"]`);
  }

  /** Address → Probe → approve the presented key → private key file → Enroll. Returns the fingerprint shown. */
  async enroll(values: EnrollValues): Promise<string> {
    await this.page.getByRole('button', { name: 'Enroll host' }).click();
    const d = this.enrollDialog;
    await d.getByLabel('Address').fill(values.address);
    await d.getByLabel('Port').fill(String(values.port));
    await d.getByLabel('SSH user').fill(values.user);
    await d.getByRole('button', { name: 'Probe' }).click();
    const fingerprint = (await d.getByTestId('presented-fingerprint').textContent()) ?? '';
    await d.getByRole('checkbox', { name: /Approve .* key/ }).check();
    await d.getByLabel('Name', { exact: true }).fill(values.name);
    await d.getByRole('radio', { name: 'Private key' }).check();
    await d.getByLabel('Private key file').setInputFiles(values.privateKeyPath);
    await d.getByRole('button', { name: 'Enroll', exact: true }).click();
    return fingerprint;
  }

  async select(name: string): Promise<void> {
    await this.row(name).getByRole('checkbox', { name: `Select ${name}` }).check();
  }

  async bulk(action: string): Promise<void> {
    await this.toolbar.getByRole('button', { name: action }).click();
  }
}
