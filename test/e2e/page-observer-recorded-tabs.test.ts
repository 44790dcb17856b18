/**
 * The observer lives only where someone records. Chromium cannot register a content script for
 * one tab, so while a tab is recorded the scripts are registered for all; a document in a tab
 * nobody records is told so as it starts, and gets its native fetch back. When the last
 * recording stops, the scripts are unregistered.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../../src/node/chromium.ts';
import { callWorker } from '../../src/node/worker-api.ts';
import { close, launch, recorded, tabIdOf, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { FINISHED_WITH_PAGE_FACTS, recordsFor } from './support/records.ts';

let origins: Origins;
let browser: TestBrowser;

const NATIVE_FETCH = 'function fetch() { [native code] }';
const fetchSource = (p: Page) => p.evaluate(() => Function.prototype.toString.call(window.fetch));
const registered = () =>
  withTimeout(
    browser.worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id)),
    10_000,
    'registered scripts',
  );
const recordTab = (tabId: number, on: boolean) =>
  on
    ? callWorker(browser.worker, 'recordTab', tabId, 'test')
    : callWorker(browser.worker, 'stopRecordTab', tabId, 'test');

beforeAll(async () => {
  origins = await startOrigins();
  origins.route('/star', (_req, res) => {
    res.writeHead(200, { 'access-control-allow-origin': '*' });
    res.end('star');
  });
  browser = await launch();
});

afterAll(async () => {
  if (browser) await close(browser);
  await origins?.close();
});

describe('the observer and recording', () => {
  it('is not registered while nobody records', async () => {
    expect(await registered()).toEqual([]);
  });

  it('observes the recorded tab from its current document on, and quiets an unrecorded one', async () => {
    const recordedPage = await browser.context.newPage();
    await recordedPage.goto(`${origins.page}/page/recorded`);
    // Recording starts after the page loaded: the observer is injected into the running document.
    await recordTab(await tabIdOf(browser, recordedPage), true);
    expect(await fetchSource(recordedPage)).not.toBe(NATIVE_FETCH);
    expect((await registered()).length).toBe(2);

    // Registered for every tab (Chromium has no per-tab registration); as the document starts,
    // the worker answers "not wanted", and the page gets its own fetch back.
    const other = await browser.context.newPage();
    await other.goto(`${origins.page}/page/not-recorded`);
    await expect.poll(() => fetchSource(other)).toBe(NATIVE_FETCH);
    await other.evaluate((u) => fetch(u).then((r) => r.status), `${origins.api}/star?unrecorded`);

    const url = `${origins.api}/star?recorded`;
    await recordedPage.evaluate((u) => fetch(u).then((r) => r.status), url);
    const [record] = await recordsFor(browser, [url], FINISHED_WITH_PAGE_FACTS);
    expect(record?.pageFacts?.seen).toBe('page-and-network');
    expect((await recorded(browser)).some((r) => r.url.endsWith('?unrecorded'))).toBe(false);

    await recordTab(await tabIdOf(browser, recordedPage), false);
    await other.close();
    await recordedPage.close();
  });

  it('is unregistered when the last recording stops', async () => {
    await expect.poll(registered).toEqual([]);
  });
});
