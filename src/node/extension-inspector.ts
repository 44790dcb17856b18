/**
 * The 'extension' source of the Node API: Chromium with the extension loaded and recording every
 * tab, and the report built from the extension's own capture (webRequest in its service worker,
 * the product path the panel shows), read from the worker a page of records at a time.
 */
import fs from 'node:fs';
import type { Page, Worker } from 'playwright-core';
import type { CapturedRecord, ExchangeRecord } from '../shared/exchange.ts';
import { evaluateRecord } from '../shared/observed.ts';
import { pagesBySeq } from '../shared/pages.ts';
import { buildReport, reportCaptureOf, streamReport, type ReportCapture, type ReportMeta } from '../shared/report.ts';
import { launchWithExtension } from './chromium.ts';
import type { Inspector, InspectorOptions, ReportOptions } from './inspector.ts';
import { extensionDir, packageVersion } from './package-root.ts';
import { toFile } from './report-file.ts';
import { untilSettled } from './settle.ts';
import { callWorker, callWorkerWithin, WORKER_BACKLOG_TIMEOUT_MS } from './worker-api.ts';

/** The recording session's name in the worker: someone (this API) is looking at every tab. */
const OWNER = 'node-api';
/** Records read from the worker per call: large logs cross in pages, judged here in Node. */
const PAGE = 500;

/** Resolves once the worker runs and records every tab, so no early request is lost. */
export async function launchExtensionInspector(options: InspectorOptions = {}): Promise<Inspector> {
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

  /** The records of the asked tabs, oldest first, read from the worker a page at a time. */
  async function* captured(o: Omit<ReportOptions, 'includeSensitive' | 'settleMs'>): AsyncGenerator<CapturedRecord> {
    const pages = pagesBySeq((afterSeq) =>
      callWorkerWithin(WORKER_BACKLOG_TIMEOUT_MS, worker(), 'records', { tabId: o.tabId, afterSeq, limit: PAGE }),
    );
    for await (const page of pages)
      for (const r of page) if (o.pageUrl === undefined || r.pageUrl === o.pageUrl) yield r;
  }
  async function* judged(o: Omit<ReportOptions, 'includeSensitive' | 'settleMs'>): AsyncGenerator<ExchangeRecord> {
    for await (const r of captured(o)) yield evaluateRecord(r);
  }
  const read = async (o: Omit<ReportOptions, 'includeSensitive' | 'settleMs'>) => {
    const all: ExchangeRecord[] = [];
    for await (const r of judged(o)) all.push(r);
    return all;
  };
  /**
   * Settled: the worker has handled the events queued for it (a busy page leaves it behind:
   * WORKER_BACKLOG_TIMEOUT_MS), nothing is in flight, no failed page call waits for its network
   * record (its grace is running), and no new page report came for a moment (reports in transit
   * make records of their own).
   */
  const settled = async (o: Pick<ReportOptions, 'tabId' | 'settleMs'>) => {
    await callWorkerWithin(WORKER_BACKLOG_TIMEOUT_MS, worker(), 'flush');
    await untilSettled(async () => {
      const stats = await callWorker(worker(), 'pageObserverStats');
      return {
        busy: (await callWorker(worker(), 'inFlight', o.tabId)) + (await callWorker(worker(), 'pageObserverWaiting')),
        seen: stats.accepted + stats.dropped + stats.unwanted,
      };
    }, o.settleMs ?? 1000);
  };
  const records = async (o: Omit<ReportOptions, 'includeSensitive'> = {}) => {
    await settled(o);
    return read(o);
  };

  /** Evictions and gaps of the tabs a report covers (`got`: the tabs of its records). */
  const capture = async (
    tabId: number | undefined,
    got: readonly Pick<ExchangeRecord, 'tabId'>[],
  ): Promise<ReportCapture> => {
    const tabs = tabId !== undefined ? [tabId] : [...new Set([...got.map((r) => r.tabId), ...(await tabIds())])];
    const states = await Promise.all(tabs.map((t) => callWorker(worker(), 'state', t)));
    return {
      tabs: states
        .filter((s) => s.evicted || s.gaps.length || got.some((r) => r.tabId === s.tabId))
        .map(reportCaptureOf),
    };
  };

  const meta = (o: ReportOptions): ReportMeta => ({
    tool: { name: 'cors-inspector', version: packageVersion() },
    browser: { name: 'Chromium', version: browserVersion },
    includeSensitive: o.includeSensitive,
  });

  return {
    context,
    source: 'extension',
    extensionId,
    records,
    async report(o = {}) {
      const got = await records(o);
      return buildReport(got, { ...meta(o), capture: await capture(o.tabId, got) });
    },
    async writeReport(file, o = {}) {
      await settled(o);
      const tabs = new Set<number>();
      const passes = {
        async *captured() {
          for await (const r of captured(o)) {
            tabs.add(r.tabId);
            yield r;
          }
        },
        judged: () => judged(o),
      };
      const covered = () => [...tabs].map((tabId) => ({ tabId }));
      return toFile(file, (write) => streamReport(passes, meta(o), () => capture(o.tabId, covered()), write));
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
      if (launched.ownsProfile) fs.rmSync(launched.userDataDir, { recursive: true, force: true, maxRetries: 10 });
    },
  };
}
