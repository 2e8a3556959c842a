import type { Locator, Page } from '@playwright/test';
import { PushCredentialsDialog } from './push-credentials-dialog';

export interface RegistryFormValues {
  name?: string;
  url?: string;
  insecure?: boolean;
  caPem?: string;
  credentials?: { username: string; password: string } | { token: string };
}

/** The Registries page: table, add/edit dialog, connection tests, credentials pushed to hosts. */
export class RegistriesPage {
  readonly table: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Registries' });
    this.dialog = page.getByRole('dialog');
  }

  async goto(): Promise<void> {
    await this.page.goto('/registries');
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  async openAddForm(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add registry' }).click();
  }

  async fill(values: RegistryFormValues): Promise<void> {
    if (values.name !== undefined) await this.dialog.getByLabel('Name').fill(values.name);
    if (values.url !== undefined) await this.dialog.getByLabel('URL').fill(values.url);
    if (values.insecure !== undefined) await this.dialog.getByLabel('Skip TLS verification (insecure)').setChecked(values.insecure);
    if (values.caPem !== undefined) await this.dialog.getByLabel('Custom CA (PEM)').fill(values.caPem);
    const credentials = values.credentials;
    if (credentials && 'token' in credentials) {
      await this.dialog.getByLabel('Credentials').selectOption('token');
      await this.dialog.getByLabel('Token').fill(credentials.token);
    } else if (credentials) {
      await this.dialog.getByLabel('Credentials').selectOption('basic');
      await this.dialog.getByLabel('Username').fill(credentials.username);
      await this.dialog.getByLabel('Password').fill(credentials.password);
    }
  }

  /** Runs "Test connection" on the unsaved form; the result shows next to the buttons. */
  async testConnection(): Promise<Locator> {
    await this.dialog.getByRole('button', { name: 'Test connection' }).click();
    return this.dialog.locator('.form-actions__result');
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: /^(Add registry|Save)$/ }).click();
  }

  /** The inline error under a field, by its label. */
  fieldError(label: string): Locator {
    return this.dialog.locator('.form-field').filter({ has: this.page.getByText(label, { exact: true }) }).getByRole('alert');
  }

  formError(): Locator {
    return this.dialog.locator('.form-error');
  }

  /** "Push credentials" of one registry: the dialog where hosts are picked. */
  async openPush(name: string): Promise<PushCredentialsDialog> {
    await this.page.getByRole('button', { name: `Push credentials of ${name} to hosts` }).click();
    return new PushCredentialsDialog(this.page, `Push ${name} credentials to hosts`);
  }
}
