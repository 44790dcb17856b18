/**
 * A report as the audit and analyze_har tools return it: the report's own summary and exchanges
 * (full, or without trace, snippets and request headers), the CLI's exit outcome for the same
 * --fail-on, the files written, and a short text naming what failed and how to fix it.
 */
import path from 'node:path';
import { describeFailOn, failure, parseFailOn, type FailOn } from '../cli/fail-on.ts';
import { writeOutputs, type Format } from '../cli/outputs.ts';
import { countsLine } from '../cli/table.ts';
import type { ExchangeRecord } from '../shared/exchange.ts';
import type { Report, ReportExchange } from '../shared/report.ts';

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

export function outcomeOf(report: Report, rule: FailOn) {
  const failing = failure(report, rule);
  return { exitCode: failing ? (1 as const) : (0 as const), failOn: describeFailOn(rule), failing };
}

function line(x: ReportExchange): string {
  const reason = x.reason
    ? `${x.reason.code}${x.reason.failedParameter ? ` (${x.reason.failedParameter})` : ''}: ${x.reason.howToFix}`
    : (x.failure ?? '');
  return `- ${x.method}${x.preflight ? ' (+ preflight)' : ''} ${x.url} → ${reason}`;
}

export function reportText(heading: string, report: Report, outcome: ReturnType<typeof outcomeOf>): string {
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
  lines.push(
    outcome.failing
      ? `Outcome: fails (--fail-on ${outcome.failOn}): ${outcome.failing}; the CLI would exit 1.`
      : `Outcome: passes (--fail-on ${outcome.failOn}); the CLI would exit 0.`,
  );
  return lines.join('\n');
}

export function reportView(report: Report, records: ExchangeRecord[], o: ReportViewOptions) {
  const rule = parseFailOn(o.failOn);
  const outcome = outcomeOf(report, rule);
  const files = o.outDir ? writeOutputs(path.resolve(o.outDir), o.formats, report, records, o.includeSensitive) : [];
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
