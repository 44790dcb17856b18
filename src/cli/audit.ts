/** `cors-inspector audit <url…>`: visit each URL with the extension recording, then report. */
import type { Inspector } from '../node/inspector.ts';
import { launchInspector } from '../node/inspector.ts';
import type { ExchangeRecord } from '../shared/exchange.ts';
import type { Report, ReportPage as PageResult } from '../shared/report.ts';
import { waitForNetworkIdle } from './network-idle.ts';

/** Defaults of `audit`, shared by the CLI flags and the MCP `audit` tool. */
export const AUDIT_DEFAULTS = { idleMs: 1500, timeoutMs: 30_000 } as const;

export interface AuditOptions {
  idleMs: number;
  timeoutMs: number;
  headed: boolean;
  includeSensitive: boolean;
  executablePath?: string;
  /** The page-side observer (on unless --no-page-observer). */
  pageObserver: boolean;
  /** Progress lines (one per URL). */
  log: (line: string) => void;
}

export interface AuditResult {
  report: Report;
  records: ExchangeRecord[];
  pages: PageResult[];
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .split('\n')[0]!
    .replace(/^page\.goto: /, '');
}

async function visit(inspector: Inspector, url: string, o: AuditOptions): Promise<PageResult> {
  const page = await inspector.newPage();
  try {
    const idle = waitForNetworkIdle(page, o.idleMs, o.timeoutMs);
    await page.goto(url, { timeout: o.timeoutMs, waitUntil: 'load' });
    await idle;
    const tabId = await inspector.tabIdOf(page);
    return { url, ok: true, error: null, exchanges: (await inspector.report({ tabId })).exchanges.length };
  } catch (e) {
    return { url, ok: false, error: firstLine(e), exchanges: 0 };
  }
}

export async function audit(urls: string[], o: AuditOptions): Promise<AuditResult> {
  const inspector = await launchInspector({
    headless: !o.headed,
    executablePath: o.executablePath,
    pageObserver: o.pageObserver,
  });
  try {
    const pages: PageResult[] = [];
    for (const [i, url] of urls.entries()) {
      o.log(`[${i + 1}/${urls.length}] ${url} …`);
      const result = await visit(inspector, url, o);
      pages.push(result);
      o.log(
        result.ok
          ? `[${i + 1}/${urls.length}] ${url}: ${result.exchanges} cross-origin exchange(s)`
          : `[${i + 1}/${urls.length}] ${url}: could not be loaded (${result.error})`,
      );
    }
    const report = await inspector.report({ includeSensitive: o.includeSensitive });
    const records = await inspector.records();
    return { report, records, pages };
  } finally {
    await inspector.close();
  }
}
