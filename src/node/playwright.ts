/**
 * `cors-inspector/playwright`: a Playwright Test fixture and matcher. Each worker process launches
 * one Chromium recorded by the Node API (`corsInspectorOptions`, e.g. `{ source: 'extension' }`;
 * the CDP source by default); each test gets a fresh recorded page.
 *
 *   import { test, expect } from 'cors-inspector/playwright';
 *   test('checkout has no CORS errors', async ({ page }) => {
 *     await page.goto('http://127.0.0.1:8080/checkout');
 *     await expect(page).toHaveNoCorsErrors({ ignore: ['/analytics/'], failOnFindings: 'high' });
 *   });
 *
 * `corsReport()` gives the page's report for custom checks. Shards with Playwright's own
 * `--shard`: every worker has its own browser and profile.
 */
import { test as base, expect as baseExpect, type ExpectMatcherState } from '@playwright/test';
import type { Page } from 'playwright-core';
import type { Report } from '../shared/report.ts';
import { type CorsMatcherOptions, MATCHER_NAME, toHaveNoCorsErrors } from './cors-matcher.ts';
import { launchInspector, type Inspector, type InspectorOptions } from './inspector.ts';

export type { CorsMatcherOptions } from './cors-matcher.ts';

export interface CorsFixtures {
  /** The report for this test's page so far. */
  corsReport: () => Promise<Report>;
}

export interface CorsWorkerFixtures {
  corsInspector: Inspector;
  corsInspectorOptions: InspectorOptions;
}

/** Which inspector records a page: the matcher receives only the page. */
const recordedBy = new WeakMap<Page, Inspector>();

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
    recordedBy.set(page, corsInspector);
    await use(page);
    await page.close();
  },
  corsReport: async ({ corsInspector, page }, use) => {
    const tabId = await corsInspector.tabIdOf(page);
    await use(() => corsInspector.report({ tabId }));
  },
});

function currentTest() {
  try {
    return test.info();
  } catch {
    return null;
  }
}

export const expect = baseExpect.extend({
  async [MATCHER_NAME](this: ExpectMatcherState, page: Page, options?: CorsMatcherOptions) {
    const hint = () => this.utils.matcherHint(MATCHER_NAME, 'page', '', { isNot: this.isNot, promise: this.promise });
    return toHaveNoCorsErrors(
      { isNot: this.isNot, timeout: this.timeout, matcherHint: hint },
      recordedBy.get(page),
      page,
      currentTest(),
      options,
    );
  },
});
