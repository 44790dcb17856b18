/**
 * The 'cdp' source of the Node API: plain Chromium (no extension), and on every page a
 * DevTools-protocol session from Node (cdp/tab-capture.ts) whose records are judged here by the
 * same engine, with Chromium's own verdict beside each. Playwright already runs one such session
 * per page, so a second costs a page little (README, "Benchmark"); nothing is injected into pages.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import type { CapturedRecord, ExchangeRecord } from '../shared/exchange.ts';
import { evaluateRecord } from '../shared/observed.ts';
import { PreflightCache } from '../shared/preflight-cache.ts';
import { buildReport, reportCaptureOf, streamReport, type ReportCapture, type ReportMeta } from '../shared/report.ts';
import { newCaptureHub, TabCapture } from './cdp/tab-capture.ts';
import { launchChromium } from './chromium.ts';
import type { Inspector, InspectorOptions, ReportOptions } from './inspector.ts';
import { packageVersion } from './package-root.ts';
import { toFile } from './report-file.ts';
import { untilSettled } from './settle.ts';

type ReadOptions = Omit<ReportOptions, 'includeSensitive' | 'settleMs'>;

export async function launchCdpInspector(options: InspectorOptions = {}): Promise<Inspector> {
  const launched = await launchChromium(options);
  const { context } = launched;
  const hub = newCaptureHub();
  const captures = new Map<Page, Promise<TabCapture>>();
  let nextTab = 1;
  /** Pages our own newPage() is opening: they are watched before anyone can navigate them. */
  let opening = 0;

  const watch = (page: Page, own: boolean): Promise<TabCapture> => {
    const known = captures.get(page);
    if (known) return known;
    const tabId = nextTab++;
    const heardAt = Date.now();
    const attached = TabCapture.attach(context, page, tabId, hub).then((capture) => {
      // A page opened elsewhere (a popup, context.newPage()) may have made requests before this.
      if (!own && page.url() !== 'about:blank')
        hub.store.gap(tabId, {
          from: heardAt,
          to: Date.now(),
          why: 'the page was opened outside inspector.newPage(): requests made before the inspector attached to it are missing',
        });
      return capture;
    });
    captures.set(page, attached);
    // A page that closes while attaching is simply not recorded.
    attached.catch(() => captures.delete(page));
    return attached;
  };
  context.on('page', (page) => {
    const own = opening > 0;
    if (own) opening--;
    void watch(page, own).catch(() => undefined);
  });
  await Promise.all(context.pages().map((p) => watch(p, true)));
  const version = (await context.pages()[0]?.evaluate(() => navigator.userAgent)) ?? '';
  const browserVersion = /Chrome\/([\d.]+)/.exec(version)?.[1] ?? 'unknown';

  const settledCaptures = async (): Promise<TabCapture[]> =>
    (await Promise.allSettled(captures.values())).flatMap((c) => (c.status === 'fulfilled' ? [c.value] : []));
  const inFlight = async (tabId?: number) =>
    (await settledCaptures()).reduce((n, c) => n + (tabId === undefined || c.tabId === tabId ? c.inFlight() : 0), 0);
  /** In flight, and how many requests the tabs have seen start (a call just made may not have reached us yet). */
  const activity = async (tabId?: number) => ({
    busy: await inFlight(tabId),
    seen: (await settledCaptures()).reduce((n, c) => n + c.started, 0),
  });

  /**
   * Every record of the asked tabs in the order the requests started, one at a time (the log keeps
   * them as text: only the order is held, not the records).
   */
  async function* captured(o: ReadOptions): AsyncGenerator<CapturedRecord> {
    const live = await settledCaptures();
    const tabs = o.tabId !== undefined ? [o.tabId] : hub.store.tabIds();
    const order: { seq: number; read(): CapturedRecord | null }[] = [
      ...tabs.flatMap((tabId) =>
        hub.store.index(tabId).map(({ id, seq }) => ({ seq, read: () => hub.store.get(tabId, id) })),
      ),
      ...live
        .filter((c) => o.tabId === undefined || c.tabId === o.tabId)
        .flatMap((c) => c.pending())
        .map((r) => ({ seq: r.seq, read: () => r })),
    ].sort((a, b) => a.seq - b.seq);
    for (const entry of order) {
      const record = entry.read(); // null: evicted since
      if (record && (o.pageUrl === undefined || record.pageUrl === o.pageUrl)) yield record;
    }
  }

  /** The same records, judged by the engine. */
  async function* judged(o: ReadOptions): AsyncGenerator<ExchangeRecord> {
    // Which earlier exchange's preflight a cached one reused (the cache is the browser's, across tabs).
    const preflights = new PreflightCache();
    for await (const c of captured(o)) {
      const record = evaluateRecord(c);
      if (record.evaluation.preflight.cached && !record.preflightCached) {
        record.preflightCached = true;
        record.preflightCachedFrom = preflights.sourceOf(record);
      }
      preflights.remember(record);
      yield record;
    }
  }
  const read = async (o: ReadOptions): Promise<ExchangeRecord[]> => {
    const all: ExchangeRecord[] = [];
    for await (const r of judged(o)) all.push(r);
    return all;
  };
  /** Settled, and every child's early requests looked for once more (a miss is counted before it is read). */
  const settle = async (o: Pick<ReportOptions, 'tabId' | 'settleMs'>) => {
    await untilSettled(() => activity(o.tabId), o.settleMs ?? 1000);
    await Promise.all(
      (await settledCaptures())
        .filter((c) => o.tabId === undefined || c.tabId === o.tabId)
        .map((c) => c.recheckChildren()),
    );
  };
  const records = async (o: Omit<ReportOptions, 'includeSensitive'> = {}) => {
    await settle(o);
    return read(o);
  };

  /** Evictions and gaps of the tabs a report covers (`got`: the tabs and page URLs of its records). */
  const capture = async (
    tabId: number | undefined,
    got: readonly Pick<ExchangeRecord, 'tabId' | 'pageUrl'>[],
  ): Promise<ReportCapture> => {
    const tabs = tabId !== undefined ? [tabId] : hub.store.tabIds();
    const live = await settledCaptures();
    const pageUrl = (t: number) =>
      live.find((c) => c.tabId === t)?.pageUrl ?? got.findLast((r) => r.tabId === t)?.pageUrl ?? '';
    return {
      tabs: tabs
        .map((t) => ({ tabId: t, pageUrl: pageUrl(t), ...hub.store.state(t) }))
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
    source: 'cdp',
    extensionId: null,
    records,
    async report(o = {}) {
      const got = await records(o);
      return buildReport(got, { ...meta(o), capture: await capture(o.tabId, got) });
    },
    async writeReport(file, o = {}) {
      await settle(o);
      const seen: { tabId: number; pageUrl: string }[] = [];
      const passes = {
        async *captured() {
          for await (const r of captured(o)) {
            if (!seen.some((s) => s.tabId === r.tabId)) seen.push({ tabId: r.tabId, pageUrl: r.pageUrl });
            yield r;
          }
        },
        judged: () => judged(o),
      };
      return toFile(file, (write) => streamReport(passes, meta(o), () => capture(o.tabId, seen), write));
    },
    async newPage() {
      opening++;
      let page: Page;
      try {
        page = await context.newPage();
      } catch (e) {
        opening = Math.max(0, opening - 1);
        throw e;
      }
      await watch(page, true);
      return page;
    },
    async tabIdOf(page) {
      const capture = captures.get(page);
      if (!capture)
        throw new Error("this page is not in the inspector's browser (open pages with inspector.newPage())");
      return (await capture).tabId;
    },
    async close() {
      await context.close();
      if (launched.ownsProfile) fs.rmSync(launched.userDataDir, { recursive: true, force: true, maxRetries: 10 });
    },
  };
}
