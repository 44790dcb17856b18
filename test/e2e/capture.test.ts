/**
 * The worker's capture in real headless Chromium: recording follows its readers, preflights pair
 * with their requests, and nothing is lost across a forced worker stop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withTimeout } from '../../src/node/chromium.ts';
import { callWorker } from '../../src/node/worker-api.ts';
import { close, launch, recordAll, recorded, tabIdOf, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';

let b: TestBrowser;
let o: Origins;
let page: Page;

const listenerState = async () => ({
  ours: await callWorker(b.worker, 'extraHeadersListenerCount'),
  ...(await withTimeout(
    b.worker.evaluate(() => ({
      sendHeaders: chrome.webRequest.onSendHeaders.hasListeners(),
      headersReceived: chrome.webRequest.onHeadersReceived.hasListeners(),
    })),
    10_000,
    'listener state',
  )),
});

beforeAll(async () => {
  o = await startOrigins();
  o.route('/ok', (req, res) => {
    res.writeHead(200, { 'access-control-allow-origin': req.headers.origin ?? '*', 'content-type': 'text/plain' });
    res.end('ok');
  });
  o.route('/no-acao', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('hidden');
  });
  o.route('/put-ok', (req, res) => {
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type',
    });
    res.end();
  });
  o.route('/put-no-acam', (req, res) => {
    res.writeHead(204, { 'access-control-allow-origin': req.headers.origin ?? '*' });
    res.end();
  });
  o.route('/burst', (req, res) => {
    res.writeHead(200, { 'access-control-allow-origin': req.headers.origin ?? '*' });
    res.end('b');
  });
  b = await launch();
  page = await b.context.newPage();
  await page.goto(`${o.page}/page/capture`);
});

afterAll(async () => {
  await close(b);
  await o.close();
});

const fetchIn = (p: Page, url: string, init: RequestInit = {}) =>
  p.evaluate(
    async ([u, i]) => {
      try {
        const r = await fetch(u, i);
        return `${r.status}`;
      } catch (e) {
        return String(e);
      }
    },
    [url, init] as const,
  );

describe('capture', () => {
  it('registers no extraHeaders listener while nobody records', async () => {
    expect(await listenerState()).toEqual({ ours: 0, sendHeaders: false, headersReceived: false });
  });

  it('records a tab while a reader holds it, and stops when the last reader goes', async () => {
    const tabId = await tabIdOf(b, page);
    const state = async () => ({
      count: await callWorker(b.worker, 'extraHeadersListenerCount'),
      tabs: await callWorker(b.worker, 'recordedTabs'),
    });
    const panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/src/devtools/panel/panel.html?tabId=${tabId}`);
    await expect.poll(state).toEqual({ count: 2, tabs: [tabId] });
    expect(await fetchIn(page, `${o.api}/ok?while-read`)).toBe('200');
    await expect.poll(async () => (await recorded(b, tabId)).some((r) => r.url.endsWith('?while-read'))).toBe(true);
    await panel.close();
    await expect.poll(state).toEqual({ count: 0, tabs: [] });
    expect(await listenerState()).toEqual({ ours: 0, sendHeaders: false, headersReceived: false });
  });

  it('records verdicts and pairs preflights while a session records', async () => {
    await recordAll(b);
    expect(await listenerState()).toEqual({ ours: 2, sendHeaders: true, headersReceived: true });
    const tabId = await tabIdOf(b, page);
    expect(await fetchIn(page, `${o.api}/ok?a`)).toBe('200');
    expect(await fetchIn(page, `${o.api}/no-acao?b`)).toMatch(/TypeError/);
    expect(
      await fetchIn(page, `${o.api}/put-ok?c`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    ).toBe('200');
    expect(await fetchIn(page, `${o.api}/put-no-acam?d`, { method: 'PUT', body: 'x' })).toMatch(/TypeError/);
    // The worker hears of a request's end shortly after the page does.
    const finished = async () =>
      (await recorded(b, tabId)).filter((r) => /\?[a-d]$/.test(r.url) && r.browserOutcome !== 'pending');
    await expect.poll(async () => (await finished()).length).toBe(4);
    const records = await recorded(b, tabId);
    const by = (q: string) => records.find((r) => r.url.endsWith(q))!;
    expect(by('?a').evaluation.verdict).toBe('allowed');
    expect(by('?a').preflight).toBeNull();
    expect(by('?b').evaluation.reason?.code).toBe('MissingAllowOriginHeader');
    expect(by('?c').evaluation.verdict).toBe('allowed');
    expect(by('?c').preflight?.status).toBe(204);
    expect(
      by('?c').preflight?.requestHeaders.find((h) => h.name.toLowerCase() === 'access-control-request-method')?.value,
    ).toBe('PUT');
    expect(by('?d').evaluation.reason?.code).toBe('MethodDisallowedByPreflightResponse');
    expect(by('?d').evaluation.reason?.failedParameter).toBe('PUT');
    expect(by('?d').response).toBeNull();
    // Preflights are folded into their requests, never separate exchanges.
    expect(records.filter((r) => r.method === 'OPTIONS')).toEqual([]);
  });

  it('keeps every exchange across a forced worker stop, even requests in flight', async () => {
    await recordAll(b);
    const tabId = await tabIdOf(b, page);
    // The page fetches continuously while the worker is stopped in the middle of it.
    const done = page.evaluate(async (base) => {
      const urls: string[] = [];
      for (let i = 0; i < 60; i++) {
        const url = `${base}/ok?stream${i}`;
        await fetch(url);
        urls.push(url);
        await new Promise((r) => setTimeout(r, 10));
      }
      return urls;
    }, o.api);
    await expect.poll(() => o.received.filter((r) => r.path.includes('stream')).length).toBeGreaterThan(15);
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const urls = await done;
    const stream = async () => (await recorded(b, tabId)).filter((r) => urls.includes(r.url));
    // Nothing disappears: every request has its exchange.
    await expect.poll(async () => (await stream()).length, { timeout: 20_000 }).toBe(urls.length);
    // The one or two requests in flight at the moment of the stop may have had their last event
    // delivered to the dying worker: they stay pending (their end unseen), never vanish or lie.
    await expect
      .poll(async () => (await stream()).filter((r) => r.browserOutcome !== 'completed').length, { timeout: 20_000 })
      .toBeLessThanOrEqual(2);
    for (const r of await stream()) {
      if (r.browserOutcome === 'completed') expect(r.evaluation.verdict).toBe('allowed');
      else expect(r.browserOutcome).toBe('pending');
    }
  });

  it('loses no exchange in a 2 000-request burst', async () => {
    await recordAll(b);
    const tabId = await tabIdOf(b, page);
    // 2 000 requests, 50 in flight at a time (more than ~1 400 at once exhausts Chromium's sockets).
    const sent = await page.evaluate(async (base) => {
      let next = 0;
      let ok = 0;
      const worker = async () => {
        while (next < 2000) {
          const n = next++;
          if ((await fetch(`${base}/burst?n=${n}`)).ok) ok++;
        }
      };
      await Promise.all(Array.from({ length: 50 }, worker));
      return ok;
    }, o.api);
    expect(sent).toBe(2000);
    await expect
      .poll(
        async () =>
          (await recorded(b, tabId)).filter((r) => r.url.includes('/burst?') && r.browserOutcome === 'completed')
            .length,
        { timeout: 30_000 },
      )
      .toBe(2000);
  });

  it('removes its listeners when the last session stops', async () => {
    await callWorker(b.worker, 'stopRecordAll', 'test');
    expect(await listenerState()).toEqual({ ours: 0, sendHeaders: false, headersReceived: false });
  });
});
