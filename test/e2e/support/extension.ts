/** Test helpers around the built extension: launch, tab ids, and the worker's inspection API. */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type LaunchedExtension } from '../../../src/node/chromium.ts';
import { callWorker } from '../../../src/node/worker-api.ts';
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
  const id = (await callWorker(b.worker, 'tabs')).find((t) => t.url === url)?.id;
  if (id === undefined) throw new Error(`no tab with url ${url}`);
  return id;
}

/** Exchanges the worker recorded (optionally for one tab), in observation order. */
export function recorded(b: TestBrowser, tabId?: number): Promise<ExchangeRecord[]> {
  return callWorker(b.worker, 'exchanges', tabId === undefined ? {} : { tabId });
}

/** Starts recording every tab (what a CLI/Node session does). */
export function recordAll(b: TestBrowser): Promise<void> {
  return callWorker(b.worker, 'recordAll', 'test');
}

export async function close(b: TestBrowser): Promise<void> {
  await b.context.close();
}
