/**
 * `cors-inspector audit`: visits pages in one Chromium with CORS Inspector recording (`--source`:
 * the CDP source by default, or the extension), several tabs at a time (`--concurrency`), each
 * until its network is quiet, and builds one report. With
 * `--crawl` it follows links level by level (breadth first): every page of a level is audited
 * before the next level is chosen, so which pages a `--max-pages` cap keeps does not depend on
 * which tab happened to finish first. Exchanges are reported page by page in audit order, so two
 * runs of the same site give the same report order and shards can be laid end to end.
 */
import type { Page } from 'playwright-core';
import { launchInspector, type Inspector, type InspectorSource } from '../node/inspector.ts';
import { packageVersion } from '../node/package-root.ts';
import type { ExchangeRecord } from '../shared/exchange.ts';
import { buildReport, type Report, type ReportCapture, type ReportPage } from '../shared/report.ts';
import { linksToFollow, type UrlFilter } from './crawl.ts';
import { waitForNetworkIdle } from './network-idle.ts';
import type { Progress } from './progress.ts';

/** Defaults of `audit`, shared by the CLI flags and the MCP `audit` tool. */
export const AUDIT_DEFAULTS = { idleMs: 1500, timeoutMs: 30_000 } as const;

export interface AuditOptions {
  idleMs: number;
  timeoutMs: number;
  headed: boolean;
  includeSensitive: boolean;
  executablePath?: string;
  /** The extension source's page-side observer (on unless --no-page-observer). */
  pageObserver: boolean;
  /** Who records (--source). */
  source: InspectorSource;
  /** Pages audited at once, each in its own tab of the one browser. */
  concurrency: number;
  /** Follow links on the URLs' origins, up to `maxPages` pages in all; null audits the URLs only. */
  crawl: { maxPages: number; filter: UrlFilter } | null;
  progress: Progress;
}

export interface AuditResult {
  /** The report, with `pages` in audit order. */
  report: Report;
  records: ExchangeRecord[];
  /** Links a crawl found but did not follow because `maxPages` was reached. */
  notAudited: number;
}

interface Visit {
  page: ReportPage;
  records: ExchangeRecord[];
  capture: ReportCapture['tabs'];
  browserVersion: string | null;
  links: string[];
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .split('\n')[0]!
    .replace(/^page\.goto: /, '');
}

/** Why goto failed, in words that say which limit or error it was. */
function loadError(e: unknown, timeoutMs: number): string {
  const line = firstLine(e);
  return /^Timeout \d+ms exceeded/.test(line) ? `did not load within ${timeoutMs} ms (--timeout-ms)` : line;
}

/** Every link of the page, resolved against its base URL (SVG links have no string `href`). */
function linksOf(tab: Page): Promise<string[]> {
  return tab
    .locator('a[href], area[href]')
    .evaluateAll((els) =>
      els.flatMap((el) => {
        try {
          return [new URL(el.getAttribute('href') ?? '', document.baseURI).href];
        } catch {
          return [];
        }
      }),
    )
    .catch(() => []);
}

/** Loads one page in its own tab, waits for quiet, reads what its tab recorded, closes it. */
async function visit(inspector: Inspector, url: string, o: AuditOptions, wantLinks: boolean): Promise<Visit> {
  const tab = await inspector.newPage();
  const tabId = await inspector.tabIdOf(tab);
  const stopWaiting = new AbortController();
  let status: number | null = null;
  let error: string | null = null;
  let links: string[] = [];
  try {
    const idle = waitForNetworkIdle(tab, o.idleMs, o.timeoutMs, stopWaiting.signal);
    const response = await tab.goto(url, { timeout: o.timeoutMs, waitUntil: 'load' });
    status = response?.status() ?? null;
    // An error page is not the page asked for: its requests are reported, but the page was not checked.
    if (status !== null && status >= 400) error = `HTTP ${status} ${response?.statusText() ?? ''}`.trim();
    await idle;
    if (wantLinks && !error) links = await linksOf(tab);
  } catch (e) {
    error = loadError(e, o.timeoutMs);
  } finally {
    stopWaiting.abort();
  }
  const records = await inspector.records({ tabId });
  const tabReport = await inspector.report({ tabId, settleMs: 0 });
  await tab.close();
  return {
    page: { url, ok: error === null, error, status, tabId, exchanges: records.length },
    records,
    capture: tabReport.capture?.tabs ?? [],
    browserVersion: tabReport.browser.version,
    links,
  };
}

/** Runs `fn` on every item, at most `n` at a time; results in item order. */
async function inPool<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}

const meta = (browserVersion: string | null, o: AuditOptions, capture: ReportCapture) => ({
  tool: { name: 'cors-inspector', version: packageVersion() },
  browser: { name: 'Chromium', version: browserVersion ?? 'unknown' },
  includeSensitive: o.includeSensitive,
  capture,
});

export async function audit(urls: string[], o: AuditOptions): Promise<AuditResult> {
  // An empty list (a shard with nothing to do) needs no browser.
  if (urls.length === 0)
    return { report: { ...buildReport([], meta(null, o, { tabs: [] })), pages: [] }, records: [], notAudited: 0 };
  const inspector = await launchInspector({
    headless: !o.headed,
    executablePath: o.executablePath,
    pageObserver: o.pageObserver,
    source: o.source,
  });
  try {
    const visits: Visit[] = [];
    const seen = new Set(urls);
    const origins = new Set(urls.map((u) => new URL(u).origin));
    const maxPages = o.crawl?.maxPages ?? Number.POSITIVE_INFINITY;
    let level = urls;
    let notAudited = 0;
    while (level.length) {
      const room = maxPages - visits.length;
      const batch = level.slice(0, room);
      notAudited += level.length - batch.length;
      o.progress.setTotal(visits.length + batch.length);
      const done = await inPool(batch, o.concurrency, async (url) => {
        const v = await visit(inspector, url, o, o.crawl !== null);
        o.progress.pageDone(v.page);
        return v;
      });
      visits.push(...done);
      if (!o.crawl) break;
      const filter = o.crawl.filter;
      level = done.flatMap((v) => linksToFollow(v.links, origins, filter, seen));
      if (visits.length >= maxPages) {
        notAudited += level.length;
        break;
      }
    }
    const tabs = new Set(visits.map((v) => v.page.tabId));
    // Tabs the pages opened themselves (window.open, target=_blank) come last, in observation order.
    const others = (await inspector.records({ settleMs: 0 })).filter((r) => !tabs.has(r.tabId));
    const records = [...visits.flatMap((v) => v.records), ...others].map((r, i) => ({ ...r, seq: i + 1 }));
    const browserVersion = visits.find((v) => v.browserVersion)?.browserVersion ?? null;
    const report = buildReport(records, meta(browserVersion, o, { tabs: visits.flatMap((v) => v.capture) }));
    return { report: { ...report, pages: visits.map((v) => v.page) }, records, notAudited };
  } finally {
    o.progress.stop();
    await inspector.close();
  }
}
