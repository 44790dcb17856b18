/**
 * Playwright attached to the spawned browser (connectOverCDP): the "CDP alone" recorder. Playwright
 * enables Network (and Page, Runtime, …) on every page it drives, so this is "Playwright alone" —
 * what every CLI, Node API and Playwright-fixture run already pays before our source is added.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { waitUntil } from '../src/demo/devtools-front-end.ts';
import type { SpawnedBrowser } from './browser.ts';

export interface PlaywrightSession {
  context: BrowserContext;
  /** The measured page, as Playwright drives it. */
  page: Page;
  /** Requests Playwright reported finished on the page whose URL contains `text`. */
  finished(text: string): number;
  close(): Promise<void>;
}

export async function attachPlaywright(b: SpawnedBrowser, pageUrl: string): Promise<PlaywrightSession> {
  // Playwright attaches to every target first: slow on a loaded machine.
  const browser = await chromium.connectOverCDP(b.endpoint, { timeout: 90_000 });
  try {
    const context = browser.contexts()[0]!;
    const page = await waitUntil(
      () => context.pages().find((p) => p.url() === pageUrl),
      `Playwright to see ${pageUrl}`,
    );
    const urls: string[] = [];
    page.on('requestfinished', (r) => urls.push(r.url()));
    return {
      context,
      page,
      finished: (text) => urls.filter((u) => u.includes(text)).length,
      // Disconnects; the bench closes the browser itself.
      close: () => browser.close().catch(() => undefined),
    };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}
