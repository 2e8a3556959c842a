import type { Locator, Page } from '@playwright/test';

/** The layout shell every page shares: navigation, health indicator, page heading, empty state. */
export class DashboardPage {
  readonly nav: Locator;
  readonly health: Locator;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.health = page.getByRole('status', { name: 'Server health' });
    this.heading = page.getByRole('heading', { level: 1 });
  }

  async goto(path = '/'): Promise<void> {
    await this.page.goto(path);
  }

  navLink(label: string): Locator {
    return this.nav.getByRole('link', { name: new RegExp(`^${label}\\b`) });
  }

  emptyState(title: string): Locator {
    return this.page.getByRole('main').getByRole('region', { name: title });
  }
}
