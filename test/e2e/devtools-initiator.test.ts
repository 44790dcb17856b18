/**
 * The page observer wraps fetch in the page's world, so its wrapper is on the stack of every
 * request the page makes. In the real DevTools front-end (not the panel as a tab), DevTools must
 * still name the page's own file and line as the initiator — in the Network panel's Initiator
 * column and on the console's net::ERR_FAILED line — exactly as with the observer off
 * (scripts/ignore-listed-scripts.ts says how).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { callWorker } from '../../src/node/worker-api.ts';
import {
  DEVTOOLS_FLAGS,
  debuggingPort,
  frontEnds,
  showCorsPanel,
  showPanel,
  type FrontEnds,
} from './support/devtools.ts';
import { close, launch, recorded, tabIdOf, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { screenshot } from './support/panel.ts';

let b: TestBrowser;
let origins: Origins;
let ends: FrontEnds;

/** The page's script: the fetch is on line 3. */
const APP_LINE = 3;

beforeAll(async () => {
  origins = await startOrigins();
  origins.route('/initiator/blocked', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('no CORS headers');
  });
  origins.route('/page-initiator', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(
      '<!doctype html><title>initiator</title><button id="go">go</button><script src="/initiator-app.js"></script>',
    );
  });
  origins.route('/initiator-app.js', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    res.end(
      [
        '// The page under test.',
        "document.getElementById('go').addEventListener('click', () => {",
        `  fetch('${origins.api}/initiator/blocked').catch(() => {});`,
        '});',
      ].join('\n'),
    );
  });
  b = await launch(DEVTOOLS_FLAGS);
  ends = frontEnds(await debuggingPort(b));
});

afterAll(async () => {
  await ends?.close();
  if (b) await close(b);
  await origins?.close();
});

const SDK = "(await import('./models/logs/logs.js')).NetworkLog.NetworkLog.instance()";

/** The DevTools front-end inspecting `page` (one DevTools per tab). */
async function devtoolsOf(page: Page): Promise<Page> {
  const url = JSON.stringify(page.url());
  for (const devtools of await ends.pages(2)) {
    const inspected = await devtools.evaluate(
      `(async () => (await import('./core/sdk/sdk.js')).TargetManager.TargetManager.instance().primaryPageTarget()?.inspectedURL())()`,
    );
    if (inspected === JSON.parse(url)) return devtools;
  }
  throw new Error(`no DevTools inspects ${page.url()}`);
}

/** What DevTools shows for the page's fetch: the raw stack's top frame, the Network cell, the console link. */
async function initiatorShown(page: Page, devtools: Page) {
  await showPanel(devtools, 'network');
  await page.click('#go');
  const rawTopFrame = `(async () => ${SDK}.requests().find((r) => r.url().endsWith('/initiator/blocked'))?.initiator()?.stack?.callFrames[0]?.url ?? null)()`;
  await expect.poll(() => devtools.evaluate(rawTopFrame), { timeout: 10_000 }).not.toBeNull();
  const cell = devtools.locator('td.initiator-column', { hasText: /\S/ }).first();
  // The cell updates once DevTools has the script's source map; wait for the settled text.
  await expect.poll(() => cell.textContent(), { timeout: 10_000 }).toMatch(/initiator-app\.js/);
  const network = (await cell.textContent())!;
  await showPanel(devtools, 'console');
  const failed = devtools.locator('.console-message-wrapper', { hasText: 'net::ERR_FAILED' });
  await failed.waitFor({ timeout: 10_000 });
  const consoleLink = await failed.locator('.devtools-link').first().textContent();
  return { rawTopFrame: (await devtools.evaluate(rawTopFrame)) as string, network, consoleLink };
}

it("names the page's own line as the initiator with the observer on, as with it off", async () => {
  const page = await b.context.newPage();
  await page.goto(`${origins.page}/page-initiator`);
  const tabId = await tabIdOf(b, page);
  const devtools = await devtoolsOf(page);

  const on = await initiatorShown(page, devtools);
  // The observer really was in the call: it reported it, and its wrapper is the raw top frame.
  await expect.poll(async () => (await recorded(b, tabId)).filter((r) => r.pageFacts).length).toBe(1);
  const [observed] = (await recorded(b, tabId)).filter((r) => r.pageFacts);
  // …and the call site it reported is the page's line, the observer's own frames left out.
  expect(observed!.pageFacts!.call.stack?.[0]).toEqual({
    url: `${origins.page}/initiator-app.js`,
    line: APP_LINE,
    column: 3,
    functionName: 'HTMLButtonElement.<anonymous>',
  });
  expect(on.rawTopFrame).toMatch(/^chrome-extension:\/\/[a-p]{32}\/src\/content\/page-observer\.iife\.js$/);
  expect(on.network).toBe(`initiator-app.js:${APP_LINE}Script`);
  expect(on.consoleLink).toBe(`initiator-app.js:${APP_LINE}`);
  await screenshot(devtools, 'devtools-initiator-observer-on');

  // Our own panel names the same call site, and opens it in Sources.
  const panel = await showCorsPanel(devtools, b.extensionId);
  const cell = panel.locator('[role="row"]', { hasText: '/initiator/blocked' }).locator('.cell-initiator');
  await expect.poll(() => cell.textContent(), { timeout: 10_000 }).toBe(`initiator-app.js:${APP_LINE}`);
  const SOURCES = "(await import('./panels/sources/sources.js')).SourcesPanel.SourcesPanel.instance().sourcesView()";
  const opened = `(async () => { const v = ${SOURCES}; const f = v.currentSourceFrame(); const s = f?.textEditor?.state; return { url: v.currentUISourceCode()?.url() ?? null, line: s ? s.doc.lineAt(s.selection.main.head).number : null }; })()`;
  // Live updates may re-render the row under the click on a loaded machine: click until it opens.
  await vi.waitFor(
    async () => {
      await showCorsPanel(devtools, b.extensionId);
      await cell.getByRole('button').click({ timeout: 5_000 });
      await expect
        .poll(() => devtools.evaluate(opened), { timeout: 3_000 })
        .toEqual({ url: `${origins.page}/initiator-app.js`, line: APP_LINE });
    },
    { timeout: 30_000, interval: 500 },
  );
  await screenshot(devtools, 'devtools-initiator-opened-in-sources');

  await callWorker(b.worker, 'setPageObserver', false);
  await page.reload();
  await devtools.evaluate(`(async () => ${SDK}.reset(true))()`);
  const off = await initiatorShown(page, devtools);
  expect(off.rawTopFrame).toMatch(/\/initiator-app\.js$/);
  expect({ network: off.network, consoleLink: off.consoleLink }).toEqual({
    network: on.network,
    consoleLink: on.consoleLink,
  });
});
