/**
 * The scenario matrix through DevTools' own network log. DevTools is open on the matrix page, so
 * the worker records the tab from `chrome.devtools.network` (the devtools page streams each
 * finished entry; no webRequest listener), and every record must say what Chromium decided
 * (CDP `loadingFailed.corsErrorStatus`, and what the page's JavaScript saw). The engine itself and
 * the extension's webRequest capture are held to the same table in engine-matrix.test.ts.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWorker } from '../../src/node/worker-api.ts';
import { waitFor } from '../support/wait.ts';
import { close, launch, tabIdOf, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { FINISHED, recordsFor } from './support/records.ts';
import { chromiumDecision, plainSameOrigin } from './support/scenario-oracle.ts';
import { expectRecordAgrees } from './support/scenario-records.ts';
import { MATRIX_BROWSER_ARGS, runScenario } from './support/scenario-runner.ts';
import { SCENARIOS } from './support/scenario-table.ts';

let origins: Origins;
let browser: TestBrowser;
let page: Page;
let cdp: CDPSession;
let tabId: number;

beforeAll(async () => {
  origins = await startOrigins();
  browser = await launch([...MATRIX_BROWSER_ARGS, '--auto-open-devtools-for-tabs']);
  page = await browser.context.newPage();
  await page.goto(`${origins.page}/page/devtools-matrix`);
  tabId = await tabIdOf(browser, page);
  cdp = await browser.context.newCDPSession(page);
});

afterAll(async () => {
  if (browser) await close(browser);
  await origins?.close();
});

describe('DevTools network source vs Chromium', () => {
  it('records the matrix tab from DevTools, with no webRequest listener', async () => {
    await waitFor(
      'the worker recording the tab from DevTools',
      () => callWorker(browser.worker, 'recordedTabs'),
      (tabs) => (tabs.includes(tabId) ? [] : [`tab ${tabId} is not recorded`]),
    );
    expect(await callWorker(browser.worker, 'extraHeadersListenerCount')).toBe(0);
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario.id}: ${scenario.description}`, async () => {
      const run = await runScenario(page, cdp, origins, scenario);
      const records = await recordsFor(
        browser,
        run.cdp.map((x) => x.request.hops[0]!.url),
        FINISHED,
        (i) => !plainSameOrigin(run, i),
      );
      run.cdp.forEach((_x, i) => {
        const call = `call ${i + 1}/${run.cdp.length}`;
        const record = records[i];
        expect
          .soft(record === undefined, `${call}: DevTools' log gave it (unless it is plain same-origin)`)
          .toBe(plainSameOrigin(run, i));
        if (!record) return;
        expect.soft(record.source, `${call}: recorded from DevTools' network log`).toBe('devtools');
        expectRecordAgrees(record, chromiumDecision(run, i), `${call}: the DevTools-fed record`);
      });
    });
  }
});
