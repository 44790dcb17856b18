/**
 * The Node API against the demo gallery, through each source: the report comes from the CDP
 * source's records (the default) or the extension's own capture, and its verdicts and reasons
 * equal Chromium's own corsErrorStatus, read over a CDP session of the test's own for the same
 * page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDemo, type DemoSite } from '../../src/demo/demo-site.ts';
import { launchInspector, type Inspector, type InspectorSource } from '../../src/node/inspector.ts';
import type { Report } from '../../src/shared/report.ts';
import { reportErrors } from '../support/report-schema.ts';

let demo: DemoSite;
beforeAll(async () => {
  demo = await startDemo();
});
afterAll(() => demo.close());

const galleryDone = (page: import('playwright-core').Page) =>
  page.waitForFunction(() => document.title.endsWith('(done)'), undefined, { timeout: 60_000 });

/** The gallery's call from a sandboxed srcdoc iframe (its own process: see below). */
const SRCDOC_CALL = '/s/null-origin';

describe.each<InspectorSource>(['cdp', 'extension'])("launchInspector({ source: '%s' })", (source) => {
  let inspector: Inspector;
  let report: Report;
  let tabId: number;
  const chromiumSays = new Map<string, { corsError: string; failedParameter: string }>();

  beforeAll(async () => {
    inspector = await launchInspector({ source });
    expect(inspector.source).toBe(source);
    const page = await inspector.newPage();
    const cdp = await inspector.context.newCDPSession(page);
    const urls = new Map<string, string>();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFailed', (e) => {
      if (e.corsErrorStatus) chromiumSays.set(urls.get(e.requestId)!, e.corsErrorStatus);
    });
    await cdp.send('Network.enable');
    await page.goto(demo.url);
    await galleryDone(page);
    // The worker hears of the last requests shortly after the page does: wait until all are finished.
    tabId = await inspector.tabIdOf(page);
    await vi.waitFor(
      async () => {
        report = await inspector.report({ tabId });
        expect(report.exchanges.length + missedSrcdocCall(report)).toBeGreaterThanOrEqual(27);
        expect(report.exchanges.filter((x) => x.browserOutcome === 'pending')).toEqual([]);
      },
      { timeout: 20_000, interval: 100 },
    );
  }, 120_000);
  afterAll(() => inspector.close());

  it('reports every exchange of the page, valid against the schema', () => {
    expect(reportErrors(report)).toEqual([]);
    expect(report.exchanges.length).toBeGreaterThanOrEqual(26);
    expect(report.browser.name).toBe('Chromium');
  });

  it('records the sandboxed srcdoc iframe’s call, or names it as missed (never silently)', () => {
    // Chromium runs a sandboxed iframe in its own process and lets a srcdoc one run as soon as
    // Playwright's session resumes it: the CDP source may be too late for its first fetch.
    const recorded = report.exchanges.some((x) => x.url.endsWith(SRCDOC_CALL));
    if (source === 'extension') expect(recorded).toBe(true);
    else expect(recorded || missedSrcdocCall(report) === 1, JSON.stringify(report.capture)).toBe(true);
  });

  it.runIf(source === 'cdp')("carries Chromium's own verdict on every exchange, and agrees with it", () => {
    const disagreements = report.exchanges.filter((x) => !x.chromium?.agrees);
    expect(disagreements.map((x) => [x.url, x.verdict, x.reason?.code, x.chromium])).toEqual([]);
    expect(report.exchanges.every((x) => x.source === 'cdp')).toBe(true);
    expect(report.exchanges.filter((x) => x.chromium?.corsError).length).toBe(chromiumSays.size);
  });

  it("agrees with Chromium's own corsErrorStatus on every blocked read", () => {
    expect(chromiumSays.size).toBeGreaterThanOrEqual(12);
    for (const [url, status] of chromiumSays) {
      const x = report.exchanges.find((e) => e.url === url && e.verdict === 'blocked');
      expect([url, x?.reason?.code, x?.reason?.failedParameter]).toEqual([
        url,
        status.corsError,
        status.failedParameter,
      ]);
    }
    for (const x of report.exchanges.filter((e) => e.verdict === 'blocked'))
      expect(chromiumSays.has(x.url), x.url).toBe(true);
  });

  it('writes the same report to a file, one exchange at a time', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cors-write-')), 'report.json');
    try {
      const summary = await inspector.writeReport(file, { tabId });
      const written = JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
      expect(reportErrors(written)).toEqual([]);
      expect(summary).toEqual(report.summary);
      expect(written.exchanges.map((x) => [x.id, x.verdict, x.reason?.code])).toEqual(
        report.exchanges.map((x) => [x.id, x.verdict, x.reason?.code]),
      );
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('narrows the report to a page URL', async () => {
    const narrowed = await inspector.report({ pageUrl: demo.url });
    expect(narrowed.exchanges.length).toBe(report.exchanges.length);
    expect((await inspector.report({ pageUrl: 'http://elsewhere.invalid/' })).exchanges).toEqual([]);
  });
});

/** 1 when the report names the srcdoc call among the requests the CDP source saw too late, else 0. */
function missedSrcdocCall(report: Report): number {
  const gaps = (report.capture?.tabs ?? []).flatMap((t) => t.gaps);
  return gaps.some((g) => g.why.includes(SRCDOC_CALL)) ? 1 : 0;
}
