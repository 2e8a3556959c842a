import type { Locator, Page } from '@playwright/test';

export interface PolicyFormValues {
  name?: string;
  /** The image's reference, as the Image list shows it. */
  image?: string;
  /** "key=value" labels choosing the hosts. */
  labels?: string;
  canaryCount?: number;
  /** Batches of this many hosts. */
  batchSize?: number;
  soakSeconds?: number;
  startAtOnce?: boolean;
}

/** The Policies page (/policies): the table of rollout policies and the policy form (/policies/new, /policies/:id). */
export class PoliciesPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Rollout policies' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/policies');
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** The form of a new policy, or of the policy named `name`. */
  form(name?: string): Locator {
    return this.page.getByRole('form', { name: name === undefined ? 'New policy' : `Policy ${name}` });
  }

  async fill(form: Locator, values: PolicyFormValues): Promise<void> {
    if (values.name !== undefined) await form.getByLabel('Name', { exact: true }).fill(values.name);
    if (values.image !== undefined) await form.getByLabel('Image', { exact: true }).selectOption({ label: values.image });
    if (values.labels !== undefined) await form.getByLabel('Labels', { exact: true }).fill(values.labels);
    if (values.canaryCount !== undefined) await form.getByLabel('Canary hosts').fill(String(values.canaryCount));
    if (values.batchSize !== undefined) {
      await form.getByLabel('Batch size in').selectOption({ label: 'Hosts' });
      await form.getByLabel('Batch size', { exact: true }).fill(String(values.batchSize));
    }
    if (values.soakSeconds !== undefined) await form.getByLabel('Soak after canaries (s)').fill(String(values.soakSeconds));
    if (values.startAtOnce !== undefined) {
      await form.getByRole('radio', { name: values.startAtOnce ? 'Create a rollout and start it at once' : 'Create a rollout for an operator to start' }).check();
    }
  }
}
