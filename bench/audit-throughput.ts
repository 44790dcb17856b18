/**
 * Audit throughput: pages per minute that `cors-inspector audit` reaches on the generated 200-page
 * site at --concurrency 1, 2 and 4 (one Chromium, that many tabs). Each run is the CLI's own
 * audit() — launch, load, quiet, read, report — and is checked before it counts: every page loaded
 * and every expected exchange recorded, or the figure is refused.
 *
 *   node dist-node/audit-throughput.js           (after npm run build)
 *   BENCH_PAGES=50 BENCH_CONCURRENCY=1,8 BENCH_IDLE_MS=1500 node dist-node/audit-throughput.js
 */
import { pathToFileURL } from 'node:url';
import { audit } from '../src/cli/audit.ts';
import { plainProgress } from '../src/cli/progress.ts';
import { DEFAULT_SOURCE } from '../src/node/inspector.ts';
import { requestsOf, startGeneratedSite } from './generated-site.ts';

export interface ThroughputOptions {
  pages: number;
  concurrency: number[];
  /** Network quiet time that ends a page (the CLI's --idle-ms). */
  idleMs: number;
}

export interface ThroughputResult {
  concurrency: number;
  pages: number;
  exchanges: number;
  seconds: number;
  pagesPerMinute: number;
}

/** What one list has more or fewer of than the other, as "+ item" / "- item". */
function differences(seen: string[], expected: string[]): string[] {
  const count = new Map<string, number>();
  for (const s of seen) count.set(s, (count.get(s) ?? 0) + 1);
  for (const e of expected) count.set(e, (count.get(e) ?? 0) - 1);
  return [...count].filter(([, n]) => n !== 0).map(([k, n]) => `${n > 0 ? '+' : '-'}${Math.abs(n)} ${k}`);
}

export const THROUGHPUT_DEFAULTS: ThroughputOptions = { pages: 200, concurrency: [1, 2, 4], idleMs: 500 };

export async function auditThroughput(o: ThroughputOptions = THROUGHPUT_DEFAULTS): Promise<ThroughputResult[]> {
  const site = await startGeneratedSite(o.pages);
  const expected = site.pages.flatMap((page, i) =>
    requestsOf(i).map(([method, path]) => `${page} ${method} ${site.api}${path}`),
  );
  const results: ThroughputResult[] = [];
  try {
    for (const concurrency of o.concurrency) {
      const started = performance.now();
      const { report } = await audit(site.pages, {
        idleMs: o.idleMs,
        timeoutMs: 30_000,
        headed: false,
        includeSensitive: false,
        pageObserver: true,
        // What `cors-inspector audit` records with when --source is not given.
        source: DEFAULT_SOURCE,
        concurrency,
        crawl: null,
        progress: plainProgress(() => undefined),
      });
      const seconds = (performance.now() - started) / 1000;
      const loaded = report.pages?.filter((p) => p.ok).length ?? 0;
      const seen = report.exchanges.map((x) => `${x.pageUrl} ${x.method} ${x.url}`);
      if (loaded !== o.pages || differences(seen, expected).length)
        throw new Error(
          `concurrency ${concurrency}: ${loaded}/${o.pages} pages loaded, ${seen.length}/${expected.length} exchanges recorded; no figure. Differences: ${differences(seen, expected).slice(0, 5).join('; ')}`,
        );
      results.push({
        concurrency,
        pages: o.pages,
        exchanges: seen.length,
        seconds,
        pagesPerMinute: (o.pages / seconds) * 60,
      });
    }
  } finally {
    await site.close();
  }
  return results;
}

export function throughputTable(results: ThroughputResult[], idleMs: number): string {
  const rows = results.map(
    (r) =>
      `${String(r.concurrency).padStart(11)}${r.seconds.toFixed(1).padStart(10)}${r.pagesPerMinute.toFixed(0).padStart(14)}${(r.pagesPerMinute / results[0]!.pagesPerMinute).toFixed(2).padStart(10)}`,
  );
  return [
    `Audit throughput: ${results[0]?.pages ?? 0} pages, ${results[0]?.exchanges ?? 0} cross-origin exchanges, --idle-ms ${idleMs}, one Chromium (browser launch included)`,
    `${'concurrency'.padStart(11)}${'seconds'.padStart(10)}${'pages/minute'.padStart(14)}${'× first'.padStart(10)}`,
    ...rows,
  ].join('\n');
}

function fromEnv(): ThroughputOptions {
  const env = process.env;
  const options = {
    pages: Number(env.BENCH_PAGES ?? THROUGHPUT_DEFAULTS.pages),
    concurrency: (env.BENCH_CONCURRENCY ?? THROUGHPUT_DEFAULTS.concurrency.join(',')).split(',').map(Number),
    idleMs: Number(env.BENCH_IDLE_MS ?? THROUGHPUT_DEFAULTS.idleMs),
  };
  const whole = (n: number) => Number.isInteger(n) && n > 0;
  if (!whole(options.pages) || !options.concurrency.every(whole) || !Number.isInteger(options.idleMs))
    throw new Error(
      'BENCH_PAGES and BENCH_CONCURRENCY (comma-separated) take whole numbers above 0, BENCH_IDLE_MS ≥ 0',
    );
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = fromEnv();
  process.stdout.write(`${throughputTable(await auditThroughput(options), options.idleMs)}\n`);
}
