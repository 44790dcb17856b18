/**
 * The Node API: Chromium with the extension loaded and recording every tab, and the report built
 * from the extension's own capture (the product path, not a second implementation).
 *
 *   const inspector = await launchInspector();
 *   const page = await inspector.context.newPage();
 *   await page.goto('http://127.0.0.1:8080/');
 *   const report = await inspector.report();
 *   await inspector.close();
 */
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { inFlight, type ExchangeRecord } from '../shared/exchange.ts';
import { buildReport, type Report } from '../shared/report.ts';
import { launchWithExtension, withTimeout } from './chromium.ts';
import { extensionDir, packageVersion } from './package-root.ts';

export interface InspectorOptions {
  executablePath?: string;
  headless?: boolean;
  args?: string[];
  userDataDir?: string;
  /**
   * The page-side observer (default on): it learns each call's mode and credentials mode and the
   * calls the browser refuses before sending. Off, pages run untouched and those stay unknown.
   */
  pageObserver?: boolean;
}

export interface ReportOptions {
  tabId?: number;
  pageUrl?: string;
  /** Keep Cookie, Set-Cookie and Authorization values (redacted by default). */
  includeSensitive?: boolean;
  /**
   * How long to wait for exchanges still in flight to finish (default 1000 ms). The worker hears
   * of a request's end a moment after the page does, and a failed call the network never saw (a
   * CSP refusal) becomes an exchange only after a short grace; long polls and event streams stay pending.
   */
  settleMs?: number;
}

export interface Inspector {
  context: BrowserContext;
  extensionId: string;
  report(options?: ReportOptions): Promise<Report>;
  /** The raw exchange records (unredacted) behind a report. */
  records(options?: Omit<ReportOptions, 'includeSensitive'>): Promise<ExchangeRecord[]>;
  /** A new page whose tab id is known (for reports narrowed to it). */
  newPage(): Promise<Page>;
  /** The extension's tab id of a page: pages from newPage() always, others when their URL is unique. */
  tabIdOf(page: Page): Promise<number>;
  close(): Promise<void>;
}

interface WorkerApi {
  corsInspector: {
    recordAll(owner: string): Promise<void>;
    exchanges(f: { tabId?: number }): Promise<ExchangeRecord[]>;
    pageObserver: {
      set(on: boolean): Promise<void>;
      waiting(): number;
      stats(): { accepted: number; dropped: number; unwanted: number };
    };
  };
}

/** The recording session's name in the worker: someone (this API) is looking at every tab. */
const OWNER = 'node-api';
const API_TIMEOUT_MS = 30_000;

/** Resolves once the worker runs and records every tab, so no early request is lost. */
export async function launchInspector(options: InspectorOptions = {}): Promise<Inspector> {
  const launched = await launchWithExtension({ extensionDir: extensionDir(), ...options });
  const { context, extensionId } = launched;
  // The worker object can change after a stop; always ask the context for the current one.
  const worker = () =>
    context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ?? launched.worker;
  await withTimeout(
    worker().evaluate(
      (on) => (globalThis as unknown as WorkerApi).corsInspector.pageObserver.set(on),
      options.pageObserver ?? true,
    ),
    API_TIMEOUT_MS,
    'page observer',
  );
  await withTimeout(
    worker().evaluate((owner) => (globalThis as unknown as WorkerApi).corsInspector.recordAll(owner), OWNER),
    API_TIMEOUT_MS,
    'start recording',
  );
  const browserVersion = await withTimeout(
    worker().evaluate(() => /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? 'unknown'),
    API_TIMEOUT_MS,
    'browser version',
  );

  const pageTabs = new WeakMap<Page, number>();
  let pageQueue: Promise<unknown> = Promise.resolve();
  const tabIds = () =>
    withTimeout(
      worker().evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id!)),
      API_TIMEOUT_MS,
      'list tabs',
    );
  const findTab = async (url: string): Promise<number> => {
    const ids = await withTimeout(
      worker().evaluate(async (u) => (await chrome.tabs.query({})).filter((t) => t.url === u).map((t) => t.id!), url),
      API_TIMEOUT_MS,
      'find tab',
    );
    if (ids.length !== 1)
      throw new Error(
        ids.length
          ? `${ids.length} tabs show ${url}; use inspector.newPage() to tell them apart`
          : `No tab shows ${url}`,
      );
    return ids[0]!;
  };

  /**
   * The records; how many failed page calls may still become exchanges (their network grace is
   * running); and how many page reports the worker has taken, which moves while reports are in transit.
   */
  const read = async (o: Omit<ReportOptions, 'includeSensitive' | 'settleMs'>) => {
    const { all, waiting, reports } = await withTimeout(
      worker().evaluate(async (tabId) => {
        const api = (globalThis as unknown as WorkerApi).corsInspector;
        const { accepted, dropped, unwanted } = api.pageObserver.stats();
        return {
          all: await api.exchanges({ tabId }),
          waiting: api.pageObserver.waiting(),
          reports: accepted + dropped + unwanted,
        };
      }, o.tabId),
      API_TIMEOUT_MS,
      'read exchanges',
    );
    return { got: o.pageUrl === undefined ? all : all.filter((r) => r.pageUrl === o.pageUrl), waiting, reports };
  };
  /** Page reports travel page → relay → worker a moment after the call: settled means quiet this long. */
  const QUIET_MS = 150;
  const records = async (o: Omit<ReportOptions, 'includeSensitive'> = {}) => {
    const deadline = Date.now() + (o.settleMs ?? 1000);
    let now = await read(o);
    let quietSince = Date.now();
    for (;;) {
      const settled = !now.got.some(inFlight) && now.waiting === 0 && Date.now() - quietSince >= QUIET_MS;
      if (settled || Date.now() >= deadline) return now.got;
      await new Promise((r) => setTimeout(r, 50));
      const next = await read(o);
      if (next.reports !== now.reports || next.got.length !== now.got.length) quietSince = Date.now();
      now = next;
    }
  };

  return {
    context,
    extensionId,
    records,
    async report(o = {}) {
      return buildReport(await records(o), {
        tool: { name: 'cors-inspector', version: packageVersion() },
        browser: { name: 'Chromium', version: browserVersion },
        includeSensitive: o.includeSensitive,
      });
    },
    newPage() {
      // The tab a new page opens in is the one id that was not there before; creations are serialized.
      const opened = pageQueue.then(async () => {
        const before = new Set(await tabIds());
        const page = await context.newPage();
        const fresh = (await tabIds()).filter((id) => !before.has(id));
        if (fresh.length !== 1)
          throw new Error(`could not tell which tab the new page opened in (${fresh.length} new tabs)`);
        pageTabs.set(page, fresh[0]!);
        return page;
      });
      pageQueue = opened.catch(() => undefined);
      return opened;
    },
    async tabIdOf(page) {
      return pageTabs.get(page) ?? findTab(page.url());
    },
    async close() {
      await context.close();
      if (launched.ownsProfile) fs.rmSync(launched.userDataDir, { recursive: true, force: true });
    },
  };
}
