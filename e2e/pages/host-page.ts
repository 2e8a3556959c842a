import type { Locator, Page } from '@playwright/test';

/** One host: its three bootc slots, facts, timer, history and jobs. */
export class HostPage {
  constructor(readonly page: Page) {}

  slot(title: 'Booted' | 'Staged' | 'Rollback'): Locator {
    return this.page.getByRole('region', { name: `${title} slot` });
  }

  facts(): Locator {
    return this.page.getByRole('region', { name: 'Facts' });
  }
}
