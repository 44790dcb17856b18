/**
 * The CLI's argument parsing and exit codes, in-process and without a browser: `audit` is replaced
 * by a stand-in that hands back a report built from fixture records, so what is tested is the
 * commander program in src/cli/main.ts and the exit code each outcome gives (0 everything checked
 * and clean, 1 the --fail-on rule met, 2 usage errors — always with a message and never a stack
 * trace —, 3 something could not be checked).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { audit, type AuditOptions, type AuditResult } from '../../../src/cli/audit.ts';
import { main } from '../../../src/cli/main.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { buildReport, type Report, type ReportPage } from '../../../src/shared/report.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';
import { startMisconfigServer, type MisconfigServer } from '../../support/misconfig-server.ts';
import { reportErrors } from '../../support/report-schema.ts';

vi.mock('../../../src/cli/audit.ts', async (original) => ({
  ...(await original<typeof import('../../../src/cli/audit.ts')>()),
  audit: vi.fn(),
}));

const auditMock = vi.mocked(audit);
const PACKAGE_VERSION = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8'),
).version;

/** The demo records: 7 blocked, one high finding, one unfinished (/api/stream), one failed (/api/down). */
const BLOCKED = (r: ExchangeRecord) => r.evaluation.verdict === 'blocked';
const UNCHECKED = (r: ExchangeRecord) => ['unfinished', 'failed'].includes(r.evaluation.verdict);

/** What audit() would return after visiting `urls`: every page shows `records` in its own tab. */
function auditOf(records = demoRecords(), pageOk: (url: string) => Partial<ReportPage> = () => ({})) {
  return async (urls: string[], _o: AuditOptions): Promise<AuditResult> => {
    const all = urls.flatMap((url, i) =>
      records.map((r) => ({ ...r, tabId: 100 + i, id: `${100 + i}:${r.requestId}`, pageUrl: url })),
    );
    const report = buildReport(all, {
      tool: { name: 'cors-inspector', version: 'test' },
      browser: { name: 'Chromium', version: 'test' },
    });
    const pages = urls.map((url, i) => ({
      url,
      ok: true,
      error: null,
      status: 200,
      tabId: 100 + i,
      exchanges: records.length,
      ...pageOk(url),
    }));
    return { report: { ...report, pages }, records: all, notAudited: 0 };
  };
}

/**
 * A site of pages /p0…/pN whose records depend only on the page (so a shard sees what an unsharded
 * run sees for it): page k shows the demo records whose seq mod 4 is k mod 4.
 */
function siteAudit() {
  return async (urls: string[], _o: AuditOptions): Promise<AuditResult> => {
    const records = urls.flatMap((url, i) => {
      const k = Number(/\/p(\d+)$/.exec(url)![1]);
      return demoRecords()
        .filter((r) => r.seq % 4 === k % 4 && !UNCHECKED(r))
        .map((r) => ({ ...r, tabId: 10 + i, id: `${10 + i}:${r.requestId}`, pageUrl: url }));
    });
    const ordered = records.map((r, i) => ({ ...r, seq: i + 1 }));
    const report = buildReport(ordered, {
      tool: { name: 'cors-inspector', version: 'test' },
      browser: { name: 'Chromium', version: 'test' },
    });
    const pages = urls.map((url, i) => ({
      url,
      ok: true,
      error: null,
      status: 200,
      tabId: 10 + i,
      exchanges: ordered.filter((r) => r.tabId === 10 + i).length,
    }));
    return { report: { ...report, pages }, records: ordered, notAudited: 0 };
  };
}

let outDir: string;
let stdout: string;
let stderr: string;

beforeEach(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-cli-unit-'));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  auditMock.mockReset();
  auditMock.mockImplementation(auditOf());
});

afterEach(() => {
  vi.restoreAllMocks();
  // The actions set process.exitCode, as the bin expects; it must not leak into the test runner.
  process.exitCode = undefined;
  fs.rmSync(outDir, { recursive: true, force: true });
});

/** Runs the CLI as a fresh process would: no exit code left over from an earlier run. */
const run = (...args: string[]) => {
  process.exitCode = undefined;
  stdout = '';
  stderr = '';
  return main(args);
};
const readReport = (dir = outDir): Report => JSON.parse(fs.readFileSync(path.join(dir, 'cors-report.json'), 'utf8'));

describe('audit: parsing', () => {
  it('passes the defaults to audit()', async () => {
    await run('audit', 'http://127.0.0.1:8080/', '--out', outDir);
    expect(auditMock).toHaveBeenCalledTimes(1);
    const [urls, options] = auditMock.mock.calls[0]!;
    expect(urls).toEqual(['http://127.0.0.1:8080/']);
    expect(options).toMatchObject({
      idleMs: 1500,
      timeoutMs: 30_000,
      headed: false,
      includeSensitive: false,
      executablePath: undefined,
      pageObserver: true,
      source: 'cdp',
      concurrency: 2,
      crawl: null,
    });
  });

  it('passes every option through, URLs normalized', async () => {
    await run(
      'audit',
      'http://127.0.0.1:8080',
      'https://example.test/a b',
      '--idle-ms',
      '800',
      '--timeout-ms',
      '5000',
      '--concurrency',
      '4',
      '--crawl',
      '--max-pages',
      '7',
      '--include',
      '/docs/',
      '--include',
      '/blog/',
      '--exclude',
      'logout',
      '--headed',
      '--executable-path',
      '/usr/bin/chromium',
      '--no-page-observer',
      '--source',
      'extension',
      '--include-sensitive',
      '--out',
      outDir,
    );
    const [urls, options] = auditMock.mock.calls[0]!;
    expect(urls).toEqual(['http://127.0.0.1:8080/', 'https://example.test/a%20b']);
    expect(options).toMatchObject({
      idleMs: 800,
      timeoutMs: 5000,
      concurrency: 4,
      crawl: { maxPages: 7, filter: { include: [/\/docs\//, /\/blog\//], exclude: [/logout/] } },
      headed: true,
      includeSensitive: true,
      executablePath: '/usr/bin/chromium',
      pageObserver: false,
      source: 'extension',
    });
  });

  it('writes the formats asked for into --out', async () => {
    await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--format', 'json,junit,har,md');
    expect(fs.readdirSync(outDir).sort()).toEqual([
      'cors-report.har',
      'cors-report.json',
      'cors-report.junit.xml',
      'cors-report.md',
    ]);
    expect(stdout).toContain(`wrote ${path.join(outDir, 'cors-report.json')}`);
    expect(reportErrors(readReport())).toEqual([]);
  });
});

describe('audit: exit codes', () => {
  it('exits 1 when reads were blocked (the default rule), saying why', async () => {
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir)).toBe(1);
    expect(stderr).toContain('cors-inspector: failing (--fail-on blocked): 7 cross-origin read(s) blocked');
  });

  it('exits 1 rather than 3 when both a problem and something unchecked were found, listing both', async () => {
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir)).toBe(1);
    expect(stderr).toMatch(/2 thing\(s\) could not be checked/);
    expect(stderr).toContain('request UNFINISHED GET http://localhost:7002/api/stream');
    expect(stderr).toContain('request FAILED GET http://localhost:1/api/down: the request failed before CORS');
  });

  it('exits 3 when nothing failed but something could not be checked; 0 with --allow-unreachable', async () => {
    auditMock.mockImplementation(auditOf(demoRecords().filter((r) => !BLOCKED(r))));
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir)).toBe(3);
    expect(stderr).toContain('2 thing(s) could not be checked (exit 3 unless --allow-unreachable)');
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--allow-unreachable')).toBe(0);
    expect(stderr).toContain('(accepted: --allow-unreachable)');
  });

  it('exits 3 on a page that could not be loaded, even with no exchange at all', async () => {
    auditMock.mockImplementation(
      auditOf([], (url) => (url.includes(':1/') ? { ok: false, error: 'net::ERR_CONNECTION_REFUSED' } : {})),
    );
    expect(await run('audit', 'http://127.0.0.1:8080/', 'http://127.0.0.1:1/', '--out', outDir)).toBe(3);
    expect(stderr).toContain('page http://127.0.0.1:1/: net::ERR_CONNECTION_REFUSED');
    expect(stdout).toContain('2 page(s) audited, 1 could not be checked');
  });

  it('exits 0 when everything was checked and nothing was blocked', async () => {
    auditMock.mockImplementation(auditOf(demoRecords().filter((r) => !BLOCKED(r) && !UNCHECKED(r))));
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir)).toBe(0);
    expect(stderr).toBe('');
  });

  it('leaves --ignore matches out of the decision, and says how many', async () => {
    auditMock.mockImplementation(auditOf(demoRecords().filter((r) => !BLOCKED(r))));
    expect(
      await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--ignore', '/api/stream$', '--ignore', ':1/'),
    ).toBe(0);
    expect(stdout).toMatch(/· 2 ignored/);
  });

  it('exits 0 with --fail-on never and nothing unchecked', async () => {
    auditMock.mockImplementation(auditOf(demoRecords().filter((r) => !UNCHECKED(r))));
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--fail-on', 'never')).toBe(0);
    expect(stderr).toBe('');
  });

  it('exits 1 on a finding at or above the severity asked for, 0 below it', async () => {
    auditMock.mockImplementation(auditOf(demoRecords().filter((r) => !UNCHECKED(r))));
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--fail-on', 'finding:high')).toBe(1);
    expect(stderr).toContain('1 finding(s) of severity high or higher');
    auditMock.mockImplementation(
      auditOf(demoRecords().filter((r) => !UNCHECKED(r) && !r.url.endsWith('/api/account'))),
    );
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--fail-on', 'finding:info')).toBe(0);
  });

  it('takes both rules at once', async () => {
    auditMock.mockImplementation(auditOf(demoRecords().filter((r) => !UNCHECKED(r))));
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--fail-on', 'blocked,finding:high')).toBe(1);
    expect(stderr).toContain(
      'failing (--fail-on blocked,finding:high): 7 cross-origin read(s) blocked, 1 finding(s) of severity high or higher',
    );
  });
});

describe('audit --baseline: only new problems fail', () => {
  it('passes when every problem is in the baseline, fails on one that is not', async () => {
    const checked = demoRecords().filter((r) => !UNCHECKED(r));
    auditMock.mockImplementation(auditOf(checked));
    const baselineDir = path.join(outDir, 'baseline');
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', baselineDir, '--format', 'json')).toBe(1);
    const baseline = path.join(baselineDir, 'cors-report.json');

    // The same problems again, on another page and with other query strings: all known.
    auditMock.mockImplementation(auditOf(checked.map((r) => ({ ...r, url: r.url.replace(/\?.*$/, '?page=9') }))));
    expect(await run('audit', 'http://127.0.0.1:9090/other', '--out', outDir, '--baseline', baseline)).toBe(0);
    expect(stdout).toMatch(/· 7 known from the baseline/);

    // A blocked read on an endpoint the baseline never saw is new.
    const fresh = checked.map((r) =>
      r.url.endsWith('/api/profile') ? { ...r, url: 'http://localhost:7002/api/new-endpoint' } : r,
    );
    auditMock.mockImplementation(auditOf(fresh));
    expect(
      await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--baseline', baseline, '--format', 'junit'),
    ).toBe(1);
    expect(stderr).toContain('failing (--fail-on blocked): 1 cross-origin read(s) blocked');
    const junit = fs.readFileSync(path.join(outDir, 'cors-report.junit.xml'), 'utf8');
    expect(junit.match(/<failure /g)).toHaveLength(1);
    expect(junit).toContain('Known problem (in the baseline)');
  });

  it('refuses a baseline that is not a JSON report (exit 2, before any audit)', async () => {
    const bogus = path.join(outDir, 'bogus.json');
    fs.writeFileSync(bogus, '{"hello":1}');
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--baseline', bogus)).toBe(2);
    expect(stderr).toContain('is not a CORS Inspector JSON report');
    expect(auditMock).not.toHaveBeenCalled();
  });
});

describe('audit --sitemap', () => {
  let server: http.Server;
  let origin: string;
  const xml = (locs: string[], root = 'urlset', item = 'url') =>
    `<?xml version="1.0"?><${root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<${item}><loc>${l}</loc></${item}>`).join('')}</${root}>`;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const pages = ['/a', '/b', '/docs/c', '/docs/d', '/logout'].map((p) => `${origin}${p}`);
      const routes: Record<string, string> = {
        '/sitemap.xml': xml([...pages, 'https://elsewhere.test/x', `${origin}/a#again`]),
        '/index.xml': xml([`${origin}/part1.xml`, `${origin}/part2.xml`], 'sitemapindex', 'sitemap'),
        '/part1.xml': xml(pages.slice(0, 2)),
        '/part2.xml': xml(pages.slice(2)),
        '/broken.xml': '<urlset><url><loc>x</loc></urlset>',
      };
      const body = routes[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/xml' }).end(body ?? 'not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('audits the pages a sitemap lists: same origin, each once, filtered, capped', async () => {
    await run('audit', '--sitemap', `${origin}/sitemap.xml`, '--out', outDir);
    expect(auditMock.mock.calls[0]![0]).toEqual(['/a', '/b', '/docs/c', '/docs/d', '/logout'].map((p) => origin + p));
    expect(stderr).toContain('sitemap: 5 page URL(s) in 1 file(s), 5 kept by --include/--exclude, 1 on another origin');

    auditMock.mockClear();
    await run('audit', '--sitemap', `${origin}/index.xml`, '--exclude', 'logout', '--max-pages', '3', '--out', outDir);
    expect(auditMock.mock.calls[0]![0]).toEqual(['/a', '/b', '/docs/c'].map((p) => origin + p));
    expect(stderr).toContain('auditing the first 3 of 4 URL(s) (--max-pages 3); 1 not audited');

    auditMock.mockClear();
    await run('audit', '--sitemap', `${origin}/index.xml`, '--include', '/docs/', '--out', outDir);
    expect(auditMock.mock.calls[0]![0]).toEqual(['/docs/c', '/docs/d'].map((p) => origin + p));
  });

  it('exits 3 when the sitemap cannot be read, saying why, and still audits the URLs given', async () => {
    auditMock.mockImplementation(auditOf([]));
    expect(await run('audit', '--sitemap', `${origin}/missing.xml`, '--out', outDir)).toBe(3);
    expect(stderr).toContain(`could not fetch ${origin}/missing.xml: HTTP 404`);
    expect(auditMock.mock.calls[0]![0]).toEqual([]);

    expect(await run('audit', `${origin}/a`, '--sitemap', `${origin}/broken.xml`, '--out', outDir)).toBe(3);
    expect(stderr).toContain('not well-formed XML');
    expect(auditMock.mock.calls[1]![0]).toEqual([`${origin}/a`]);
  });
});

describe('audit --shard and merge-reports', () => {
  const urls = Array.from({ length: 10 }, (_, i) => `http://127.0.0.1:8080/p${i}`);
  /** A report without what differs between runs by nature: tab ids, exchange ids, times. */
  const comparable = (r: Report) => ({
    summary: r.summary,
    pages: r.pages?.map(({ tabId: _t, ...p }) => p),
    exchanges: r.exchanges.map(({ id: _i, tabId: _t, startedAt: _s, preflightCachedFrom: _p, ...x }) => x),
  });

  it('audits the i-th contiguous slice, sized as Playwright sizes shards', async () => {
    auditMock.mockImplementation(siteAudit());
    const slices: string[][] = [];
    for (let i = 1; i <= 4; i++) {
      await run('audit', ...urls, '--shard', `${i}/4`, '--out', path.join(outDir, `shard-${i}`));
      slices.push(auditMock.mock.calls.at(-1)![0]);
    }
    expect(slices.map((s) => s.length)).toEqual([3, 3, 2, 2]);
    expect(slices.flat()).toEqual(urls);
    expect(fs.readdirSync(path.join(outDir, 'shard-2')).sort()).toEqual([
      'cors-report.blob.json',
      'cors-report.json',
      'cors-report.md',
    ]);
    expect(readReport(path.join(outDir, 'shard-2')).shards).toEqual({ total: 4, included: [2] });
  });

  it('merges shard blobs into the report an unsharded run writes, in every format', async () => {
    auditMock.mockImplementation(siteAudit());
    const formats = ['--format', 'json,md,junit,har'];
    expect(await run('audit', ...urls, '--out', path.join(outDir, 'whole'), ...formats)).toBe(1);
    for (let i = 1; i <= 3; i++)
      await run('audit', ...urls, '--shard', `${i}/3`, '--out', path.join(outDir, 'blobs', `s${i}`));
    expect(
      await run('merge-reports', path.join(outDir, 'blobs'), '--out', path.join(outDir, 'merged'), ...formats),
    ).toBe(1);
    expect(stderr).toContain('merged 3 blob(s) of 3 shard(s): 10 page(s)');
    const whole = readReport(path.join(outDir, 'whole'));
    const merged = readReport(path.join(outDir, 'merged'));
    expect(reportErrors(merged)).toEqual([]);
    expect(whole.exchanges.length).toBeGreaterThan(10);
    expect(comparable(merged)).toEqual(comparable(whole));
    expect(merged.shards).toEqual({ total: 3, included: [1, 2, 3] });
    expect(new Set(merged.exchanges.map((x) => x.id)).size).toBe(merged.exchanges.length);
    const file = (dir: string, name: string) => fs.readFileSync(path.join(outDir, dir, name), 'utf8');
    const timeless = (text: string) => text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME');
    for (const name of ['cors-report.junit.xml', 'cors-report.md'])
      expect(timeless(file('merged', name)), name).toEqual(timeless(file('whole', name)));
    const entries = (dir: string) =>
      JSON.parse(file(dir, 'cors-report.har')).log.entries.map(
        (e: { request: { method: string; url: string }; response: { status: number } }) =>
          `${e.request.method} ${e.request.url} ${e.response.status}`,
      );
    expect(entries('merged')).toEqual(entries('whole'));
    expect(entries('whole').length).toBeGreaterThanOrEqual(whole.exchanges.length);
  });

  it('exits 3 when a shard is missing, naming it', async () => {
    auditMock.mockImplementation(siteAudit());
    for (const i of [1, 3]) await run('audit', ...urls, '--shard', `${i}/3`, '--out', path.join(outDir, `s${i}`));
    expect(
      await run(
        'merge-reports',
        path.join(outDir, 's1'),
        path.join(outDir, 's3', 'cors-report.blob.json'),
        '--out',
        outDir,
        '--fail-on',
        'never',
      ),
    ).toBe(3);
    expect(stderr).toContain('shard 2/3: no blob');
    expect(readReport().shards).toEqual({ total: 3, included: [1, 3] });
  });

  it('refuses JSON reports, the same shard twice, and mixed shard counts (exit 2)', async () => {
    auditMock.mockImplementation(siteAudit());
    await run('audit', ...urls, '--shard', '1/2', '--out', path.join(outDir, 'a'));
    await run('audit', ...urls, '--shard', '1/3', '--out', path.join(outDir, 'b'));
    const cases: [string[], RegExp][] = [
      [[path.join(outDir, 'a', 'cors-report.json')], /is a JSON report; merge-reports reads the blobs/],
      [[path.join(outDir, 'a'), path.join(outDir, 'b')], /different shard counts \(2, 3\)/],
      [[path.join(outDir, 'nothing-here')], /cannot read .*ENOENT/],
      [[path.join(outDir, 'a', 'cors-report.md')], /is not a CORS Inspector blob/],
    ];
    for (const [inputs, message] of cases) {
      expect(await run('merge-reports', ...inputs, '--out', outDir)).toBe(2);
      expect(stderr).toMatch(message);
    }
    fs.cpSync(path.join(outDir, 'a'), path.join(outDir, 'a2'), { recursive: true });
    expect(await run('merge-reports', path.join(outDir, 'a'), path.join(outDir, 'a2'), '--out', outDir)).toBe(2);
    expect(stderr).toMatch(/shard 1 is in both/);
  });

  it('writes an empty shard (more shards than URLs) without starting a browser, and exits 0', async () => {
    auditMock.mockImplementation(siteAudit());
    expect(await run('audit', urls[0]!, '--shard', '2/2', '--out', outDir)).toBe(0);
    expect(auditMock.mock.calls[0]![0]).toEqual([]);
    expect(stderr).toContain('shard 2/2: 0 of 1 URL(s)');
  });
});

describe('usage errors exit 2 with a message, no stack trace, and launch nothing', () => {
  it.each([
    [['audit'], /audit needs at least one URL, or --sitemap URL/],
    [['audit', 'not a url'], /'not a url' is not a URL/],
    [['audit', 'ftp://127.0.0.1/'], /is not an http\(s\) URL/],
    [['audit', 'http://x/', '--format', 'pdf'], /--format takes a comma-separated list/],
    [['audit', 'http://x/', '--fail-on', 'sometimes'], /--fail-on takes blocked, finding:high\|medium\|low\|info/],
    [['audit', 'http://x/', '--fail-on', 'blocked,blocked'], /--fail-on takes/],
    [['audit', 'http://x/', '--idle-ms', 'soon'], /--idle-ms takes a whole number of at least 0 \(got 'soon'\)/],
    [['audit', 'http://x/', '--timeout-ms', '0'], /--timeout-ms takes a whole number of at least 1 \(got '0'\)/],
    [['audit', 'http://x/', '--timeout-ms', '1.5'], /--timeout-ms takes a whole number/],
    [['audit', 'http://x/', '--timeout-ms', ''], /--timeout-ms takes a whole number/],
    [['audit', 'http://x/', '--idle-ms', '5000', '--timeout-ms', '1000'], /--idle-ms \(5000\) must be less than/],
    [['audit', 'http://x/', '--concurrency', '0'], /--concurrency takes a whole number of at least 1/],
    [['audit', 'http://x/', '--concurrency', '99'], /--concurrency takes at most 16 tabs/],
    [['audit', 'http://x/', '--max-pages', '10'], /--max-pages applies to --crawl and --sitemap/],
    [['audit', 'http://x/', '--crawl', '--max-pages', '0'], /--max-pages takes a whole number of at least 1/],
    [['audit', 'http://x/', '--include', 'a'], /--include applies to --crawl and --sitemap/],
    [['audit', 'http://x/', '--crawl', '--exclude', '(unclosed'], /--exclude takes a regular expression/],
    [['audit', 'http://x/', '--ignore', '[z-a]'], /--ignore takes a regular expression/],
    [['audit', 'http://x/', '--shard', '5/4'], /--shard takes i\/n with 1 ≤ i ≤ n/],
    [['audit', 'http://x/', '--shard', '0/4'], /--shard takes i\/n/],
    [['audit', 'http://x/', '--shard', 'two'], /--shard takes i\/n/],
    [['audit', 'http://x/', '--shard', '1/2', '--crawl'], /--shard splits a URL list known before the run/],
    [['audit', 'http://x/', '--baseline', '/nonexistent/report.json'], /--baseline: cannot read .*ENOENT/],
    [['audit', 'http://x/', '--source', 'webrequest'], /--source takes 'cdp' or 'extension' \(got 'webrequest'\)/],
    [['audit', 'http://x/', '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['analyze', '/nonexistent/file.har'], /cannot read \/nonexistent\/file\.har: ENOENT/],
    [['merge-reports'], /missing required argument/],
    [['probe', 'ftp://127.0.0.1/'], /only http: and https: are allowed, not ftp:/],
    [['probe', 'http://127.0.0.1/', '--max-requests', '-1'], /--max-requests takes a whole number of at least 1/],
    [['probe', 'http://127.0.0.1/', '--max-requests', '0'], /--max-requests takes a whole number of at least 1/],
    [['probe', 'http://127.0.0.1/', '--rate', 'abc'], /--rate takes a number above 0 \(got 'abc'\)/],
    [['probe', 'http://127.0.0.1/', '--rate', '0'], /--rate takes a number above 0/],
    [['probe', 'http://127.0.0.1/', '--rate', 'Infinity'], /--rate takes a number above 0/],
    [['probe', 'http://127.0.0.1/', '--timeout-ms', '0'], /--timeout-ms takes a whole number of at least 1/],
  ])('%j', async (args, message) => {
    expect(await run(...args)).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(auditMock).not.toHaveBeenCalled();
  });
});

describe('--help and --version', () => {
  it('print and exit 0', async () => {
    expect(await run('--version')).toBe(0);
    expect(stdout.trim()).toBe(PACKAGE_VERSION);
    for (const cmd of ['audit', 'analyze', 'probe', 'merge-reports']) {
      expect(await run(cmd, '--help')).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: cors-inspector ${cmd}`));
    }
  });

  it('show defaults as a person writes them, and every exit code', async () => {
    for (const cmd of ['audit', 'analyze', 'probe', 'merge-reports']) {
      await run(cmd, '--help');
      expect(stdout, cmd).not.toMatch(/default: [[{]/);
      for (const code of [0, 1, 2, 3])
        expect(stdout, `${cmd} exit ${code}`).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
      expect(stdout).toContain('--allow-unreachable');
    }
    // Commander wraps long lines; what a person reads is the words.
    const words = () => stdout.replace(/\s+/g, ' ');
    await run('audit', '--help');
    for (const shown of [
      '(default: blocked)',
      '(default: json,md)',
      '(default: 1500)',
      '(default: 30000)',
      '(default: 2)',
      '(default: 100)',
    ])
      expect(words()).toContain(shown);
    await run('probe', '--help');
    for (const shown of ['(default: finding:high)', '(default: 100)', '(default: 5)', '(default: 10000)'])
      expect(words()).toContain(shown);
    await run('--help');
    expect(stdout).toContain('merge-reports');
    expect(stdout).toContain('Exit codes:');
  });
});

describe('probe: exit codes (loopback requests from Node, no browser)', () => {
  let server: MisconfigServer;
  let closedPort: number;
  beforeAll(async () => {
    server = await startMisconfigServer();
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    closedPort = (s.address() as AddressInfo).port;
    await new Promise((r) => s.close(r));
  });
  afterAll(() => server.close());

  const probeArgs = (url: string) => ['probe', url, '--rate', '1000', '--out', outDir];

  it('exits 1 on a high finding (its default rule) and writes the JSON report', async () => {
    expect(await run(...probeArgs(server.url('reflect', 'bad')))).toBe(1);
    expect(stderr).toMatch(/failing \(--fail-on finding:high\): \d+ finding\(s\)/);
    expect(fs.readdirSync(outDir)).toEqual(['cors-report.json']);
  });

  it('exits 0 on the correct twin, and with --fail-on never', async () => {
    expect(await run(...probeArgs(server.url('reflect', 'good')))).toBe(0);
    expect(stdout).toContain('no crafted origin was trusted');
    expect(await run(...probeArgs(server.url('reflect', 'bad')), '--fail-on', 'never')).toBe(0);
  });

  it('says "could not test" for every crafted origin of a dead server, never "not trusted", and exits 3', async () => {
    const dead = `http://127.0.0.1:${closedPort}/api`;
    expect(await run(...probeArgs(dead))).toBe(3);
    expect(stdout).not.toContain('no crafted origin was trusted');
    expect(stdout).toContain(`${dead}: could not test: no crafted origin got an answer`);
    const report = readReport() as Report & { probe: { targets: { attempts: unknown[] }[] } };
    const attempts = report.probe.targets[0]!.attempts.length;
    expect(attempts).toBeGreaterThan(5);
    expect(stdout.match(/ {2}could not test Origin: .*ECONNREFUSED/g)).toHaveLength(attempts);
    expect(stderr).toContain(`${attempts} crafted origin(s) got no answer, so their trust was not tested (exit 3`);
    expect(await run(...probeArgs(dead), '--allow-unreachable')).toBe(0);
  });
});
