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
import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { ExchangeRecord } from '../shared/exchange.ts';
import { evaluateRecord } from '../shared/observed.ts';
import { pagesBySeq } from '../shared/pages.ts';
import { buildReport, reportCaptureOf, type Report, type ReportCapture } from '../shared/report.ts';
import { launchWithExtension } from './chromium.ts';
import { extensionDir, packageVersion } from './package-root.ts';
import { callWorker } from './worker-api.ts';

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

/** The recording session's name in the worker: someone (this API) is looking at every tab. */
const OWNER = 'node-api';
/** Records read from the worker per call: large logs cross in pages, judged here in Node. */
const PAGE = 500;

/** Resolves once the worker runs and records every tab, so no early request is lost. */
export async function launchInspector(options: InspectorOptions = {}): Promise<Inspector> {
  const launched = await launchWithExtension({ extensionDir: extensionDir(), ...options });
  const { context, extensionId } = launched;
  // The worker object can change after a stop; always ask the context for the current one.
  const worker = (): Worker =>
    context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ?? launched.worker;
  await callWorker(worker(), 'setPageObserver', options.pageObserver ?? true);
  await callWorker(worker(), 'recordAll', OWNER);
  const browserVersion = await worker().evaluate(() => /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? 'unknown');

  const pageTabs = new WeakMap<Page, number>();
  let pageQueue: Promise<unknown> = Promise.resolve();
  const tabIds = async () => (await callWorker(worker(), 'tabs')).map((t) => t.id);
  const findTab = async (url: string): Promise<number> => {
    const ids = (await callWorker(worker(), 'tabs')).filter((t) => t.url === url).map((t) => t.id);
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
    const all: ExchangeRecord[] = [];
    const pages = pagesBySeq((afterSeq) => callWorker(worker(), 'records', { tabId: o.tabId, afterSeq, limit: PAGE }));
    for await (const page of pages)
      for (const r of page) if (o.pageUrl === undefined || r.pageUrl === o.pageUrl) all.push(evaluateRecord(r));
    return all;
  };
  /** Page reports travel page → relay → worker a moment after the call: settled means quiet this long. */
  const QUIET_MS = 150;
  const records = async (o: Omit<ReportOptions, 'includeSensitive'> = {}) => {
    const deadline = Date.now() + (o.settleMs ?? 1000);
    // Settled: nothing in flight, no page call waiting for its network record, and no new page
    // report for a moment (reports still in transit from the page make records of their own).
    const activity = async () => {
      const stats = await callWorker(worker(), 'pageObserverStats');
      return {
        inFlight: await callWorker(worker(), 'inFlight', o.tabId),
        waiting: await callWorker(worker(), 'pageObserverWaiting'),
        reports: stats.accepted + stats.dropped + stats.unwanted,
      };
    };
    let now = await activity();
    let quietSince = Date.now();
    while (!(now.inFlight === 0 && now.waiting === 0 && Date.now() - quietSince >= QUIET_MS) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      const next = await activity();
      if (next.reports !== now.reports) quietSince = Date.now();
      now = next;
    }
    return read(o);
  };
  /** Evictions and gaps of the tabs a report covers. */
  const capture = async (tabId: number | undefined, got: ExchangeRecord[]): Promise<ReportCapture> => {
    const tabs = tabId !== undefined ? [tabId] : [...new Set([...got.map((r) => r.tabId), ...(await tabIds())])];
    const states = await Promise.all(tabs.map((t) => callWorker(worker(), 'state', t)));
    return {
      tabs: states
        .filter((s) => s.evicted || s.gaps.length || got.some((r) => r.tabId === s.tabId))
        .map(reportCaptureOf),
    };
  };

  return {
    context,
    extensionId,
    records,
    async report(o = {}) {
      const got = await records(o);
      return buildReport(got, {
        tool: { name: 'cors-inspector', version: packageVersion() },
        browser: { name: 'Chromium', version: browserVersion },
        includeSensitive: o.includeSensitive,
        capture: await capture(o.tabId, got),
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
