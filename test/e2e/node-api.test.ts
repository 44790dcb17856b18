/**
 * The Node API against the demo gallery: the report comes from the extension's own capture and
 * its verdicts and reasons equal Chromium's own corsErrorStatus, read over CDP for the same page.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDemo, type DemoSite } from '../../src/demo/demo-site.ts';
import { launchInspector, type Inspector } from '../../src/node/inspector.ts';
import type { Report } from '../../src/shared/report.ts';
import { reportErrors } from '../support/report-schema.ts';

let demo: DemoSite;
beforeAll(async () => {
  demo = await startDemo();
});
afterAll(() => demo.close());

const galleryDone = (page: import('playwright-core').Page) =>
  page.waitForFunction(() => document.title.endsWith('(done)'), undefined, { timeout: 60_000 });

describe('launchInspector', () => {
  let inspector: Inspector;
  let report: Report;
  const chromiumSays = new Map<string, { corsError: string; failedParameter: string }>();

  beforeAll(async () => {
    inspector = await launchInspector();
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
    const tabId = await inspector.tabIdOf(page);
    await vi.waitFor(
      async () => {
        report = await inspector.report({ tabId });
        expect(report.exchanges.length).toBeGreaterThanOrEqual(27);
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

  it('narrows the report to a page URL', async () => {
    const narrowed = await inspector.report({ pageUrl: demo.url });
    expect(narrowed.exchanges.length).toBe(report.exchanges.length);
    expect((await inspector.report({ pageUrl: 'http://elsewhere.invalid/' })).exchanges).toEqual([]);
  });
});
