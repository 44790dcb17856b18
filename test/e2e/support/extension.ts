/** Test helpers around the built extension: launch, tab ids, and the worker's inspection API. */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, withTimeout, type LaunchedExtension } from '../../../src/node/chromium.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';

/** The built extension; CORS_INSPECTOR_DIST points tests at another build. */
export const DIST = process.env.CORS_INSPECTOR_DIST ?? path.resolve(import.meta.dirname, '../../../dist');

export type TestBrowser = LaunchedExtension;

export function launch(args: string[] = []): Promise<TestBrowser> {
  return launchWithExtension({ extensionDir: DIST, args });
}

/** The extension's tab id for a Playwright page (matched by URL; give pages distinct URLs). */
export async function tabIdOf(b: TestBrowser, page: Page): Promise<number> {
  const url = page.url();
  const id = await withTimeout(
    b.worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? -1, url),
    10_000,
    'tabs.query',
  );
  if (id < 0) throw new Error(`no tab with url ${url}`);
  return id;
}

/** Exchanges the worker recorded (optionally for one tab), in observation order. */
export function recorded(b: TestBrowser, tabId?: number): Promise<ExchangeRecord[]> {
  return withTimeout(
    b.worker.evaluate(
      (t) =>
        (
          globalThis as unknown as { corsInspector: { exchanges(f?: { tabId?: number }): Promise<ExchangeRecord[]> } }
        ).corsInspector.exchanges(t === undefined ? {} : { tabId: t }),
      tabId,
    ),
    15_000,
    'corsInspector.exchanges()',
  );
}

/** Starts recording every tab (what a CLI/Node session does). */
export function recordAll(b: TestBrowser): Promise<void> {
  return withTimeout(
    b.worker.evaluate(() =>
      (globalThis as unknown as { corsInspector: { recordAll(owner: string): Promise<void> } }).corsInspector.recordAll(
        'test',
      ),
    ),
    10_000,
    'corsInspector.recordAll()',
  );
}

export async function close(b: TestBrowser): Promise<void> {
  await b.context.close();
}
