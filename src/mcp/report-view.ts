/**
 * A report as the audit and analyze_har tools return it: the report's own summary and exchanges
 * (full, or without trace, snippets and request headers), the CLI's exit outcome for the same
 * --fail-on (decided by the same gate, src/shared/gate.ts, so 3 when something could not be
 * checked), the files written, and a short text naming what failed and how to fix it.
 */
import path from 'node:path';
import { EXIT } from '../cli/exit-codes.ts';
import { describeFailOn, failure, parseFailOn } from '../cli/fail-on.ts';
import { writeOutputs, type Format } from '../cli/outputs.ts';
import { countsLine } from '../cli/table.ts';
import type { ExchangeRecord } from '../shared/exchange.ts';
import { type FailRule, type GateResult, gateReport } from '../shared/gate.ts';
import type { Report, ReportExchange } from '../shared/report.ts';
import { exchangeTitle } from '../shared/report-text.ts';

export type Detail = 'summary' | 'full';

/** How many blocked exchanges the text names before it points to the structured result. */
const LISTED = 10;

export interface ReportViewOptions {
  detail: Detail;
  failOn: string;
  includeSensitive: boolean;
  outDir?: string;
  formats: Format[];
}

/** The summary view: the report's exchange without the parts an agent rarely needs. */
export function summaryExchange(x: ReportExchange): Record<string, unknown> {
  const { tabId, frameId, type, startedAt, durationMs, request, trace, exposure, urlChain, ...kept } = x;
  if (!kept.fix) return kept;
  const { snippets, ...fix } = kept.fix;
  return { ...kept, fix };
}

export interface Outcome {
  exitCode: typeof EXIT.clean | typeof EXIT.failed | typeof EXIT.unchecked;
  failOn: string;
  failing: string | null;
  /** What could not be checked (a page that did not load, a request whose end was not seen), one line each. */
  unchecked: string[];
}

export function outcomeOf(report: Report, gate: GateResult, rule: FailRule): Outcome {
  const failing = failure(gate, rule);
  const unchecked = [
    ...gate.uncheckedPages.map((p) => `page ${p.url}: ${p.error ?? 'not loaded'}`),
    ...report.exchanges.flatMap((x, i) => {
      const g = gate.exchanges[i]!;
      return g.status === 'unchecked' && g.unchecked ? [`request ${exchangeTitle(x)}: ${g.unchecked}`] : [];
    }),
  ];
  const exitCode = failing ? EXIT.failed : unchecked.length ? EXIT.unchecked : EXIT.clean;
  return { exitCode, failOn: describeFailOn(rule), failing, unchecked };
}

function line(x: ReportExchange): string {
  const reason = x.reason
    ? `${x.reason.code}${x.reason.failedParameter ? ` (${x.reason.failedParameter})` : ''}: ${x.reason.howToFix}`
    : (x.failure ?? '');
  return `- ${x.method}${x.preflight ? ' (+ preflight)' : ''} ${x.url} → ${reason}`;
}

export function reportText(heading: string, report: Report, outcome: Outcome): string {
  const lines = [heading, countsLine(report.summary)];
  const blocked = report.exchanges.filter((x) => x.verdict === 'blocked');
  if (blocked.length) {
    lines.push(`Blocked (${blocked.length}):`, ...blocked.slice(0, LISTED).map(line));
    if (blocked.length > LISTED) lines.push(`… and ${blocked.length - LISTED} more in the structured result.`);
  }
  const high = [
    ...new Set(report.exchanges.flatMap((x) => x.findings.filter((f) => f.severity === 'high').map((f) => f.message))),
  ];
  if (high.length) lines.push(`High-severity findings (${high.length}):`, ...high.slice(0, 5).map((m) => `- ${m}`));
  if (outcome.unchecked.length)
    lines.push(
      `Could not be checked (${outcome.unchecked.length}):`,
      ...outcome.unchecked.slice(0, LISTED).map((u) => `- ${u}`),
    );
  lines.push(
    outcome.failing
      ? `Outcome: fails (--fail-on ${outcome.failOn}): ${outcome.failing}; the CLI would exit ${EXIT.failed}.`
      : outcome.unchecked.length
        ? `Outcome: not everything could be checked, so this is not a pass; the CLI would exit ${EXIT.unchecked} (0 with --allow-unreachable).`
        : `Outcome: passes (--fail-on ${outcome.failOn}); the CLI would exit ${EXIT.clean}.`,
  );
  return lines.join('\n');
}

export function reportView(report: Report, records: ExchangeRecord[], o: ReportViewOptions) {
  const rule = parseFailOn(o.failOn);
  const gate = gateReport(report, { rule });
  const outcome = outcomeOf(report, gate, rule);
  const files = o.outDir
    ? writeOutputs(path.resolve(o.outDir), o.formats, { report, records, gate, includeSensitive: o.includeSensitive })
    : [];
  return {
    outcome,
    structured: {
      tool: report.tool,
      browser: report.browser,
      summary: report.summary,
      exchanges: o.detail === 'full' ? report.exchanges : report.exchanges.map(summaryExchange),
      outcome,
      files,
    },
  };
}
