/**
 * The `cors-inspector` command. Exit codes (exit-codes.ts): 0 everything checked and clean, 1 the
 * --fail-on rule met, 2 usage or launch errors (with a message that says what to do, never a stack
 * trace), 3 something could not be checked (unless --allow-unreachable).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { PROBE_DEFAULTS } from '../probe/index.ts';
import { BrowserNotFoundError } from '../node/chromium.ts';
import { DEFAULT_SOURCE, type InspectorSource } from '../node/inspector.ts';
import { packageVersion } from '../node/package-root.ts';
import { parseProbeHosts } from '../mcp/probe-scope.ts';
import { serveStdio } from '../mcp/server.ts';
import { type FailRule, gateReport } from '../shared/gate.ts';
import { analyze } from './analyze.ts';
import { AUDIT_DEFAULTS, audit } from './audit.ts';
import { readBaseline } from './baseline.ts';
import { type ConcludeFlags, conclude, type Io } from './conclude.ts';
import { wanted } from './crawl.ts';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.ts';
import { explainInput, explainText, readAllStdin } from './explain.ts';
import { parseFailOn } from './fail-on.ts';
import { readAndMerge } from './merge.ts';
import {
  captureSource,
  collect,
  httpUrl,
  parseShard,
  positiveNumber,
  type Shard,
  UsageError,
  urlRegExp,
  wholeNumber,
} from './options.ts';
import { type Format, parseFormats, writeOutputs } from './outputs.ts';
import { PROBE_PROFILES, type ProbeProfile, probe, probeExitCode, probeSummary } from './probe.ts';
import { progressOn } from './progress.ts';
import { shardOf } from './shard.ts';
import { readSitemap, SitemapError } from './sitemap.ts';
import { printable } from './table.ts';

/** Only the verbs that start a browser may suggest it failed to start (analyze reads files and never does). */
const LAUNCH_HINT = 'If Chromium failed to start, check CHROMIUM_PATH or install it (apt-get install chromium).';

function withHint(e: unknown, hint: string): Error {
  const error = e instanceof Error ? e : new Error(String(e));
  return Object.assign(error, { hint });
}

function profileName(value: string): ProbeProfile {
  if (!(PROBE_PROFILES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`--profile must be one of ${PROBE_PROFILES.join(', ')}`);
  return value as ProbeProfile;
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);
const io = (): Io => ({ out, err, columns: process.stdout.columns || 120 });

/** Tabs at once in the one browser: more only makes the tabs wait on each other for the CPU. */
const MAX_CONCURRENCY = 16;
const DEFAULT_CONCURRENCY = 2;
const DEFAULT_MAX_PAGES = 100;

interface GateFlags {
  out: string;
  format: Format[];
  failOn: FailRule;
  ignore?: RegExp[];
  baseline?: string;
  allowUnreachable?: boolean;
  includeSensitive?: boolean;
}

/** Reads the baseline before any work, so a bad file stops the run at once (exit 2). */
function concludeFlags(o: GateFlags): ConcludeFlags {
  return {
    out: o.out,
    format: o.format,
    failOn: o.failOn,
    ignore: o.ignore ?? [],
    known: o.baseline ? readBaseline(o.baseline) : undefined,
    allowUnreachable: !!o.allowUnreachable,
  };
}

const allowUnreachableOption = () =>
  new Option(
    '--allow-unreachable',
    `report what could not be checked but exit 0 or 1 as if it had been (instead of ${EXIT.unchecked})`,
  );

/** Options of every verb that writes reports and decides an exit code from them. */
const reportOptions = (cmd: Command, formats: string) =>
  cmd
    .addOption(new Option('--out <dir>', 'where report files are written').default('cors-report'))
    .addOption(
      new Option('--format <list>', `comma-separated: ${formats}`)
        .argParser(parseFormats)
        .default(['json', 'md'], 'json,md'),
    )
    .addOption(
      new Option('--fail-on <rule>', 'exit 1 when: blocked | finding:high|medium|low|info | blocked,finding:… | never')
        .argParser(parseFailOn)
        .default(parseFailOn('blocked'), 'blocked'),
    )
    .addOption(
      new Option(
        '--ignore <regex>',
        'leave requests whose URL matches out of the exit code and JUnit (repeatable; still in the report)',
      ).argParser(collect(urlRegExp('--ignore'))),
    )
    .addOption(
      new Option(
        '--baseline <report.json>',
        'an earlier JSON report: fail only on problems it did not have (same method, endpoint and reason, or finding)',
      ),
    )
    .addOption(allowUnreachableOption())
    .addOption(
      new Option('--include-sensitive', 'keep Cookie, Set-Cookie and Authorization values (redacted by default)'),
    )
    .addHelpText('after', EXIT_CODES_HELP);

interface AuditFlags extends GateFlags {
  idleMs: number;
  timeoutMs: number;
  headed?: boolean;
  executablePath?: string;
  pageObserver: boolean;
  source: InspectorSource;
  concurrency: number;
  crawl?: boolean;
  sitemap?: string;
  maxPages?: number;
  include?: RegExp[];
  exclude?: RegExp[];
  shard?: Shard;
}

function checkAuditFlags(urls: string[], o: AuditFlags): void {
  if (urls.length === 0 && !o.sitemap) throw new UsageError('audit needs at least one URL, or --sitemap URL');
  if (o.idleMs >= o.timeoutMs)
    throw new UsageError(
      `--idle-ms (${o.idleMs}) must be less than --timeout-ms (${o.timeoutMs}): a page is given up before it can be quiet`,
    );
  if (o.concurrency > MAX_CONCURRENCY) throw new UsageError(`--concurrency takes at most ${MAX_CONCURRENCY} tabs`);
  const discovering = o.crawl || o.sitemap;
  for (const [flag, given] of [
    ['--max-pages', o.maxPages !== undefined],
    ['--include', !!o.include],
    ['--exclude', !!o.exclude],
  ] as const)
    if (given && !discovering) throw new UsageError(`${flag} applies to --crawl and --sitemap; neither was given`);
  if (o.shard && o.crawl)
    throw new UsageError(
      '--shard splits a URL list known before the run (URLs or --sitemap); --crawl finds pages as it goes, so every shard would load every page. Shard a --sitemap, or crawl unsharded.',
    );
}

async function auditAction(urls: string[], o: AuditFlags): Promise<number> {
  const given = urls.map(httpUrl);
  checkAuditFlags(given, o);
  const flags = concludeFlags(o);
  const maxPages = o.maxPages ?? DEFAULT_MAX_PAGES;
  const filter = { include: o.include ?? [], exclude: o.exclude ?? [] };
  const unchecked: string[] = [];
  let list = given;
  if (o.sitemap) {
    const sitemapUrl = httpUrl(o.sitemap);
    try {
      const sitemap = await readSitemap(sitemapUrl, o.timeoutMs);
      const kept = sitemap.urls.filter((u) => wanted(u, filter));
      err(
        `sitemap: ${sitemap.urls.length} page URL(s) in ${sitemap.files.length} file(s), ${kept.length} kept by --include/--exclude${sitemap.leftOut ? `, ${sitemap.leftOut} on another origin left out` : ''}`,
      );
      list = [...new Set([...given, ...kept])];
    } catch (e) {
      if (!(e instanceof SitemapError)) throw e;
      unchecked.push(`sitemap ${sitemapUrl}: ${e.message}`);
      err(`cors-inspector: could not read the sitemap: ${e.message}`);
    }
    if (!o.crawl && list.length > maxPages) {
      err(
        `cors-inspector: auditing the first ${maxPages} of ${list.length} URL(s) (--max-pages ${maxPages}); ${list.length - maxPages} not audited`,
      );
      list = list.slice(0, maxPages);
    }
  }
  let format = o.format;
  if (o.shard) {
    const all = list.length;
    list = shardOf(list, o.shard);
    err(`shard ${o.shard.current}/${o.shard.total}: ${list.length} of ${all} URL(s)`);
    if (!format.includes('blob')) format = [...format, 'blob'];
  }
  const result = await audit(list, {
    idleMs: o.idleMs,
    timeoutMs: o.timeoutMs,
    headed: !!o.headed,
    includeSensitive: !!o.includeSensitive,
    executablePath: o.executablePath,
    pageObserver: o.pageObserver,
    source: o.source,
    concurrency: o.concurrency,
    crawl: o.crawl ? { maxPages, filter } : null,
    progress: progressOn(process.stderr, err),
  }).catch((e: unknown) => {
    throw e instanceof UsageError || e instanceof BrowserNotFoundError ? e : withHint(e, LAUNCH_HINT);
  });
  if (result.notAudited)
    err(
      `cors-inspector: stopped at --max-pages ${maxPages}; at least ${result.notAudited} more page(s) were found and not audited`,
    );
  const report = o.shard
    ? { ...result.report, shards: { total: o.shard.total, included: [o.shard.current] } }
    : result.report;
  return conclude(
    { report, records: result.records, includeSensitive: !!o.includeSensitive, unchecked },
    { ...flags, format },
    io(),
  );
}

function auditCommand(p: Command): void {
  reportOptions(
    p
      .command('audit')
      .description(
        'Open each URL in Chromium with CORS Inspector recording, wait until the network is idle, and report. Several tabs at a time; --crawl follows links, --sitemap reads a sitemap, --shard splits the work across machines.',
      )
      .argument('[url...]', 'pages to visit (http or https)')
      .addOption(
        new Option('--idle-ms <ms>', 'network quiet time that ends a page')
          .argParser(wholeNumber('--idle-ms', 0))
          .default(AUDIT_DEFAULTS.idleMs, String(AUDIT_DEFAULTS.idleMs)),
      )
      .addOption(
        new Option('--timeout-ms <ms>', 'longest wait per page, load and quiet together')
          .argParser(wholeNumber('--timeout-ms', 1))
          .default(AUDIT_DEFAULTS.timeoutMs, String(AUDIT_DEFAULTS.timeoutMs)),
      )
      .addOption(
        new Option('--concurrency <n>', `pages audited at once, each in its own tab (at most ${MAX_CONCURRENCY})`)
          .argParser(wholeNumber('--concurrency', 1))
          .default(DEFAULT_CONCURRENCY, String(DEFAULT_CONCURRENCY)),
      )
      .addOption(
        new Option(
          '--crawl',
          'also audit the links on the pages that stay on the origins of the URLs given, breadth first',
        ),
      )
      .addOption(new Option('--sitemap <url>', 'also audit the pages a sitemap (or sitemap index) lists'))
      .addOption(
        // No default value: whether it was given decides a usage error; the help still shows the default.
        new Option(
          '--max-pages <n>',
          `with --crawl or --sitemap: the most pages audited in all (default: ${DEFAULT_MAX_PAGES})`,
        ).argParser(wholeNumber('--max-pages', 1)),
      )
      .addOption(
        new Option(
          '--include <regex>',
          'with --crawl or --sitemap: only URLs matching (repeatable: any of them)',
        ).argParser(collect(urlRegExp('--include'))),
      )
      .addOption(
        new Option('--exclude <regex>', 'with --crawl or --sitemap: never URLs matching (repeatable)').argParser(
          collect(urlRegExp('--exclude')),
        ),
      )
      .addOption(
        new Option(
          '--shard <i/n>',
          'audit only the i-th of n equal slices of the URL list (as playwright test --shard) and write a blob for merge-reports',
        ).argParser(parseShard),
      )
      .addOption(
        new Option(
          '--source <source>',
          "who records: 'cdp' (a DevTools-protocol session on each page, with Chromium's own verdict) or 'extension' (the extension's webRequest capture)",
        )
          .argParser(captureSource)
          .default(DEFAULT_SOURCE),
      )
      .addOption(new Option('--headed', 'show the browser window'))
      .addOption(
        new Option('--executable-path <path>', 'Chromium to use (default: CHROMIUM_PATH, /usr/bin/chromium, …)'),
      )
      .addOption(
        new Option(
          '--no-page-observer',
          'extension source: leave pages untouched (no page-side observer), so mode, credentials mode and calls refused before sending stay unknown; the cdp source never touches pages',
        ),
      ),
    'json,md,junit,har,blob',
  ).action(async (urls: string[], o: AuditFlags) => {
    process.exitCode = await auditAction(urls, o);
  });
}

function analyzeCommand(p: Command): void {
  reportOptions(
    p
      .command('analyze')
      .description('Analyze HAR files exported from Chrome, Firefox or Playwright with the same engine (offline).')
      .argument('<file.har...>', 'HAR files'),
    'json,md,junit,har',
  ).action(async (files: string[], o: GateFlags) => {
    const flags = concludeFlags(o);
    const { report, records } = await analyze(files, !!o.includeSensitive);
    for (const s of report.sources ?? []) {
      const other = Object.values(s.notExchanges).reduce((a, b) => a + b, 0);
      out(
        `${s.file}: ${s.producer}, ${s.entries} entries → ${s.exchanges} cross-origin exchange(s), ${other} other request(s), ${s.skipped} skipped`,
      );
      for (const limit of s.limits) out(`  ${limit}`);
    }
    for (const w of report.warnings ?? []) err(`cors-inspector: warning: ${w.file}: ${w.message}`);
    out(
      'Offline analysis: what a HAR does not show is stated on each exchange (its assumptions), never guessed silently.\n',
    );
    process.exitCode = conclude({ report, records, includeSensitive: !!o.includeSensitive }, flags, io());
  });
}

function mergeCommand(p: Command): void {
  reportOptions(
    p
      .command('merge-reports')
      .description(
        'Merge the blobs of a sharded audit (audit --shard i/n writes cors-report.blob.json) into one report in every format, as if the audit had run unsharded. Give blob files or directories to search.',
      )
      .argument('<blob-or-dir...>', 'cors-report.blob.json files, or directories holding them'),
    'json,md,junit,har,blob',
  ).action((inputs: string[], o: GateFlags) => {
    const flags = concludeFlags(o);
    const merged = readAndMerge(inputs);
    for (const w of merged.warnings) err(`cors-inspector: warning: ${w}`);
    const total = merged.report.shards?.total;
    err(
      `merged ${merged.report.shards?.included.length ?? inputs.length} blob(s)${total ? ` of ${total} shard(s)` : ''}: ${merged.report.pages?.length ?? 0} page(s), ${merged.report.exchanges.length} exchange(s)`,
    );
    const unchecked = merged.missingShards.map(
      (i) => `shard ${i}/${total}: no blob (the shard did not finish, or its artifact was not collected)`,
    );
    process.exitCode = conclude({ ...merged, unchecked }, flags, io());
  });
}

interface ProbeFlags {
  profile: ProbeProfile;
  maxRequests: number;
  rate: number;
  timeoutMs: number;
  trustedOrigin?: string;
  out: string;
  failOn: FailRule;
  allowUnreachable?: boolean;
}

function probeCommand(p: Command): void {
  p.command('probe')
    .description(
      'Opt-in SERVER PROBE: send requests from Node with crafted Origin headers and report which the server trusts. Only the URLs given; never follows links or redirects.',
    )
    .argument('<url...>', 'endpoints to probe (http or https)')
    .addOption(
      new Option(
        '--profile <name>',
        'origins: which crafted origins the server trusts; mcp: can a browser MCP client use this MCP endpoint, and is its Origin validated',
      )
        .argParser(profileName)
        .default('origins' as ProbeProfile, 'origins'),
    )
    .addOption(
      new Option('--max-requests <n>', 'total request cap')
        .argParser(wholeNumber('--max-requests', 1))
        .default(PROBE_DEFAULTS.maxRequests, String(PROBE_DEFAULTS.maxRequests)),
    )
    .addOption(
      new Option('--rate <n>', 'requests per second')
        .argParser(positiveNumber('--rate'))
        .default(PROBE_DEFAULTS.ratePerSecond, String(PROBE_DEFAULTS.ratePerSecond)),
    )
    .addOption(
      new Option('--timeout-ms <ms>', 'per-request timeout')
        .argParser(wholeNumber('--timeout-ms', 1))
        .default(PROBE_DEFAULTS.timeoutMs, String(PROBE_DEFAULTS.timeoutMs)),
    )
    .addOption(
      new Option(
        '--trusted-origin <origin>',
        "the origin the site legitimately serves pages from (crafted origins imitate its host); with --profile mcp, the browser client's origin (default http://localhost:6274, the MCP Inspector)",
      ),
    )
    .addOption(new Option('--out <dir>', 'where the JSON report is written').default('cors-report'))
    .addOption(
      new Option('--fail-on <rule>', 'exit 1 when: finding:high|medium|low|info | never')
        .argParser(parseFailOn)
        .default(parseFailOn('finding:high'), 'finding:high'),
    )
    .addOption(allowUnreachableOption())
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (urls: string[], o: ProbeFlags) => {
      const { result, report } = await probe(urls, { ...o, log: err });
      out(probeSummary(result));
      const gate = gateReport(report, { rule: o.failOn });
      for (const file of writeOutputs(o.out, ['json'], { report, records: [], gate, includeSensitive: false }))
        out(`wrote ${file}`);
      process.exitCode = probeExitCode(result, o.failOn, !!o.allowUnreachable, err);
    });
}

export function program(): Command {
  const p = new Command('cors-inspector')
    .description("Every cross-origin request a page makes: the browser's CORS verdict, the exact reason, and the fix.")
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride();
  auditCommand(p);
  analyzeCommand(p);
  probeCommand(p);
  mergeCommand(p);
  explainCommand(p);
  mcpCommand(p);
  return p;
}

function explainCommand(p: Command): void {
  p.command('explain')
    .description(
      "Explain a CORS error from any browser's console (Chrome, Firefox, Safari): the reason code, the fix, and what the text cannot tell. Offline.",
    )
    .argument('[text...]', "the pasted console text; '-' or nothing (with a pipe) reads stdin")
    .option('--json', 'print the structured result as JSON')
    .action((text: string[], o: { json?: boolean }) => {
      const { explanation, summary, exitCode } = explainText(
        explainInput(text, process.stdin.isTTY === true, readAllStdin),
      );
      // Pasted text is untrusted: its control bytes must not drive the terminal (JSON escapes them itself).
      out(o.json ? JSON.stringify(explanation, null, 2) : summary.split('\n').map(printable).join('\n'));
      process.exitCode = exitCode;
    });
}

function mcpCommand(p: Command): void {
  p.command('mcp')
    .description(
      'Serve CORS Inspector to coding agents: a Model Context Protocol server over stdio (tools: explain, audit, analyze_har, probe). Register it in your MCP client; it prints nothing but the protocol.',
    )
    .option('--executable-path <path>', 'Chromium for the audit tool (default: CHROMIUM_PATH, /usr/bin/chromium, …)')
    .option(
      '--probe-hosts <list>',
      "hosts the probe tool may send requests to besides loopback (comma-separated; '*' for any). Default: loopback only",
    )
    .action((o: { executablePath?: string; probeHosts?: string }) =>
      serveStdio({ executablePath: o.executablePath, probeScope: parseProbeHosts(o.probeHosts) }),
    );
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? EXIT.clean);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.clean : EXIT.usage;
    if (e instanceof UsageError || e instanceof BrowserNotFoundError) {
      err(`cors-inspector: ${e.message}`);
      return EXIT.usage;
    }
    err(`cors-inspector: ${(e as Error).message?.split('\n')[0] ?? String(e)}`);
    const hint = (e as { hint?: unknown }).hint;
    if (typeof hint === 'string') err(hint);
    return EXIT.usage;
  }
}
