/**
 * The Node API: Chromium driven by Playwright, every cross-origin exchange of its pages recorded
 * and judged by the engine, read back as records or as the report.
 *
 *   const inspector = await launchInspector();            // { source: 'cdp' } by default
 *   const page = await inspector.newPage();
 *   await page.goto('http://127.0.0.1:8080/');
 *   const report = await inspector.report({ tabId: await inspector.tabIdOf(page) });
 *   await inspector.close();
 *
 * Two sources record (README, "Node API"): 'cdp', a DevTools-protocol session from Node on each
 * page, which adds Chromium's own verdict to every record and costs a page least; and
 * 'extension', the extension's own capture (webRequest in its service worker), exactly what the
 * panel shows — kept selectable so the extension's capture stays tested and measurable.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { ExchangeRecord } from '../shared/exchange.ts';
import type { Report, ReportSummary } from '../shared/report.ts';
import { launchCdpInspector } from './cdp-inspector.ts';
import { launchExtensionInspector } from './extension-inspector.ts';

export type InspectorSource = 'cdp' | 'extension';

/** The source when none is asked for (README, "Node API": the measurements behind it). */
export const DEFAULT_SOURCE: InspectorSource = 'cdp';

export interface InspectorOptions {
  /** Who records (default 'cdp'). */
  source?: InspectorSource;
  executablePath?: string;
  headless?: boolean;
  args?: string[];
  userDataDir?: string;
  /**
   * The extension source's page-side observer (default on): it learns each call's mode and
   * credentials mode and the calls the browser refuses before sending. Off, pages run untouched
   * and those stay unknown. The CDP source never touches the page (it learns refusals from
   * Chromium's own CORS issues), so this option does not apply to it.
   */
  pageObserver?: boolean;
}

export interface ReportOptions {
  tabId?: number;
  pageUrl?: string;
  /** Keep Cookie, Set-Cookie and Authorization values (redacted by default). */
  includeSensitive?: boolean;
  /**
   * How long to wait for exchanges still in flight to finish (default 1000 ms). A source hears of
   * a request's end a moment after the page does, and with the extension source a failed call the
   * network never saw (a CSP refusal) becomes an exchange only after a short grace; long polls and
   * event streams stay pending.
   */
  settleMs?: number;
}

export interface Inspector {
  context: BrowserContext;
  /** Who records this session's exchanges. */
  source: InspectorSource;
  /** The extension's id ('extension' source), null with the CDP source, which loads no extension. */
  extensionId: string | null;
  report(options?: ReportOptions): Promise<Report>;
  /**
   * The same report written to a JSON file one exchange at a time, for reports too large to hold
   * (100 000 exchanges take gigabytes as objects): memory stays bounded by the capture's own log.
   */
  writeReport(file: string, options?: ReportOptions): Promise<ReportSummary>;
  /** The raw exchange records (unredacted) behind a report. */
  records(options?: Omit<ReportOptions, 'includeSensitive'>): Promise<ExchangeRecord[]>;
  /** A new page whose tab id is known (for reports narrowed to it), recorded from its first request. */
  newPage(): Promise<Page>;
  /** The tab id of a page: pages from newPage() always, others when the source can tell them apart. */
  tabIdOf(page: Page): Promise<number>;
  close(): Promise<void>;
}

/** Resolves once every page is recorded, so no early request is lost. */
export function launchInspector(options: InspectorOptions = {}): Promise<Inspector> {
  const source = options.source ?? DEFAULT_SOURCE;
  if (source !== 'cdp' && source !== 'extension')
    throw new Error(`source must be 'cdp' or 'extension' (got '${String(source)}')`);
  return source === 'cdp' ? launchCdpInspector(options) : launchExtensionInspector(options);
}
