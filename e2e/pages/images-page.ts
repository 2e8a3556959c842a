import type { Locator, Page } from '@playwright/test';

/** The Images page: tracked tags, current revisions, poll status, details with timeline and chart. */
export class ImagesPage {
  readonly table: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Images' });
    this.dialog = page.getByRole('dialog', { name: 'Track image' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/images');
  }

  row(reference: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('button', { name: `Show ${reference}` }) });
  }

  /** Version, short digest and architecture of each current revision. */
  currentRevision(reference: string): Locator {
    return this.row(reference).getByTestId('current-revision');
  }

  pollStatus(reference: string): Locator {
    return this.row(reference).locator('td').nth(3);
  }

  async refresh(reference: string): Promise<void> {
    await this.row(reference).getByRole('button', { name: `Refresh ${reference}` }).click();
  }

  async track(values: { registry?: string; repository: string; tag: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Track image' }).click();
    if (values.registry) await this.dialog.getByLabel('Registry').selectOption({ label: values.registry });
    await this.dialog.getByLabel('Repository').fill(values.repository);
    await this.dialog.getByLabel('Tag').fill(values.tag);
    await this.dialog.getByRole('button', { name: 'Track image' }).click();
  }

  fieldError(label: string): Locator {
    return this.dialog.locator('.form-field').filter({ has: this.page.getByText(label, { exact: true }) }).getByRole('alert');
  }

  formError(): Locator {
    return this.dialog.locator('.form-error');
  }

  /** Opens the details of one image and returns its region. */
  async open(reference: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Show ${reference}` }).click();
    return this.page.getByRole('region', { name: `Image ${reference}` });
  }

  timeline(details: Locator): Locator {
    return details.getByRole('list', { name: 'Revision timeline' }).getByRole('listitem');
  }

  chartBars(details: Locator): Locator {
    return details.getByTestId('revision-bar');
  }
}
