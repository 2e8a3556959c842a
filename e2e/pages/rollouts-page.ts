import type { Locator, Page } from '@playwright/test';

export interface WizardValues {
  name: string;
  image: string;
  /** The revision's version as the Revision list starts its option text ("1.1 · amd64 · ..."). */
  version: string;
  /** "key=value" labels choosing the hosts. */
  labels: string;
  batchSize: number;
}

/** The create-rollout wizard at /rollouts/new: fill the steps, run the dry run, create. */
export class RolloutWizardPage {
  readonly form: Locator;
  readonly dryRun: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'New rollout' });
    this.dryRun = this.form.getByRole('region', { name: 'Dry run' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/rollouts');
    await this.page.getByRole('link', { name: 'New rollout' }).click();
  }

  /** Fills every step for a rollout that starts when created, in batches of `batchSize` hosts. */
  async fill(values: WizardValues): Promise<void> {
    const f = this.form;
    await f.getByLabel('Name', { exact: true }).fill(values.name);
    await f.getByLabel('Image', { exact: true }).selectOption({ label: values.image });
    const revision = f.getByLabel('Revision', { exact: true });
    // Option texts carry the digest, unknown here: pick the option by its leading version.
    const option = revision.locator('option', { hasText: new RegExp(`^${values.version.replace(/\./g, '\\.')} ·`) });
    await revision.selectOption((await option.getAttribute('value')) ?? '');
    await f.getByLabel('Labels', { exact: true }).fill(values.labels);
    await f.getByLabel('Batch size in').selectOption({ label: 'Hosts' });
    await f.getByLabel('Batch size', { exact: true }).fill(String(values.batchSize));
    await f.getByRole('radio', { name: 'Start when created' }).check();
  }

  matchingHosts(): Locator {
    return this.form.getByTestId('matching-hosts');
  }

  async runDryRun(): Promise<void> {
    await this.form.getByRole('button', { name: 'Dry run' }).click();
  }

  plannedRows(): Locator {
    return this.dryRun.getByRole('table', { name: 'Planned batches' }).locator('tbody tr');
  }

  async createAndStart(): Promise<void> {
    await this.form.getByRole('button', { name: 'Create and start' }).click();
  }
}

/** One rollout at /rollouts/:id: its state, batches of host chips coloured by phase, and host panels. */
export class RolloutDetailPage {
  readonly batches: Locator;

  constructor(readonly page: Page) {
    this.batches = page.getByRole('table', { name: 'Batches' });
  }

  state(): Locator {
    return this.page.getByTestId('rollout-state');
  }

  chips(): Locator {
    return this.batches.locator('.host-chip');
  }

  chip(hostName: string): Locator {
    return this.batches.getByRole('button', { name: new RegExp(`^${hostName}\\b`) });
  }

  progress(): Locator {
    return this.page.getByRole('progressbar', { name: 'Rollout progress' });
  }

  /** Selects a host's chip and returns its panel (phases, live log, link to the host page). */
  async openHost(hostName: string): Promise<Locator> {
    await this.chip(hostName).click();
    return this.page.getByRole('region', { name: `${hostName} in this rollout` });
  }
}

/** A host action's confirmation dialog on the host page (here: roll back), then its live job. */
export class HostActionDialogPage {
  readonly dialog: Locator;

  constructor(
    readonly page: Page,
    title: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: title });
  }

  /** What the host will boot, and what it boots now, as the server previews them. */
  willBoot(): Locator {
    return this.dialog.getByRole('region', { name: 'Will boot' });
  }

  async confirm(label: string): Promise<void> {
    await this.dialog.getByRole('button', { name: label, exact: true }).click();
  }

  progress(): Locator {
    return this.dialog.getByRole('region', { name: 'Action progress' });
  }
}
