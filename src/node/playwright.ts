/**
 * `cors-inspector/playwright`: a Playwright Test fixture. Each worker process launches one
 * Chromium recorded by the Node API (`corsInspectorOptions`, e.g. `{ source: 'extension' }`; the
 * CDP source by default); each test gets a fresh page and, after it, `corsReport` for it.
 *
 *   import { test, expect } from 'cors-inspector/playwright';
 *   test('checkout has no CORS errors', async ({ page, corsReport }) => {
 *     await page.goto('http://127.0.0.1:8080/checkout');
 *     expect((await corsReport()).summary.blocked).toBe(0);
 *   });
 *
 * Shards with Playwright's own `--shard`: every worker has its own browser and profile.
 */
import { test as base, expect } from '@playwright/test';
import type { Page } from 'playwright-core';
import type { Report } from '../shared/report.ts';
import { launchInspector, type Inspector, type InspectorOptions } from './inspector.ts';

export interface CorsFixtures {
  /** The report for this test's page so far. */
  corsReport: () => Promise<Report>;
}

export interface CorsWorkerFixtures {
  corsInspector: Inspector;
  corsInspectorOptions: InspectorOptions;
}

export const test = base.extend<CorsFixtures & { page: Page }, CorsWorkerFixtures>({
  corsInspectorOptions: [{}, { scope: 'worker', option: true }],
  corsInspector: [
    async ({ corsInspectorOptions }, use) => {
      const inspector = await launchInspector(corsInspectorOptions);
      await use(inspector);
      await inspector.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ corsInspector }, use) => {
    const page = await corsInspector.newPage();
    await use(page);
    await page.close();
  },
  corsReport: async ({ corsInspector, page }, use) => {
    const tabId = await corsInspector.tabIdOf(page);
    await use(() => corsInspector.report({ tabId }));
  },
});

export { expect };
