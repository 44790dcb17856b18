/**
 * The `cors-inspector` command. Exit codes: 0 done, 1 the --fail-on condition was met, 2 usage or
 * launch errors (with a message that says what to do, never a stack trace).
 */
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { BrowserNotFoundError } from '../node/chromium.ts';
import { packageVersion } from '../node/package-root.ts';
import { parseProbeHosts } from '../mcp/probe-scope.ts';
import { serveStdio } from '../mcp/server.ts';
import type { Report } from '../shared/report.ts';
import { analyze } from './analyze.ts';
import { AUDIT_DEFAULTS, audit } from './audit.ts';
import { explainInput, explainText, readAllStdin } from './explain.ts';
import { describeFailOn, failure, parseFailOn, UsageError, type FailOn } from './fail-on.ts';
import { parseFormats, writeOutputs, type Format } from './outputs.ts';
import { PROBE_PROFILES, probe, probeFailing, probeSummary, type ProbeProfile } from './probe.ts';
import { countsLine, exchangeTable, printable } from './table.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function wholeNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number`);
    return n;
  };
}

function profileName(value: string): ProbeProfile {
  if (!(PROBE_PROFILES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`--profile must be one of ${PROBE_PROFILES.join(', ')}`);
  return value as ProbeProfile;
}

function httpUrl(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`'${printable(value)}' is not a URL (write it in full, e.g. http://127.0.0.1:8080/)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new UsageError(`'${printable(value)}' is not an http(s) URL`);
  return u.href;
}

interface OutputFlags {
  out: string;
  format: Format[];
  failOn: FailOn;
  includeSensitive?: boolean;
}

function finish(report: Report, records: Parameters<typeof writeOutputs>[3], flags: OutputFlags): number {
  out(exchangeTable(report.exchanges, process.stdout.columns || 120));
  out(`\n${countsLine(report.summary)}`);
  const tabs = report.capture?.tabs ?? [];
  const evicted = tabs.reduce((n, t) => n + t.evicted, 0);
  const gaps = tabs.flatMap((t) => t.gaps);
  if (evicted || gaps.length)
    out(
      `capture: ${evicted} older exchange(s) evicted · ${gaps.length} gap(s) in the recording (see "capture" in the JSON report)`,
    );
  for (const file of writeOutputs(path.resolve(flags.out), flags.format, report, records, !!flags.includeSensitive))
    out(`wrote ${file}`);
  const why = failure(report, flags.failOn);
  if (why) err(`cors-inspector: failing (--fail-on ${describeFailOn(flags.failOn)}): ${why}`);
  return why ? 1 : 0;
}

/** Only the verbs that start a browser may suggest it failed to start (analyze reads files and never does). */
const LAUNCH_HINT = 'If Chromium failed to start, check CHROMIUM_PATH or install it (apt-get install chromium).';

function withHint(e: unknown, hint: string): Error {
  const error = e instanceof Error ? e : new Error(String(e));
  return Object.assign(error, { hint });
}

const outputOptions = (cmd: Command) =>
  cmd
    .option('--out <dir>', 'where report files are written', 'cors-report')
    .option('--format <list>', 'comma-separated: json,md,junit,har', parseFormats, ['json', 'md'] as Format[])
    .option('--fail-on <rule>', 'exit 1 when: blocked | finding:high|medium|low|info | never', parseFailOn, {
      kind: 'blocked',
    } as FailOn)
    .option('--include-sensitive', 'keep Cookie, Set-Cookie and Authorization values (redacted by default)');

export function program(): Command {
  const p = new Command('cors-inspector')
    .description("Every cross-origin request a page makes: the browser's CORS verdict, the exact reason, and the fix.")
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  outputOptions(
    p
      .command('audit')
      .description(
        'Open each URL in Chromium with CORS Inspector recording, wait until the network is idle, and report.',
      )
      .argument('<url...>', 'pages to visit (http or https)')
      .option('--idle-ms <ms>', 'network quiet time that ends a page', wholeNumber('--idle-ms'), AUDIT_DEFAULTS.idleMs)
      .option('--timeout-ms <ms>', 'longest wait per page', wholeNumber('--timeout-ms'), AUDIT_DEFAULTS.timeoutMs)
      .option('--headed', 'show the browser window')
      .option('--executable-path <path>', 'Chromium to use (default: CHROMIUM_PATH, /usr/bin/chromium, …)')
      .option(
        '--no-page-observer',
        'leave pages untouched: no page-side observer, so mode, credentials mode and calls refused before sending stay unknown',
      ),
  ).action(
    async (
      urls: string[],
      o: OutputFlags & {
        idleMs: number;
        timeoutMs: number;
        headed?: boolean;
        executablePath?: string;
        pageObserver: boolean;
      },
    ) => {
      const pages = urls.map(httpUrl);
      const {
        report,
        records,
        pages: results,
      } = await audit(pages, {
        idleMs: o.idleMs,
        timeoutMs: o.timeoutMs,
        headed: !!o.headed,
        includeSensitive: !!o.includeSensitive,
        executablePath: o.executablePath,
        pageObserver: o.pageObserver,
        log: err,
      }).catch((e: unknown) => {
        throw e instanceof UsageError || e instanceof BrowserNotFoundError ? e : withHint(e, LAUNCH_HINT);
      });
      const code = finish({ ...report, pages: results }, records, o);
      const unreachable = results.filter((r) => !r.ok).length;
      if (unreachable)
        err(`cors-inspector: ${unreachable} URL(s) could not be loaded (listed above and in the report's "pages").`);
      process.exitCode = code;
    },
  );

  outputOptions(
    p
      .command('analyze')
      .description('Analyze HAR files exported from Chrome, Firefox or Playwright with the same engine (offline).')
      .argument('<file.har...>', 'HAR files'),
  ).action(async (files: string[], o: OutputFlags) => {
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
    process.exitCode = finish(report, records, o);
  });

  p.command('probe')
    .description(
      'Opt-in SERVER PROBE: send requests from Node with crafted Origin headers and report which the server trusts. Only the URLs given; never follows links or redirects.',
    )
    .argument('<url...>', 'endpoints to probe (http or https)')
    .option(
      '--profile <name>',
      'origins: which crafted origins the server trusts; mcp: can a browser MCP client use this MCP endpoint, and is its Origin validated',
      profileName,
      'origins' as ProbeProfile,
    )
    .option('--max-requests <n>', 'total request cap (default 100)', wholeNumber('--max-requests'))
    .option('--rate <n>', 'requests per second (default 5)', Number)
    .option('--timeout-ms <ms>', 'per-request timeout (default 10000)', wholeNumber('--timeout-ms'))
    .option(
      '--trusted-origin <origin>',
      "the origin the site legitimately serves pages from (crafted origins imitate its host); with --profile mcp, the browser client's origin (default http://localhost:6274, the MCP Inspector)",
    )
    .option('--out <dir>', 'where the JSON report is written', 'cors-report')
    .option('--fail-on <rule>', 'exit 1 when: finding:high|medium|low|info | never', parseFailOn, {
      kind: 'finding',
      severity: 'high',
    } as FailOn)
    .action(
      async (
        urls: string[],
        o: {
          profile: ProbeProfile;
          maxRequests?: number;
          rate?: number;
          timeoutMs?: number;
          trustedOrigin?: string;
          out: string;
          failOn: FailOn;
        },
      ) => {
        const { result, report } = await probe(urls, { ...o, log: err });
        out(probeSummary(result));
        for (const file of writeOutputs(path.resolve(o.out), ['json'], report, [], false)) out(`wrote ${file}`);
        const failing = probeFailing(result, o.failOn);
        if (failing.length)
          err(`cors-inspector: failing (--fail-on ${describeFailOn(o.failOn)}): ${failing.length} finding(s)`);
        process.exitCode = failing.length ? 1 : 0;
      },
    );
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

  return p;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError || e instanceof BrowserNotFoundError) {
      err(`cors-inspector: ${e.message}`);
      return 2;
    }
    err(`cors-inspector: ${(e as Error).message?.split('\n')[0] ?? String(e)}`);
    const hint = (e as { hint?: unknown }).hint;
    if (typeof hint === 'string') err(hint);
    return 2;
  }
}
