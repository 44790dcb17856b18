/**
 * Issue 14, item 1: calls the renderer refuses before any request exists, made by a document's
 * very first script, in every kind of document a recorded session has — a new tab, a tab closed
 * the moment its page loaded, a popup, a tab opened by CDP, same-origin, cross-site (out of
 * process), srcdoc, sandboxed and script-made about:blank frames, and a tab opened just after the
 * extension's service worker was stopped. The page-side observer is their only witness; each must
 * appear exactly once, attributed to its tab and its document's origin, with Chromium's reason
 * (checked against CDP Audits in the first tab).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../../src/node/chromium.ts';
import type { ExchangeRecord } from '../../src/shared/exchange.ts';
import { close, launch, recordAll, recorded, tabIdOf, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { collectCorsIssues } from './support/page-observer-helpers.ts';

let origins: Origins;
let browser: TestBrowser;

/** The three refusals, as the first script of a document makes them, and Chromium's reason for each. */
const REFUSALS = [
  { name: 'no-cors-manual', init: "{ mode: 'no-cors', redirect: 'manual' }", code: 'NoCorsRedirectModeNotFollow' },
  { name: 'no-cors-error', init: "{ mode: 'no-cors', redirect: 'error' }", code: 'NoCorsRedirectModeNotFollow' },
  { name: 'same-origin', init: "{ mode: 'same-origin' }", code: 'DisallowedByMode' },
];

const firstScript = (target: string, tag: string, scope = 'window') =>
  `Promise.allSettled([${REFUSALS.map((r) => `${scope}.fetch('${target}/life/${tag}/${r.name}', ${r.init})`).join(', ')}]).then(() => { document.title = 'done'; });`;

const html = (body: string) => `<!doctype html><html><head><meta charset="utf-8">${body}</head><body></body></html>`;
const doc = (o: Origins, tag: string) => html(`<script>${firstScript(o.api2, tag)}</script>`);

beforeAll(async () => {
  origins = await startOrigins();
  const reply = (body: string) => (res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  };
  const tagOf = (req: import('node:http').IncomingMessage) =>
    new URL(req.url ?? '/', 'http://x').searchParams.get('tag') ?? '';
  origins.route('/life/doc', (req, res) => reply(doc(origins, tagOf(req)))(res));
  origins.route('/life/host', (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const tag = tagOf(req);
    const frames: Record<string, string> = {
      frame: `<iframe src="/life/doc?tag=${tag}"></iframe>`,
      'cross-site-frame': `<iframe src="${origins.api}/life/doc?tag=${tag}"></iframe>`,
      'srcdoc-frame': `<iframe srcdoc="${doc(origins, tag).replace(/"/g, '&quot;')}"></iframe>`,
      'sandboxed-frame': `<iframe sandbox="allow-scripts" src="/life/doc?tag=${tag}"></iframe>`,
      'blank-frame': `<script>const f = document.createElement('iframe'); document.head.append(f); ${firstScript(origins.api2, tag, 'f.contentWindow')}</script>`,
      popup: `<script>window.open('/life/doc?tag=${tag}');</script>`,
    };
    reply(html(frames[u.searchParams.get('kind') ?? ''] ?? ''))(res);
  });
  browser = await launch();
  await recordAll(browser);
});

afterAll(async () => {
  if (browser) await close(browser);
  await origins?.close();
});

/** Waits until some frame of `page` ran its first script to the end. */
async function untilDone(page: Page): Promise<void> {
  await expect
    .poll(async () =>
      (
        await Promise.all(page.frames().map((f) => f.evaluate(() => document.title === 'done').catch(() => false)))
      ).some(Boolean),
    )
    .toBe(true);
}

/** The records of one context's calls, once there are three (or after a bounded wait). */
async function recordsOf(tag: string): Promise<ExchangeRecord[]> {
  let mine: ExchangeRecord[] = [];
  for (let i = 0; i < 60; i++) {
    mine = (await recorded(browser)).filter((r) => r.url.includes(`/life/${tag}/`));
    if (mine.length >= REFUSALS.length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return mine.sort((a, b) => a.url.localeCompare(b.url));
}

const expected = (tag: string, initiator: string, tabId: number) =>
  REFUSALS.map((r) => ({
    url: `${origins.api2}/life/${tag}/${r.name}`,
    code: r.code,
    seen: 'page-only',
    initiator,
    tabId,
  })).sort((a, b) => a.url.localeCompare(b.url));

const shape = (records: ExchangeRecord[]) =>
  records.map((r) => ({
    url: r.url,
    code: r.evaluation.reason?.code,
    seen: r.pageFacts?.seen,
    initiator: r.initiator,
    tabId: r.tabId,
  }));

describe('refusals made by a document’s first script', () => {
  it("in a new tab, with Chromium's own reasons (CDP Audits)", async () => {
    const page = await browser.context.newPage();
    const issues = await collectCorsIssues(await browser.context.newCDPSession(page));
    await page.goto(`${origins.page}/life/doc?tag=new-tab`);
    await untilDone(page);
    await expect.poll(() => issues.filter((i) => i.url.includes('/life/new-tab/')).length).toBe(REFUSALS.length);
    for (const r of REFUSALS)
      expect(issues.find((i) => i.url.endsWith(`/life/new-tab/${r.name}`))?.corsError, r.name).toBe(r.code);
    expect(shape(await recordsOf('new-tab'))).toEqual(expected('new-tab', origins.page, await tabIdOf(browser, page)));
    await page.close();
  });

  it('in a tab closed the moment its page loaded', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origins.page}/life/doc?tag=closed-tab`);
    const tabId = await tabIdOf(browser, page);
    await page.close();
    expect(shape(await recordsOf('closed-tab'))).toEqual(expected('closed-tab', origins.page, tabId));
  });

  it('in a popup (its own tab)', async () => {
    const opener = await browser.context.newPage();
    const popup = browser.context.waitForEvent('page');
    await opener.goto(`${origins.page}/life/host?kind=popup&tag=popup`);
    const page = await popup;
    await untilDone(page);
    expect(shape(await recordsOf('popup'))).toEqual(expected('popup', origins.page, await tabIdOf(browser, page)));
    await page.close();
    await opener.close();
  });

  it('in a tab CDP opened straight at the page', async () => {
    const any = await browser.context.newPage();
    const opened = browser.context.waitForEvent('page');
    await (await browser.context.newCDPSession(any)).send('Target.createTarget', {
      url: `${origins.page}/life/doc?tag=cdp-tab`,
    });
    const page = await opened;
    await untilDone(page);
    expect(shape(await recordsOf('cdp-tab'))).toEqual(expected('cdp-tab', origins.page, await tabIdOf(browser, page)));
    await page.close();
    await any.close();
  });

  it.each([
    ['frame', () => origins.page],
    ['cross-site-frame', () => origins.api],
    ['srcdoc-frame', () => origins.page],
    ['sandboxed-frame', () => 'null'],
    ['blank-frame', () => origins.page],
  ])('in a %s, attributed to its tab and its document’s origin', async (kind, initiator) => {
    const page = await browser.context.newPage();
    await page.goto(`${origins.page}/life/host?kind=${kind}&tag=${kind}`);
    await untilDone(page);
    const records = await recordsOf(kind);
    expect(shape(records)).toEqual(expected(kind, initiator(), await tabIdOf(browser, page)));
    expect(
      records.every((r) => r.frameId !== 0),
      'recorded for the frame, not the top document',
    ).toBe(true);
    await page.close();
  });

  it("in a tab opened just after the extension's service worker was stopped", async () => {
    const any = await browser.context.newPage();
    await any.goto(`${origins.page}/life/blank`);
    const s = await browser.context.newCDPSession(any);
    await s.send('ServiceWorker.enable');
    await s.send('ServiceWorker.stopAllWorkers');
    await new Promise((r) => setTimeout(r, 300));
    const page = await browser.context.newPage();
    await page.goto(`${origins.page}/life/doc?tag=after-restart`);
    await untilDone(page);
    const records = await withTimeout(recordsOf('after-restart'), 20_000, 'records after the worker restart');
    expect(shape(records)).toEqual(expected('after-restart', origins.page, await tabIdOf(browser, page)));
    await page.close();
    await any.close();
  });
});
