/**
 * Runs one scenario of the end-to-end table (test/e2e/support/scenario-table.ts) in a Firefox page:
 * the same servers, the same documents (top page, sandboxed iframe, data: iframe) and the same
 * in-page calls as the Chromium matrix, driven with puppeteer over BiDi instead of Playwright.
 */
import type { Frame, Page } from 'puppeteer-core';
import type { Origins } from '../../e2e/support/origins.ts';
import { performCalls, type JsOutcome, type ResolvedCall } from '../../e2e/support/scenario-page.ts';
import { expandTemplate, scenarioBase, serveScenario } from '../../e2e/support/scenario-server.ts';
import type { Scenario } from '../../e2e/support/scenario-types.ts';

const TOP_PATH = '/page/firefox-top';
const SANDBOX_HOST_PATH = '/page/firefox-sandbox-host';
const SANDBOXED_PATH = '/page/firefox-sandboxed';
const DATA_HOST_PATH = '/page/firefox-data-host';
const DATA_FRAME = 'data:text/html,<!doctype html><title>data frame</title>';

export interface FirefoxRun {
  /** The calls as made, URLs expanded, in call order. */
  calls: ResolvedCall[];
  /** What the page's JavaScript saw, per call. */
  js: JsOutcome[];
  /** The serialized origin of the document the calls ran in ('null' in the opaque frames). */
  frameOrigin: string;
}

/** Puts the page on the document the calls run in (as the Chromium matrix's frameFor) and returns its frame. */
async function frameFor(page: Page, origins: Origins, from: NonNullable<Scenario['from']>): Promise<Frame> {
  const host = { top: TOP_PATH, 'sandboxed-iframe': SANDBOX_HOST_PATH, 'data-iframe': DATA_HOST_PATH }[from];
  const target = `${origins.page}${host}`;
  if (from !== 'top') {
    const iframe =
      from === 'sandboxed-iframe'
        ? `<iframe sandbox="allow-scripts" src="${SANDBOXED_PATH}"></iframe>`
        : `<iframe src="${DATA_FRAME}"></iframe>`;
    origins.route(host, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>${from} host</title>${iframe}`);
    });
  }
  if (page.url() !== target) await page.goto(target);
  if (from === 'top') return page.mainFrame();
  const frame = page
    .frames()
    .find((f) => (from === 'data-iframe' ? f.url().startsWith('data:') : new URL(f.url()).pathname === SANDBOXED_PATH));
  if (!frame) throw new Error(`the ${from} did not load`);
  return frame;
}

export async function runInFirefox(page: Page, origins: Origins, scenario: Scenario): Promise<FirefoxRun> {
  const base = scenarioBase(scenario);
  serveScenario(origins, scenario);
  const frame = await frameFor(page, origins, scenario.from ?? 'top');
  if (scenario.cookie)
    await page.browser().setCookie({ name: 'sid', value: 'c00kie', domain: '127.0.0.1', path: `${base}/` });
  const calls: ResolvedCall[] = scenario.calls.map((c) => ({
    ...c,
    url: new URL(expandTemplate(c.url, { origins, base })).href,
    headers: c.headers?.map(([n, v]) => [n, expandTemplate(v, { origins, base })] as const),
  }));
  const frameOrigin = await frame.evaluate(() => self.origin);
  const js = await frame.evaluate(performCalls, { calls, concurrent: scenario.concurrent === true });
  return { calls, js, frameOrigin };
}
