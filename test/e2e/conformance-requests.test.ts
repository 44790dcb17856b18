/**
 * The conformance corpus (issue 14, items 1–6) through the extension's own records, with Chromium
 * as the judge: each case's call is made in a real page while the extension records, Chromium's
 * own verdict is read over CDP (loadingFailed corsErrorStatus, or the Audits issue of a call
 * refused before any request), and the extension must agree — and must list every call it should
 * exactly once, nothing else, with its preflight folded in. One browser, one page, in sequence.
 */
import type { CDPSession, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumVerdict,
  expectRecorded,
  extensionVerdict,
  lastSeq,
  newRecords,
  recordedVerdict,
  runConformanceCase,
} from './support/conformance-runner.ts';
import { CONFORMANCE_CASES } from './support/conformance-table.ts';
import { close, launch, recordAll, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { collectCorsIssues, type CorsIssue } from './support/page-observer-helpers.ts';
import { expandTemplate, scenarioBase } from './support/scenario-server.ts';
import { frameFor } from './support/scenario-page.ts';

let origins: Origins;
let browser: TestBrowser;
let page: Page;
let frame: Frame;
let cdp: CDPSession;
let issues: CorsIssue[];

beforeAll(async () => {
  origins = await startOrigins();
  browser = await launch();
  await recordAll(browser);
  page = await browser.context.newPage();
  cdp = await browser.context.newCDPSession(page);
  issues = await collectCorsIssues(cdp);
  frame = await frameFor(page, origins, 'top');
});

afterAll(async () => {
  if (browser) await close(browser);
  await origins?.close();
});

describe('the conformance corpus', () => {
  it('covers every item of issue 14 that a single page call can show (1–6)', () => {
    expect(new Set(CONFORMANCE_CASES.map((c) => c.item))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(new Set(CONFORMANCE_CASES.map((c) => c.id)).size).toBe(CONFORMANCE_CASES.length);
  });
});

describe('extension vs Chromium', () => {
  for (const c of CONFORMANCE_CASES) {
    it(`${c.id}: ${c.description}`, async () => {
      const since = await lastSeq(browser);
      const run = await runConformanceCase(frame, cdp, issues, origins, c);
      const chromium = chromiumVerdict(run);
      const expand = (t: string) => expandTemplate(t, { origins, base: scenarioBase(c) });
      expect.soft(chromium, 'Chromium still does what the table records').toEqual({
        ...recordedVerdict(c.chromium),
        ...(c.chromium.verdict === 'blocked' ? { failedParameter: expand(c.chromium.failedParameter ?? '') } : {}),
      });
      if (c.chromium.verdict === 'failed' && run.request)
        expect.soft(run.request.failed?.errorText, 'net error').toBe(c.chromium.netError);

      const wanted = expectRecorded(c, run) ? 1 : 0;
      const records = await newRecords(browser, since, wanted);
      expect(
        records.map((r) => r.url),
        wanted ? 'the call is listed exactly once, and nothing else' : 'a same-origin call that never left stays out',
      ).toHaveLength(wanted);
      const record = records[0];
      if (!record) return;
      expect.soft(extensionVerdict(record), "the extension's record agrees with Chromium").toEqual(chromium);
      expect
        .soft(record.preflight !== null, 'its preflight is folded in exactly when Chromium sent one')
        .toBe(run.preflights.length > 0);
      expect.soft(record.pageFacts?.outcome, "the page's facts are joined").toBeTruthy();
      if (record.evaluation.verdict === 'failed') expect.soft(record.evaluation.failure).toBeTruthy();
    });
  }
});
