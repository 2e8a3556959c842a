import type { Locator, Page } from '@playwright/test';

/** One host: its three bootc slots, facts, timer, history and jobs, and its pull pre-flight. */
export class HostPage {
  constructor(readonly page: Page) {}

  slot(title: 'Booted' | 'Staged' | 'Rollback'): Locator {
    return this.page.getByRole('region', { name: `${title} slot` });
  }

  facts(): Locator {
    return this.page.getByRole('region', { name: 'Facts' });
  }

  /** "Pre-flight pull" for the image chosen by default (the host's own) or the one named; resolves with the result region. */
  async preflight(imageReference?: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Pre-flight pull' }).click();
    const dialog = this.page.getByRole('dialog', { name: /^Pre-flight pull on / });
    if (imageReference) await dialog.getByLabel('Image').selectOption({ label: imageReference });
    await dialog.getByRole('button', { name: /^(Run pre-flight|Run again)$/ }).click();
    return dialog.getByRole('region', { name: 'Pre-flight result' });
  }

  /** One line of a pre-flight result, by check (`reachable`, `credentials`, `trust`, `pull`); `data-state` is ok, failed or not tried. */
  preflightCheck(result: Locator, name: 'reachable' | 'credentials' | 'trust' | 'pull'): Locator {
    return result.locator(`li[data-check="${name}"]`);
  }
}
