import { chromium } from '@playwright/test';
import type { BenchServer } from './bench-server';
import { summarize } from './stats';

const RUNS = 5;

/** Time from navigating to /fleet until the host table shows rows, in Debian's Chromium, signed in. */
export async function measureFirstRender(server: BenchServer): Promise<Record<string, unknown>> {
  const browser = await chromium.launch({ executablePath: process.env.BOOTFLEET_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu'] });
  try {
    const cookies = server.cookie.split('; ').map((pair) => {
      const eq = pair.indexOf('=');
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: server.baseUrl };
    });
    const samples: number[] = [];
    // The first run also fills Chromium's cache; it is reported apart from the others.
    let cold = 0;
    for (let run = 0; run <= RUNS; run++) {
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${server.baseUrl}/fleet`);
      await page.locator('table[aria-label="Hosts"] tbody tr[data-host]').first().waitFor({ state: 'visible', timeout: 30_000 });
      const ms = performance.now() - t0;
      if (run === 0) cold = ms;
      else samples.push(ms);
      await context.close();
    }
    return { coldMs: Math.round(cold), warmMs: summarize(samples) };
  } finally {
    await browser.close();
  }
}
