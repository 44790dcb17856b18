/**
 * The panel with the real extension: opened as a tab on a real page's tab id
 * (chrome-extension://ID/src/devtools/panel/panel.html?tabId=N), it records that tab and shows,
 * live, the requests the page makes against real servers on other origins, with the verdicts and
 * explanations; the filter and the HAR export work; hostile header values stay text.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, launch, tabIdOf, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { collectErrors, PANEL_PATH, panelReady, row, screenshot } from './support/panel.ts';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const BIG_VALUE_LENGTH = 200_000; // Chromium refuses response headers over 256 KB in total.

let b: TestBrowser;
let origins: Origins;
let page: Page;
let panel: Page;
let panelErrors: string[];

function routes(o: Origins): void {
  const acao = { 'Access-Control-Allow-Origin': o.page };
  o.route('/live/allowed', (_req, res) => {
    res.writeHead(200, {
      ...acao,
      'Access-Control-Expose-Headers': 'X-Visible',
      'X-Visible': 'yes',
      'X-Hidden': 'no',
      'Content-Type': 'application/json',
    });
    res.end('{}');
  });
  o.route('/live/missing', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
  });
  o.route('/live/mismatch', (_req, res) => {
    res.writeHead(403, { 'Access-Control-Allow-Origin': `${o.page}/` });
    res.end();
  });
  o.route('/live/put-ok', (req, res) => {
    if (req.method === 'OPTIONS')
      res.writeHead(204, {
        ...acao,
        'Access-Control-Allow-Methods': 'PUT',
        'Access-Control-Allow-Headers': 'content-type',
        'Access-Control-Max-Age': '600',
      });
    else res.writeHead(200, acao);
    res.end();
  });
  o.route('/live/put-denied', (req, res) => {
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, { ...acao, 'Access-Control-Allow-Headers': 'content-type' });
    res.end();
  });
  o.route('/live/late', (_req, res) => {
    res.writeHead(200, acao);
    res.end();
  });
  // Written raw: Node's http refuses control characters in header values; browsers receive them.
  o.route('/live/hostile', (_req, res) => {
    const head = [
      'HTTP/1.1 200 OK',
      `Access-Control-Allow-Origin: ${HOSTILE}`,
      'X-Control: a\u0001b\u001b[31mred',
      `X-Big: ${'B'.repeat(BIG_VALUE_LENGTH)}`,
      'Content-Length: 0',
      'Connection: close',
      '',
      '',
    ];
    res.socket!.end(head.join('\r\n'), 'latin1');
  });
}

/** Runs fetch() in the page and reports how it ended, as the page's JavaScript sees it. */
function pageFetch(url: string, init: RequestInit = {}): Promise<string> {
  return page.evaluate(
    async ({ url, init }) => {
      try {
        const r = await fetch(url, init);
        return `read ${r.status}`;
      } catch (e) {
        return `error ${(e as Error).name}`;
      }
    },
    { url, init },
  );
}

beforeAll(async () => {
  origins = await startOrigins();
  routes(origins);
  b = await launch();
  page = await b.context.newPage();
  await page.goto(`${origins.page}/page-live`);
  const tabId = await tabIdOf(b, page);
  panel = await b.context.newPage();
  await panel.setViewportSize({ width: 1280, height: 760 });
  panelErrors = collectErrors(panel);
  await panel.goto(`chrome-extension://${b.extensionId}${PANEL_PATH}?tabId=${tabId}`);
  await panelReady(panel);
});

afterAll(async () => {
  if (b) await close(b);
  await origins?.close();
});

const verdictOf = (path: string) => row(panel, path).getAttribute('data-verdict');

describe('the panel on a real page', () => {
  it("shows, live, each request with the browser's verdict", async () => {
    expect(await pageFetch(`${origins.api}/live/allowed`)).toBe('read 200');
    expect(await pageFetch(`${origins.api}/live/missing`)).toBe('error TypeError');
    expect(await pageFetch(`${origins.api}/live/mismatch`)).toBe('error TypeError');
    expect(
      await pageFetch(`${origins.api}/live/put-ok`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      }),
    ).toBe('read 200');
    expect(
      await pageFetch(`${origins.api}/live/put-denied`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      }),
    ).toBe('error TypeError');

    await expect.poll(() => verdictOf('/live/allowed')).toBe('allowed');
    await expect.poll(() => verdictOf('/live/missing')).toBe('blocked');
    await expect.poll(() => verdictOf('/live/mismatch')).toBe('blocked');
    await expect.poll(() => verdictOf('/live/put-ok')).toBe('allowed');
    await expect.poll(() => verdictOf('/live/put-denied')).toBe('blocked');

    const mismatch = row(panel, '/live/mismatch');
    expect(await mismatch.locator('.cell-status').textContent()).toMatch(/^CORS error/);
    expect(await mismatch.locator('.cell-reason').textContent()).toBe('AllowOriginMismatch');
    const putOk = row(panel, '/live/put-ok').locator('.cell-method');
    expect(await putOk.getByRole('button', { name: 'Show the preflight' }).count()).toBe(1);
    expect(await putOk.textContent()).toBe('PUTpreflight');
    // The server never got the denied PUT: the browser stopped at the preflight.
    expect(origins.received.filter((r) => r.path === '/live/put-denied').map((r) => r.method)).toEqual(['OPTIONS']);

    expect(await pageFetch(`${origins.api}/live/late`)).toBe('read 200');
    await expect.poll(() => verdictOf('/live/late')).toBe('allowed');
  });

  it('explains a blocked preflight and shows the headers, in light and dark', async () => {
    await row(panel, '/live/put-denied').click();
    await expect.poll(() => panel.getByTestId('reason-code').textContent()).toBe('MethodDisallowedByPreflightResponse');
    expect(await panel.getByTestId('reason-explanation').textContent()).toContain(
      `Access to ${origins.api}/live/put-denied from origin '${origins.page}' was blocked because the method PUT is not listed`,
    );
    expect(await panel.getByTestId('failing-headers').textContent()).toContain(
      'Access-Control-Allow-Methods: (missing)',
    );
    await screenshot(panel, 'panel-live-light-blocked');
    await panel.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    expect(await panel.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(40, 40, 40)');
    await screenshot(panel, 'panel-live-dark-blocked');
    await panel.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await panel.getByTestId('tab-headers').click();
    const preflight = panel.getByTestId('preflight-headers');
    expect(await preflight.textContent()).toContain('Access-Control-Request-Method');
    expect(await preflight.locator('.header-row.highlighted').first().textContent()).toMatch(
      /Access-Control-Allow-Methods\s*\(missing\)/,
    );
    await row(panel, '/live/allowed').click();
    const tag = (name: string) =>
      panel
        .getByTestId('response-headers')
        .locator('.header-row')
        .filter({ has: panel.locator('.header-name', { hasText: new RegExp(`^${name}$`, 'i') }) })
        .locator('.badge')
        .textContent();
    await expect.poll(() => tag('x-visible')).toBe('readable');
    expect(await tag('x-hidden')).toBe('hidden');
  });

  it('filters and exports a HAR of what it shows', async () => {
    await panel.getByTestId('filter').fill('cors:blocked domain:localhost');
    await expect.poll(() => panel.locator('[role="row"][data-id]').count()).toBe(3);
    expect(await panel.getByTestId('counts').textContent()).toMatch(/^3 \/ \d+ exchanges · 3 blocked/);
    await panel.getByTestId('export').click();
    const [download] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('menuitem', { name: /^Save HAR \(sanitized/ }).click(),
    ]);
    const har = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    const requests = har.log.entries.filter((e: { _cors: { role: string } }) => e._cors.role === 'request');
    expect(
      requests.map((e: { request: { url: string }; _cors: { verdict: string; reason: { code: string } } }) => [
        new URL(e.request.url).pathname,
        e._cors.verdict,
        e._cors.reason.code,
      ]),
    ).toEqual([
      ['/live/missing', 'blocked', 'MissingAllowOriginHeader'],
      ['/live/mismatch', 'blocked', 'AllowOriginMismatch'],
      ['/live/put-denied', 'blocked', 'MethodDisallowedByPreflightResponse'],
    ]);
    expect(har.log.entries.some((e: { request: { method: string } }) => e.request.method === 'OPTIONS')).toBe(true);
    await panel.getByTestId('filter').fill('');
  });

  it('renders hostile header values from a real server as text and runs nothing', async () => {
    expect(await pageFetch(`${origins.api}/live/hostile`)).toBe('error TypeError');
    await expect.poll(() => verdictOf('/live/hostile')).toBe('blocked');
    await row(panel, '/live/hostile').click();
    await panel.getByTestId('tab-headers').click();
    const response = panel.getByTestId('response-headers');
    await expect.poll(() => response.textContent()).toContain(HOSTILE);
    expect(await response.locator('.header-row', { hasText: 'X-Control' }).locator('.value-text').textContent()).toBe(
      'a\\x01b\\x1b[31mred',
    );
    const big = response.locator('.header-row', { hasText: 'X-Big' });
    expect((await big.textContent())!.length).toBeLessThan(1000);
    await big.getByRole('button', { name: /Show all 200,000 characters/ }).click();
    // All of it, in a box that lays out only the lines in view, and copyable whole.
    await big.getByTestId('virtual-text').waitFor();
    expect(await big.getByRole('button', { name: /Copy/ }).getAttribute('title')).toBe(
      `Copy the whole value (${BIG_VALUE_LENGTH.toLocaleString('en-US')} characters)`,
    );
    await panel.getByTestId('tab-explanation').click();
    await screenshot(panel, 'panel-live-hostile');
    expect(await panel.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await panel.locator('img').count()).toBe(0);
    expect(panelErrors).toEqual([]);
  });
});
