/**
 * The page-side observer in real headless Chromium with the built extension recording: refusals
 * that never reach the network become exchanges with Chromium's own reason (CDP Audits), facts
 * only the page knows make credential-dependent verdicts certain and equal to Chromium's (CDP
 * Network), the page's behaviour is the same with and without the observer, a page that wraps
 * fetch before or after it is still observed, and forged reports change nothing the network saw.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_FACTS_EVENT, PAGE_LIMITS } from '../../src/shared/page-facts.ts';
import { pageFactConflicts } from '../../src/shared/page-facts-reconcile.ts';
import { close, launch, recordAll, recorded, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import {
  collectCorsIssues,
  pageObserverStats,
  setPageObserver,
  type CorsIssue,
} from './support/page-observer-helpers.ts';
import { PAGE_SIDE_SCENARIOS } from './support/page-observer-scenarios.ts';
import { FINISHED, FINISHED_WITH_PAGE_FACTS, recordsFor } from './support/records.ts';
import {
  chromiumDecision,
  engineDecision,
  recordedResult,
  recordedVerdict,
  verdictOf,
  withoutReadable,
} from './support/scenario-oracle.ts';
import { MATRIX_BROWSER_ARGS, runScenario } from './support/scenario-runner.ts';
import { expandTemplate, scenarioBase } from './support/scenario-server.ts';

let origins: Origins;
let browser: TestBrowser;
let page: Page;
let cdp: CDPSession;
let issues: CorsIssue[];

beforeAll(async () => {
  origins = await startOrigins();
  origins.route('/star', (_req, res) => {
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
    res.end('star');
  });
  browser = await launch(MATRIX_BROWSER_ARGS);
  await recordAll(browser);
  page = await browser.context.newPage();
  cdp = await browser.context.newCDPSession(page);
  issues = await collectCorsIssues(cdp);
});

afterAll(async () => {
  if (browser) await close(browser);
  await origins?.close();
});

/** Runs fetch(url, init) in `p` and reports what JavaScript saw. */
const fetchIn = (p: Page, url: string, init: RequestInit = {}) =>
  p.evaluate(
    async ([u, i]) => {
      try {
        const r = await fetch(u, i);
        return `${r.type} ${r.status}`;
      } catch (e) {
        return String(e);
      }
    },
    [url, init] as const,
  );

describe('refusals that never reach the network', () => {
  const cases: [string, (o: Origins) => string, RequestInit][] = [
    ["mode 'same-origin' to another origin", (o) => `${o.api}/renderer/same-origin`, { mode: 'same-origin' }],
    [
      "mode 'no-cors' with redirect 'manual'",
      (o) => `${o.api}/renderer/no-cors-manual`,
      { mode: 'no-cors', redirect: 'manual' },
    ],
    [
      "mode 'no-cors' with redirect 'error'",
      (o) => `${o.api}/renderer/no-cors-error`,
      { mode: 'no-cors', redirect: 'error' },
    ],
    ['an ftp: URL', () => 'ftp://127.0.0.1/renderer/file', {}],
    ['a ws: URL', () => 'ws://127.0.0.1/renderer/socket', {}],
  ];

  it.each(cases)("%s: an exchange of its own with Chromium's reason, certain", async (_what, urlOf, init) => {
    await page.goto(`${origins.page}/page/renderer`);
    const url = urlOf(origins);
    expect(await fetchIn(page, url, init)).toMatch(/TypeError/);
    await expect.poll(() => issues.some((i) => i.url === url)).toBe(true);
    const chromium = issues.find((i) => i.url === url)!;
    const [record] = await recordsFor(browser, [url], FINISHED_WITH_PAGE_FACTS);
    expect(record?.pageFacts?.seen).toBe('page-only');
    expect({
      verdict: record?.evaluation.verdict,
      code: record?.evaluation.reason?.code,
      failedParameter: record?.evaluation.reason?.failedParameter,
    }).toEqual({ verdict: 'blocked', code: chromium.corsError, failedParameter: chromium.failedParameter });
    expect(record?.evaluation.confidence).toBe('certain');
  });

  it("a data: URL is fetched without CORS: 'not-cors', as JavaScript got a basic response", async () => {
    await page.goto(`${origins.page}/page/renderer-data`);
    const url = 'data:text/plain,page-side';
    expect(await fetchIn(page, url)).toBe('basic 200');
    const [record] = await recordsFor(browser, [url], FINISHED_WITH_PAGE_FACTS);
    expect(record?.evaluation.verdict).toBe('not-cors');
    expect(record?.pageFacts?.outcome).toMatchObject({ kind: 'response', type: 'basic', status: 200 });
  });

  it("a file: URL is refused before CORS: 'failed', with no CORS error from Chromium", async () => {
    await page.goto(`${origins.page}/page/renderer-file`);
    const url = 'file:///etc/hostname';
    const failed = new Promise<{ errorText: string; corsErrorStatus?: unknown }>((resolve) => {
      const onFailed = (p: { errorText: string; corsErrorStatus?: unknown }) => {
        cdp.off('Network.loadingFailed', onFailed);
        resolve(p);
      };
      cdp.on('Network.loadingFailed', onFailed);
    });
    await cdp.send('Network.enable');
    expect(await fetchIn(page, url)).toMatch(/TypeError/);
    expect((await failed).corsErrorStatus).toBeUndefined();
    const [record] = await recordsFor(browser, [url], FINISHED_WITH_PAGE_FACTS);
    expect(record?.evaluation.verdict).toBe('failed');
    await cdp.send('Network.disable');
  });
});

describe('facts only the page knows, against Chromium', () => {
  for (const scenario of PAGE_SIDE_SCENARIOS) {
    it(`${scenario.id}: ${scenario.description}`, async () => {
      const run = await runScenario(page, cdp, origins, scenario);
      const expand = (template: string) => expandTemplate(template, { origins, base: scenarioBase(scenario) });
      const records = await recordsFor(
        browser,
        run.cdp.map((x) => x.request.hops[0]!.url),
        FINISHED_WITH_PAGE_FACTS,
      );
      run.cdp.forEach((_x, i) => {
        const call = `call ${i + 1}/${run.cdp.length}`;
        const browserSays = chromiumDecision(run, i);
        expect
          .soft(verdictOf(browserSays), `${call}: Chromium still does what the table records`)
          .toEqual(recordedVerdict(recordedResult(scenario, i), expand));
        const record = records[i];
        expect
          .soft(record?.pageFacts?.seen, `${call}: the page's facts joined the network exchange`)
          .toBe('page-and-network');
        if (!record) return;
        const extensionSays = engineDecision(record.evaluation, browserSays.readable !== undefined);
        expect
          .soft(extensionSays, `${call}: the extension's record`)
          .toEqual(extensionSays.readable === undefined ? withoutReadable(browserSays) : browserSays);
        expect
          .soft(record.evaluation.confidence, `${call}: with the page's facts the verdict is certain`)
          .toBe('certain');
        expect
          .soft(record.evaluation.credentials.source, `${call}: the credentials mode came from the page`)
          .toBe('reported by the page');
      });
    });
  }
});

describe("the page's behaviour", () => {
  /** Runs in the page: what a page could notice about fetch, XHR, EventSource and sendBeacon. */
  const probe = async (api: string) => {
    const out: Record<string, unknown> = {};
    out.fetchShape = [
      typeof fetch,
      fetch.name,
      fetch.length,
      /\[native code\]/.test(String(fetch)),
      Object.keys(window).length,
    ];
    const ok = await fetch(`${api}/star?probe`);
    out.resolved = [ok instanceof Response, ok.type, ok.status, await ok.text()];
    const rejection = await fetch(`${api}/no-such-cors?probe`).then(
      () => null,
      (e: unknown) => e,
    );
    out.rejected = [
      rejection instanceof TypeError,
      (rejection as Error).message,
      Object.getPrototypeOf(rejection) === TypeError.prototype,
    ];
    out.illegalThis = await fetch.call({} as Window, `${api}/star?this`).then(
      () => 'resolved',
      (e: Error) => `${e.constructor.name}: ${e.message}`,
    );
    out.unhandled = await new Promise((resolve) => {
      const onUnhandled = (e: PromiseRejectionEvent) => {
        e.preventDefault();
        window.removeEventListener('unhandledrejection', onUnhandled);
        resolve([e.reason instanceof TypeError, (e.reason as Error).message]);
      };
      window.addEventListener('unhandledrejection', onUnhandled);
      void fetch(`${api}/no-such-cors?unhandled`);
    });
    out.xhr = await new Promise((resolve) => {
      const events: string[] = [];
      const x = new XMLHttpRequest();
      x.onreadystatechange = () => events.push(`rs${x.readyState}`);
      for (const type of ['loadstart', 'load', 'error', 'loadend']) x.addEventListener(type, () => events.push(type));
      x.open('GET', `${api}/no-such-cors?xhr`);
      x.onloadend = () => resolve([...events, x.status]);
      x.send();
    });
    try {
      const x = new XMLHttpRequest();
      x.open('GET', `${api}/no-such-cors?sync`, false);
      x.send();
      out.syncXhr = x.status;
    } catch (e) {
      out.syncXhr = [(e as DOMException).name, e instanceof DOMException];
    }
    const source = new EventSource(`${api}/no-such-cors?es`);
    out.eventSource = [
      source instanceof EventSource,
      EventSource.CONNECTING,
      source.readyState,
      typeof EventSource.prototype.close,
    ];
    source.close();
    out.beacon = navigator.sendBeacon(`${api}/star?beacon`, 'x');
    return out;
  };

  it('is the same with the observer as without it', async () => {
    origins.route('/no-such-cors', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('no acao');
    });
    await setPageObserver(browser, false);
    const plain = await browser.context.newPage();
    await plain.goto(`${origins.page}/page/behaviour-plain`);
    expect(await plain.evaluate(() => Function.prototype.toString.call(window.fetch))).toBe(
      'function fetch() { [native code] }',
    );
    const without = await plain.evaluate(probe, origins.api);
    await plain.close();

    await setPageObserver(browser, true);
    const observed = await browser.context.newPage();
    await observed.goto(`${origins.page}/page/behaviour-observed`);
    expect(await observed.evaluate(() => Function.prototype.toString.call(window.fetch))).not.toBe(
      'function fetch() { [native code] }',
    );
    const withObserver = await observed.evaluate(probe, origins.api);
    await observed.close();
    expect(withObserver).toEqual(without);
  });
});

describe('a page that replaces fetch', () => {
  /** Runs in the page: wraps window.fetch (counting calls), then fetches `url` with credentials 'include'. */
  const wrapAndFetch = async (url: string) => {
    const inner = window.fetch;
    let wrapperCalls = 0;
    window.fetch = function pageWrapper(this: unknown, ...args: Parameters<typeof fetch>) {
      wrapperCalls++;
      return inner.apply(this, args);
    } as typeof fetch;
    const seen = await fetch(url, { credentials: 'include' }).then(
      (r) => `${r.type} ${r.status}`,
      (e: unknown) => String(e),
    );
    return { wrapperCalls, seen };
  };

  /** The record of `url`, held to Chromium's answer for it (CDP corsErrorStatus). */
  const expectObservedAsChromium = async (p: Page, url: string) => {
    const [record] = await recordsFor(browser, [url], FINISHED_WITH_PAGE_FACTS);
    expect(record?.pageFacts?.call.credentials).toBe('include');
    expect(record?.evaluation.reason?.code).toBe('WildcardOriginNotAllowed');
    expect(record?.evaluation.confidence).toBe('certain');
    expect(issuesOf(p).some((i) => i.url === url && i.corsError === 'WildcardOriginNotAllowed')).toBe(true);
  };

  const pageIssues = new WeakMap<Page, CorsIssue[]>();
  const issuesOf = (p: Page) => pageIssues.get(p)!;
  const openPage = async (path: string) => {
    const p = await browser.context.newPage();
    pageIssues.set(p, await collectCorsIssues(await browser.context.newCDPSession(p)));
    await p.goto(`${origins.page}${path}`);
    return p;
  };

  it('after the observer: the page wrapper runs, and the call is observed', async () => {
    const p = await openPage('/page/wraps-after');
    const url = `${origins.api}/star?wraps-after`;
    expect(await p.evaluate(wrapAndFetch, url)).toEqual({ wrapperCalls: 1, seen: 'TypeError: Failed to fetch' });
    await expectObservedAsChromium(p, url);
    await p.close();
  });

  it('before the observer (it arrived after the page loaded): the page wrapper runs, and the call is observed', async () => {
    await setPageObserver(browser, false);
    const p = await openPage('/page/wraps-before');
    const url = `${origins.api}/star?wraps-before`;
    // The page wraps fetch while nothing observes it; then the observer is injected into the running page.
    const wrapped = p.evaluate(() => {
      const inner = window.fetch;
      (window as unknown as { pageWrapperCalls: number }).pageWrapperCalls = 0;
      window.fetch = function pageWrapper(this: unknown, ...args: Parameters<typeof fetch>) {
        (window as unknown as { pageWrapperCalls: number }).pageWrapperCalls++;
        return inner.apply(this, args);
      } as typeof fetch;
    });
    await wrapped;
    await setPageObserver(browser, true);
    const seen = await p.evaluate(
      async (u) => [
        await fetch(u, { credentials: 'include' }).then(
          () => 'read',
          (e: unknown) => String(e),
        ),
        (window as unknown as { pageWrapperCalls: number }).pageWrapperCalls,
      ],
      url,
    );
    expect(seen).toEqual(['TypeError: Failed to fetch', 1]);
    await expectObservedAsChromium(p, url);
    await p.close();
  });
});

describe('forged reports', () => {
  it('change nothing the network observed, are shown as contradictions, and never throw', async () => {
    const before = await pageObserverStats(browser);
    const p = await browser.context.newPage();
    const errors: Error[] = [];
    p.on('pageerror', (e) => errors.push(e));
    const pageCdp = await browser.context.newCDPSession(p);
    await pageCdp.send('Network.enable');
    // The only request of this page that can carry the cookie (its path is /forged) is the fetch.
    let cookieOnWire = false;
    pageCdp.on('Network.requestWillBeSentExtraInfo', (e: { headers: Record<string, string> }) => {
      if (Object.keys(e.headers).some((h) => h.toLowerCase() === 'cookie')) cookieOnWire = true;
    });
    await p.context().addCookies([{ name: 'sid', value: 'c00kie', domain: '127.0.0.1', path: '/forged' }]);
    await p.goto(`${origins.page}/page/forged`);
    const url = `${origins.api2}/forged/star`;
    origins.route('/forged/star', (_req, res) => {
      res.writeHead(200, { 'access-control-allow-origin': '*' });
      res.end('x');
    });
    const seen = await p.evaluate(
      async ({ u, event, limit }) => {
        const send = (detail: unknown) => window.dispatchEvent(new CustomEvent(event, { detail }));
        const now = performance.timeOrigin + performance.now();
        // Out of shape, not JSON, not a string, too large, and a lie that claims the page's first call (id 1).
        send('{"kind":');
        send(JSON.stringify([{ kind: 'start', call: 'one' }, { kind: 'end' }, null, 42]));
        send({ kind: 'start' });
        send(`[${' '.repeat(limit)}]`);
        send(
          JSON.stringify([
            {
              kind: 'start',
              call: 1,
              api: 'fetch',
              url: u,
              method: 'GET',
              mode: 'no-cors',
              credentials: 'omit',
              redirect: 'follow',
              headers: [],
              body: false,
              streamBody: false,
              uploadListener: false,
              at: now,
            },
            {
              kind: 'end',
              call: 1,
              at: now + 1,
              outcome: { kind: 'response', type: 'cors', status: 200, redirected: false, url: u },
            },
          ]),
        );
        return fetch(u, { credentials: 'include' }).then(
          (r) => `${r.type} ${r.status}`,
          (e: unknown) => String(e),
        );
      },
      { u: url, event: PAGE_FACTS_EVENT, limit: PAGE_LIMITS.batchChars },
    );
    expect(seen).toBe('TypeError: Failed to fetch');
    expect(errors).toEqual([]);

    const [record] = await recordsFor(browser, [url], FINISHED_WITH_PAGE_FACTS);
    // What the network saw stands: the cookie on the wire, the response, the failure, the verdict.
    expect(cookieOnWire).toBe(true);
    expect(record?.requestHeaders.some((h) => h.name.toLowerCase() === 'cookie')).toBe(true);
    expect(record?.response?.status).toBe(200);
    expect(record?.browserOutcome).toBe('failed');
    expect(record?.evaluation.reason?.code).toBe('WildcardOriginNotAllowed');
    // The lie is kept as what the page said, beside what the network showed.
    expect(record?.pageFacts?.call).toMatchObject({ mode: 'no-cors', credentials: 'omit' });
    expect(
      pageFactConflicts(record!, record!.pageFacts!)
        .map((c) => c.fact)
        .sort(),
    ).toEqual(['credentials', 'mode', 'outcome']);

    const after = await pageObserverStats(browser);
    expect(after.dropped - before.dropped).toBeGreaterThanOrEqual(5);
    await p.close();
  });
});

describe('the switch', () => {
  it('off: pages run the native fetch and exchanges carry no page facts; on again: observed', async () => {
    await setPageObserver(browser, false);
    const off = await browser.context.newPage();
    await off.goto(`${origins.page}/page/switch-off`);
    expect(await off.evaluate(() => Function.prototype.toString.call(window.fetch))).toBe(
      'function fetch() { [native code] }',
    );
    const offUrl = `${origins.api}/star?switch-off`;
    expect(await fetchIn(off, offUrl)).toBe('cors 200');
    const [offRecord] = await recordsFor(browser, [offUrl], FINISHED);
    expect(offRecord?.pageFacts).toBeUndefined();
    await off.close();

    await setPageObserver(browser, true);
    const on = await browser.context.newPage();
    await on.goto(`${origins.page}/page/switch-on`);
    const onUrl = `${origins.api}/star?switch-on`;
    expect(await fetchIn(on, onUrl)).toBe('cors 200');
    const [onRecord] = await recordsFor(browser, [onUrl], FINISHED_WITH_PAGE_FACTS);
    expect(onRecord?.pageFacts?.outcome).toMatchObject({ kind: 'response', type: 'cors', status: 200 });
    await on.close();
    expect((await recorded(browser)).length).toBeGreaterThan(0);
  });
});
