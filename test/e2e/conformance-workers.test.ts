/**
 * Issue 14, item 8: requests made by dedicated, shared and service workers, and by sandboxed and
 * cross-site (out-of-process) iframes. Chromium's verdict comes from the worker's or frame's own
 * CDP session; each request must be recorded exactly once, with its preflight, in its tab, with
 * the worker's or frame's origin as initiator, and judged as Chromium did. webRequest ties a shared
 * or service worker's own requests to no tab (measured: tabId -1); the extension attributes them
 * to the one recorded tab showing the worker's origin and says so.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../src/shared/exchange.ts';
import { NetworkRecorder } from './support/cdp-recorder.ts';
import { close, launch, recordAll, recorded, tabIdOf, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { WorkerNetwork } from './support/worker-cdp.ts';

let origins: Origins;
let browser: TestBrowser;

/** The calls every context makes, and Chromium's verdict for each (re-checked below). */
const CALLS = [
  { name: 'ok', init: '{}', chromium: { verdict: 'allowed' }, preflight: false },
  {
    name: 'blocked',
    init: '{}',
    chromium: { verdict: 'blocked', corsError: 'MissingAllowOriginHeader' },
    preflight: false,
  },
  { name: 'put', init: "{ method: 'PUT', body: 'x' }", chromium: { verdict: 'allowed' }, preflight: true },
  {
    name: 'put-refused',
    init: "{ method: 'PUT', body: 'x' }",
    chromium: { verdict: 'blocked', corsError: 'MethodDisallowedByPreflightResponse' },
    preflight: true,
  },
] as const;

const callsFor = (tag: string) =>
  `const go = async (u, i) => { try { const r = await fetch(u, i); return r.type + ' ' + r.status; } catch (e) { return String(e); } };
   const all = () => Promise.all([${CALLS.map((c) => `go('${origins.api2}/wk/${tag}/${c.name}', ${c.init})`).join(', ')}]);`;

function serveCalls(tag: string): void {
  const answer = (status: number, headers: Record<string, string>) => (_q: IncomingMessage, s: ServerResponse) => {
    s.writeHead(status, headers);
    s.end(status === 204 ? undefined : 'x');
  };
  const route = (name: string, preflight: Record<string, string> | null, actual: Record<string, string>) =>
    origins.route(`/wk/${tag}/${name}`, (q, s) =>
      q.method === 'OPTIONS'
        ? answer(preflight ? 204 : 405, preflight ?? {})(q, s)
        : answer(200, { ...actual, 'content-type': 'text/plain' })(q, s),
    );
  route('ok', null, { 'access-control-allow-origin': '*' });
  route('blocked', null, {});
  route(
    'put',
    { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'PUT' },
    { 'access-control-allow-origin': '*' },
  );
  route('put-refused', { 'access-control-allow-origin': '*' }, { 'access-control-allow-origin': '*' });
}

const script = (body: string) => (_q: IncomingMessage, s: ServerResponse) => {
  s.writeHead(200, { 'content-type': 'text/javascript' });
  s.end(body);
};
const page = (body: string) => (_q: IncomingMessage, s: ServerResponse) => {
  s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  s.end(`<!doctype html><meta charset="utf-8"><body>${body}`);
};

beforeAll(async () => {
  origins = await startOrigins();
  for (const tag of ['dedicated', 'shared', 'service', 'passthru', 'sandboxed', 'cross-site']) serveCalls(tag);
  origins.route(
    '/wk/dedicated.js',
    script(`${callsFor('dedicated')} onmessage = async () => postMessage(await all());`),
  );
  origins.route(
    '/wk/shared.js',
    script(
      `${callsFor('shared')} onconnect = (e) => { const p = e.ports[0]; p.onmessage = async () => p.postMessage(await all()); };`,
    ),
  );
  origins.route(
    '/wk/sw.js',
    script(`${callsFor('service')}
      self.addEventListener('install', () => self.skipWaiting());
      self.addEventListener('activate', (e) => e.waitUntil(clients.claim()));
      self.addEventListener('message', async (e) => e.source.postMessage(await all()));
      self.addEventListener('fetch', (e) => { if (e.request.url.includes('/wk/passthru/')) e.respondWith(fetch(e.request)); });`),
  );
  origins.route(
    '/wk/page',
    page(`<script>
      window.startDedicated = () => { window.dedicatedWorker = new Worker('/wk/dedicated.js'); };
      window.dedicated = () => new Promise((r) => { window.dedicatedWorker.onmessage = (e) => r(e.data); window.dedicatedWorker.postMessage(1); });
      window.startShared = () => { window.sharedWorker = new SharedWorker('/wk/shared.js'); };
      window.shared = () => new Promise((r) => { window.sharedWorker.port.onmessage = (e) => r(e.data); window.sharedWorker.port.postMessage(1); });
      window.register = async () => { await navigator.serviceWorker.register('/wk/sw.js', { scope: '/wk/' }); await navigator.serviceWorker.ready; };
      window.service = () => new Promise((r) => { navigator.serviceWorker.onmessage = (e) => r(e.data); navigator.serviceWorker.controller.postMessage(1); });
    </script>`),
  );
  browser = await launch();
  await recordAll(browser);
});

// Attribution needs a single tab showing the page's origin: no test leaves one behind, even when it fails.
afterEach(async () => {
  for (const p of browser.context.pages()) await p.close();
});

afterAll(async () => {
  if (browser) await close(browser);
  await origins?.close();
});

/** The records of one context's calls, once each call has one (or after a bounded wait). */
async function recordsOf(tag: string, want: number): Promise<ExchangeRecord[]> {
  let mine: ExchangeRecord[] = [];
  for (let i = 0; i < 80; i++) {
    mine = (await recorded(browser)).filter((r) => r.url.includes(`/wk/${tag}/`));
    if (mine.length >= want && mine.every((r) => r.browserOutcome !== 'pending')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return mine;
}

const decision = (r: ExchangeRecord) =>
  r.evaluation.verdict === 'blocked'
    ? { verdict: 'blocked', corsError: r.evaluation.reason?.code }
    : { verdict: r.evaluation.verdict };

/** Every call of `tag`: listed once, judged as Chromium judged it (read from `chromium`), preflight folded in. */
async function expectRecorded(
  tag: string,
  chromium: (url: string) => Promise<{ verdict: string; corsError?: string; preflights: number }>,
  where: { tabId: number; initiator: string; tabless: boolean },
): Promise<void> {
  const records = await recordsOf(tag, CALLS.length);
  expect(records.map((r) => r.url).sort(), 'each call listed exactly once, nothing else').toEqual(
    CALLS.map((c) => `${origins.api2}/wk/${tag}/${c.name}`).sort(),
  );
  for (const c of CALLS) {
    const url = `${origins.api2}/wk/${tag}/${c.name}`;
    const r = records.find((x) => x.url === url)!;
    const browserSays = await chromium(url);
    const { preflights, ...verdict } = browserSays;
    expect.soft(verdict, `${c.name}: Chromium still does what the table records`).toEqual(c.chromium);
    expect.soft(decision(r), `${c.name}: the extension agrees with Chromium`).toEqual(verdict);
    expect.soft(r.preflight !== null, `${c.name}: preflight folded in`).toBe(preflights > 0);
    expect.soft({ tabId: r.tabId, initiator: r.initiator }, `${c.name}: its tab and initiator`).toEqual({
      tabId: where.tabId,
      initiator: where.initiator,
    });
    expect
      .soft(r.tabless?.why ?? null, `${c.name}: says how it was placed`)
      .toEqual(where.tabless ? expect.stringContaining('only recorded tab') : null);
  }
}

/** Preflights the server received for `url` (CDP does not report a shared worker's preflights). */
const preflightsReceived = (url: string) =>
  origins.received.filter((r) => r.method === 'OPTIONS' && r.path === new URL(url).pathname).length;

const fromWorkers = (net: WorkerNetwork) => async (url: string) => {
  const r = await net.ended(url);
  const cors = r.failed?.corsErrorStatus;
  return {
    ...(cors ? { verdict: 'blocked', corsError: cors.corsError } : { verdict: r.failed ? 'failed' : 'allowed' }),
    preflights: Math.max(r.preflights.length, preflightsReceived(url)),
  };
};

async function workerPage(): Promise<{ p: Page; net: WorkerNetwork; tabId: number }> {
  const p = await browser.context.newPage();
  const net = await WorkerNetwork.attach(await browser.context.newCDPSession(p));
  await p.goto(`${origins.page}/wk/page`);
  return { p, net, tabId: await tabIdOf(browser, p) };
}

describe('workers', () => {
  it("a dedicated worker's requests: in its document's tab and frame", async () => {
    const { p, net, tabId } = await workerPage();
    await p.evaluate(() => (window as unknown as { startDedicated(): void }).startDedicated());
    await net.watching(`${origins.page}/wk/dedicated.js`);
    await p.evaluate(() => (window as unknown as { dedicated(): Promise<unknown> }).dedicated());
    await expectRecorded('dedicated', fromWorkers(net), { tabId, initiator: origins.page, tabless: false });
    await p.close();
  });

  it("a shared worker's requests: webRequest names no tab; attributed to the one tab showing its origin", async () => {
    const { p, net, tabId } = await workerPage();
    await p.evaluate(() => (window as unknown as { startShared(): void }).startShared());
    await net.attachShared(`${origins.page}/wk/shared.js`);
    await p.evaluate(() => (window as unknown as { shared(): Promise<unknown> }).shared());
    await expectRecorded('shared', fromWorkers(net), { tabId, initiator: origins.page, tabless: true });
    await p.close();
  });

  it("a service worker's own requests, and the page requests it answers with fetch()", async () => {
    const { p, net, tabId } = await workerPage();
    await p.evaluate(() => (window as unknown as { register(): Promise<void> }).register());
    await p.reload();
    await net.watching(`${origins.page}/wk/sw.js`);
    await p.evaluate(() => (window as unknown as { service(): Promise<unknown> }).service());
    await expectRecorded('service', fromWorkers(net), { tabId, initiator: origins.page, tabless: true });

    // Pass-through: the page's fetch goes to the worker (no network request of its own), the
    // worker's fetch(event.request) goes to the network. Chromium blocks the worker's request; the
    // page's call fails without a CORS error of its own.
    const passthru = ['ok', 'blocked'].map((n) => `${origins.api2}/wk/passthru/${n}`);
    const js = await p.evaluate(
      (urls) =>
        Promise.all(
          urls.map((u) =>
            fetch(u).then(
              (r) => `${r.type} ${r.status}`,
              (e) => String(e),
            ),
          ),
        ),
      passthru,
    );
    expect(js).toEqual(['cors 200', 'TypeError: Failed to fetch']);
    const records = await recordsOf('passthru', 3);
    const byKind = records.map((r) => [r.url.split('/').pop(), r.pageFacts?.seen ?? 'network', decision(r)]);
    expect(byKind).toEqual(
      expect.arrayContaining([
        ['ok', 'network', { verdict: 'allowed' }],
        ['blocked', 'network', { verdict: 'blocked', corsError: 'MissingAllowOriginHeader' }],
        ['blocked', 'page-only', { verdict: 'failed' }],
      ]),
    );
    expect(records).toHaveLength(3);
    expect((await net.ended(passthru[1]!)).failed?.corsErrorStatus?.corsError).toBe('MissingAllowOriginHeader');
    await p.close();
  });
});

describe('frames in another process', () => {
  it.each([
    ['sandboxed', () => `<iframe sandbox="allow-scripts" src="/wk/frame?tag=sandboxed"></iframe>`, () => 'null'],
    ['cross-site', () => `<iframe src="${origins.api}/wk/frame?tag=cross-site"></iframe>`, () => origins.api],
  ])(
    'a %s iframe: its own origin, its tab, Chromium’s verdict from the frame’s session',
    async (tag, frameHtml, initiator) => {
      origins.route(`/wk/host-${tag}`, page(frameHtml()));
      origins.route('/wk/frame', (q, s) =>
        page(
          `<script>${callsFor(new URL(q.url ?? '/', 'http://x').searchParams.get('tag') ?? '')} window.all = all;</script>`,
        )(q, s),
      );
      const p = await browser.context.newPage();
      await p.goto(`${origins.page}/wk/host-${tag}`);
      await expect.poll(() => p.frames().length).toBe(2);
      const frame = p.frames().find((f) => f !== p.mainFrame()) as Frame;
      await frame.waitForLoadState();
      const recorder = await NetworkRecorder.start(await browser.context.newCDPSession(frame));
      await frame.evaluate(() => (globalThis as unknown as { all(): Promise<unknown> }).all());
      const fromFrame = async (url: string) => {
        const r = [...recorder.requests.values()].find((x) => x.preflightFor === undefined && x.hops[0]?.url === url)!;
        await recorder.settle([r]);
        const cors = r.failed?.corsErrorStatus;
        return {
          ...(cors ? { verdict: 'blocked', corsError: cors.corsError } : { verdict: r.failed ? 'failed' : 'allowed' }),
          preflights: recorder.preflightsOf(r.id).length,
        };
      };
      await expectRecorded(tag, fromFrame, {
        tabId: await tabIdOf(browser, p),
        initiator: initiator(),
        tabless: false,
      });
      recorder.stop();
      await p.close();
    },
  );
});
