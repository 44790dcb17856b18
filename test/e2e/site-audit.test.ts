/**
 * Whole-site audits with the built bin: --crawl and --sitemap stop where --max-pages, --include
 * and --exclude say, in a breadth-first order that does not depend on timing; and `audit --shard
 * i/n` on every shard followed by `merge-reports` gives the report an unsharded run gives — on the
 * demo gallery and on 60 pages of a generated site (audited with many tabs at once).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedSite, requestsOf, startGeneratedSite } from '../../bench/generated-site.ts';
import { type DemoSite, startDemo } from '../../src/demo/demo-site.ts';
import type { Report } from '../../src/shared/report.ts';
import { reportErrors } from '../support/report-schema.ts';
import { runCli } from './support/cli-run.ts';

let out: string;
let site: GeneratedSite;
let demo: DemoSite;

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-site-'));
  [site, demo] = await Promise.all([startGeneratedSite(200), startDemo()]);
});
afterAll(async () => {
  await Promise.all([site.close(), demo.close()]);
  fs.rmSync(out, { recursive: true, force: true });
});

/** Pages the sharded run audits: enough for 8 tabs at a time in each of 4 shards, small enough for CI. */
const SHARDED_PAGES = 60;

const readReport = (dir: string): Report => JSON.parse(fs.readFileSync(path.join(dir, 'cors-report.json'), 'utf8'));
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

/**
 * What two audits of the same pages must agree on: the counts, the pages in order, and each page's
 * exchanges — request, verdict, reason, findings. Left out is what differs between any two runs by
 * nature: ids, tab ids, times, durations, headers such as Date, and the order of a page's requests
 * made at the same moment (the generated pages fetch in parallel; whichever the network sees first
 * comes first), so each page's exchanges are compared sorted.
 */
function comparable(r: Report) {
  const byPage = new Map<string, string[]>();
  for (const x of r.exchanges) {
    const row = [
      x.method,
      x.url,
      x.verdict,
      x.reason?.code ?? '-',
      x.reason?.failedParameter ?? '-',
      x.preflight !== null,
      x.preflightCached,
      x.findings.map((f) => `${f.severity} ${f.code}`).join(','),
      // Who recorded it: names a second record of one request, should one appear.
      x.pageReported ? 'page-reported' : 'network',
      x.browserError ?? '-',
    ].join(' | ');
    byPage.set(x.pageUrl, [...(byPage.get(x.pageUrl) ?? []), row]);
  }
  return {
    summary: r.summary,
    pages: r.pages?.map((p) => [p.url, p.ok, p.status, p.exchanges]),
    exchanges: [...byPage].map(([page, rows]) => [page, rows.sort()]),
  };
}

/** Each format's content, compared as sorted lines for the same reason (and without timestamps). */
const lines = (text: string) =>
  text
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME')
    .replace(/ time="[\d.]+"/g, '')
    .replace(/^#### \d+\. /gm, '#### ')
    .split('\n')
    .sort();
const harShape = (har: string) =>
  (JSON.parse(har).log.entries as { request: { method: string; url: string }; response: { status: number } }[])
    .map((e) => `${e.request.method} ${e.request.url} ${e.response.status}`)
    .sort();

/** Runs an unsharded audit and every shard of it, merges the shards, and returns both reports' dirs. */
async function shardedAndWhole(name: string, urls: string[], flags: string[], shards: number) {
  const formats = ['--format', 'json,md,junit,har'];
  const whole = path.join(out, name, 'whole');
  const merged = path.join(out, name, 'merged');
  const wholeRun = await runCli(['audit', ...urls, ...flags, ...formats, '--out', whole]);
  const shardRuns = [];
  for (let i = 1; i <= shards; i++)
    shardRuns.push(
      await runCli([
        'audit',
        ...urls,
        ...flags,
        '--shard',
        `${i}/${shards}`,
        '--out',
        path.join(out, name, 'blobs', `${i}`),
      ]),
    );
  const mergeRun = await runCli(['merge-reports', path.join(out, name, 'blobs'), ...formats, '--out', merged]);
  return { whole, merged, wholeRun, shardRuns, mergeRun };
}

describe('shard + merge-reports equal an unsharded run', () => {
  it('on the demo gallery', async () => {
    // This checks sharding and merging, so the two runs must capture alike: the extension source sees
    // the gallery's sandboxed srcdoc call every time, where the CDP source may miss it in one run
    // (and says so in the report's gaps; mcp-server.test.ts counts it).
    const r = await shardedAndWhole('demo', [demo.url], ['--idle-ms', '500', '--source', 'extension'], 2);
    expect(r.wholeRun.code).toBe(1);
    expect(r.shardRuns.map((s) => s.code)).toEqual([1, 0]);
    expect(r.shardRuns[1]!.stderr).toContain('shard 2/2: 0 of 1 URL(s)');
    expect(r.mergeRun.code).toBe(1);
    const whole = readReport(r.whole);
    const merged = readReport(r.merged);
    expect(reportErrors(merged)).toEqual([]);
    expect(whole.exchanges.length).toBeGreaterThanOrEqual(27);
    expect(comparable(merged)).toEqual(comparable(whole));
    expect(merged.shards).toEqual({ total: 2, included: [1, 2] });
    // The cached preflight still points at the exchange whose preflight it reused, under its new id.
    const cached = merged.exchanges.filter((x) => x.url.endsWith('/s/cached-preflight'));
    expect(cached[1]!.preflightCachedFrom).toBe(cached[0]!.id);
    // Cookies stay redacted in the blobs and so in the merged report.
    const cookies = merged.exchanges.flatMap((x) => x.request.headers).filter((h) => h.name.toLowerCase() === 'cookie');
    expect(cookies.length).toBeGreaterThan(0);
    expect(new Set(cookies.map((h) => h.value))).toEqual(new Set(['[redacted]']));
    expect(read(path.join(out, 'demo', 'blobs', '1'), 'cors-report.blob.json')).not.toContain('demo_session=1');
    for (const file of ['cors-report.junit.xml', 'cors-report.md'])
      expect(lines(read(r.merged, file)), file).toEqual(lines(read(r.whole, file)));
    expect(harShape(read(r.merged, 'cors-report.har'))).toEqual(harShape(read(r.whole, 'cors-report.har')));
  }, 180_000);

  it(`on the first ${SHARDED_PAGES} pages of a generated site, with 8 tabs at a time`, async () => {
    const flags = [
      '--sitemap',
      site.sitemap,
      '--max-pages',
      `${SHARDED_PAGES}`,
      '--concurrency',
      '8',
      '--idle-ms',
      '200',
    ];
    const r = await shardedAndWhole('site', [], flags, 4);
    const whole = readReport(r.whole);
    const merged = readReport(r.merged);
    const pages = site.pages.slice(0, SHARDED_PAGES);
    // Counts first: every page loaded, every request each page makes was recorded once.
    const expected = pages.flatMap((page, i) => requestsOf(i).map(([method, p]) => [page, method, p]));
    expect(whole.pages!.filter((p) => p.ok)).toHaveLength(SHARDED_PAGES);
    const key = (page: string, method: string, url: string) => `${page} ${method} ${url}`;
    for (const report of [whole, merged])
      expect(
        report.exchanges.map((x) => key(x.pageUrl, x.method, x.url.replace(site.api, ''))).sort(),
        'each request once (a second record of one names its verdict, source and page report below)',
      ).toEqual(expected.map(([page, method, url]) => key(page!, method!, url!)).sort());
    expect(whole.summary.byReason).toEqual({ MissingAllowOriginHeader: 12, AllowOriginMismatch: 6 });
    const perShard = SHARDED_PAGES / 4;
    expect(
      r.shardRuns.map((s) => new RegExp(`shard \\d/4: (\\d+) of ${SHARDED_PAGES} URL\\(s\\)`).exec(s.stderr)?.[1]),
    ).toEqual([perShard, perShard, perShard, perShard].map(String));
    expect(r.mergeRun.stderr).toContain(`merged 4 blob(s) of 4 shard(s): ${SHARDED_PAGES} page(s)`);
    expect([r.wholeRun.code, r.mergeRun.code]).toEqual([1, 1]);
    expect(reportErrors(merged)).toEqual([]);
    expect(comparable(merged)).toEqual(comparable(whole));
    for (const file of ['cors-report.junit.xml', 'cors-report.md'])
      expect(lines(read(r.merged, file)), file).toEqual(lines(read(r.whole, file)));
    expect(harShape(read(r.merged, 'cors-report.har'))).toEqual(harShape(read(r.whole, 'cors-report.har')));
  }, 400_000);
});

describe('crawl and sitemap limits', () => {
  const pagesOf = (dir: string) => readReport(dir).pages!.map((p) => p.url);
  const p = (...ns: number[]) => ns.map((n) => site.pages[n]!);

  it('--crawl goes breadth first and stops at --max-pages, saying how many it left', async () => {
    const dir = path.join(out, 'crawl');
    const r = await runCli([
      'audit',
      site.home,
      '--crawl',
      '--max-pages',
      '6',
      '--concurrency',
      '3',
      '--idle-ms',
      '200',
      '--format',
      'json',
      '--out',
      dir,
    ]);
    expect(pagesOf(dir)).toEqual([site.home, ...p(0, 1, 2, 3, 4)]);
    expect(r.stderr).toContain('stopped at --max-pages 6; at least 6 more page(s) were found and not audited');
    expect(r.code).toBe(1);
  }, 120_000);

  it('--crawl never follows what --exclude names, nor leaves the origin', async () => {
    const dir = path.join(out, 'crawl-exclude');
    await runCli([
      'audit',
      site.home,
      '--crawl',
      '--exclude',
      '/p/[12]$',
      '--idle-ms',
      '200',
      '--format',
      'json',
      '--out',
      dir,
    ]);
    expect(pagesOf(dir)).toEqual([site.home, ...p(0)]);
  }, 120_000);

  it('--sitemap keeps what --include names and audits the first --max-pages of it', async () => {
    const dir = path.join(out, 'sitemap');
    const r = await runCli([
      'audit',
      '--sitemap',
      site.sitemap,
      '--include',
      '/p/1\\d$',
      '--max-pages',
      '4',
      '--concurrency',
      '4',
      '--idle-ms',
      '200',
      '--format',
      'json',
      '--out',
      dir,
    ]);
    expect(r.stderr).toContain('sitemap: 200 page URL(s) in 1 file(s), 10 kept by --include/--exclude');
    expect(r.stderr).toContain('auditing the first 4 of 10 URL(s) (--max-pages 4); 6 not audited');
    expect(pagesOf(dir)).toEqual(p(10, 11, 12, 13));
  }, 120_000);
});
