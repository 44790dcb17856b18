/**
 * What makes a run red, decided once for the CLI's exit code and JUnit and for the Playwright
 * matcher: which exchanges break the rule (a blocked read, a finding at or above a severity), which
 * of those problems a baseline already knew, which exchanges the user chose to ignore, and what
 * could not be checked at all — a page that did not load, a request whose end was not seen, a
 * request that failed before CORS could be judged. Unknown is its own state: never a pass.
 */
import { severityAtLeast } from '../cors/findings/index.ts';
import type { Severity } from '../cors/types.ts';
import { endpointOf } from '../cors/findings/index.ts';
import type { Report, ReportExchange, ReportPage } from './report.ts';

/** What fails a run: blocked reads, findings at or above a severity, or both. */
export interface FailRule {
  blocked: boolean;
  findings: Severity | null;
}

/** A request URL to leave out of the decision: a string matches as a substring, a RegExp by test(). */
export type UrlPattern = string | RegExp;

export interface GateOptions {
  rule: FailRule;
  ignore?: readonly UrlPattern[];
  /** Problem keys (problemKeys()) of a baseline report: problems already known do not fail. */
  known?: ReadonlySet<string>;
}

/**
 * - `fail`: breaks the rule with at least one problem the baseline did not know;
 * - `unchecked`: its CORS outcome is unknown (unfinished, or failed before CORS could be judged);
 * - `known`: breaks the rule, but only with problems the baseline knew;
 * - `ignored`: its URL matches an ignore pattern;
 * - `aborted`: the page itself cancelled it (net::ERR_ABORTED), so there was nothing to judge;
 * - `pass`: checked, and nothing the rule fails on.
 */
export type ExchangeStatus = 'fail' | 'unchecked' | 'known' | 'ignored' | 'aborted' | 'pass';

export interface Problem {
  /** Stable across runs: what a baseline is matched on (no page, no query, no ids or times). */
  key: string;
  kind: 'blocked' | 'finding';
  /** The reason code of a blocked read, or the finding's code. */
  code: string;
  severity: Severity | null;
  /** The finding's message (null for a blocked read, which the exchange's reason explains). */
  message: string | null;
}

export interface ExchangeGate {
  status: ExchangeStatus;
  /** The problems that break the rule and are new. */
  failing: Problem[];
  /** The problems that break the rule but the baseline knew. */
  known: Problem[];
  /** Why the outcome is unknown (status `unchecked`). */
  unchecked: string | null;
}

export interface GateResult {
  /** One per report exchange, in the same order. */
  exchanges: ExchangeGate[];
  /** Pages that could not be checked (did not load, an HTTP error, a timeout). */
  uncheckedPages: ReportPage[];
  count: Record<ExchangeStatus, number>;
  /** New problems that break the rule, by kind. */
  failing: { blocked: number; findings: number };
}

/** The error Chromium gives a request the page (or a navigation) cancelled. */
const ABORTED = 'net::ERR_ABORTED';

/** Every problem an exchange shows, whatever the rule: a blocked read, and each finding. */
export function problemsOf(x: Pick<ReportExchange, 'method' | 'url' | 'verdict' | 'reason' | 'findings'>): Problem[] {
  const endpoint = endpointOf(x.url);
  const problems: Problem[] = [];
  if (x.verdict === 'blocked') {
    const code = x.reason?.code ?? 'unknown';
    problems.push({
      key: `blocked ${x.method} ${endpoint} ${code}`,
      kind: 'blocked',
      code,
      severity: null,
      message: null,
    });
  }
  for (const f of x.findings)
    problems.push({
      key: `finding ${f.code} ${f.severity} ${endpoint}`,
      kind: 'finding',
      code: f.code,
      severity: f.severity,
      message: f.message,
    });
  return problems;
}

/** The keys of every problem in a report: what `known` is made of when it serves as a baseline. */
export function problemKeys(report: Pick<Report, 'exchanges'>): Set<string> {
  return new Set(report.exchanges.flatMap((x) => problemsOf(x).map((p) => p.key)));
}

export function matchesAny(url: string, patterns: readonly UrlPattern[] = []): boolean {
  return patterns.some((p) => (typeof p === 'string' ? url.includes(p) : new RegExp(p.source, p.flags).test(url)));
}

const breaks = (p: Problem, rule: FailRule) =>
  p.kind === 'blocked' ? rule.blocked : rule.findings !== null && severityAtLeast(p.severity!, rule.findings);

/** Why an exchange's CORS outcome is unknown, or null when it is known. */
export function uncheckedReason(x: Pick<ReportExchange, 'verdict' | 'failure' | 'browserError'>): string | null {
  if (x.verdict === 'unfinished') return x.failure ?? 'the end of the request was not seen';
  if (x.verdict === 'failed' && x.browserError !== ABORTED)
    return `the request failed before CORS could be judged: ${x.failure ?? x.browserError ?? 'a network error'}`;
  return null;
}

export function gateExchange(x: ReportExchange, o: GateOptions): ExchangeGate {
  const none = { failing: [], known: [], unchecked: null };
  if (matchesAny(x.url, o.ignore)) return { status: 'ignored', ...none };
  const broken = problemsOf(x).filter((p) => breaks(p, o.rule));
  const failing = broken.filter((p) => !o.known?.has(p.key));
  const known = broken.filter((p) => o.known?.has(p.key));
  const unchecked = uncheckedReason(x);
  const status: ExchangeStatus = failing.length
    ? 'fail'
    : unchecked
      ? 'unchecked'
      : known.length
        ? 'known'
        : x.verdict === 'failed'
          ? 'aborted'
          : 'pass';
  return { status, failing, known, unchecked };
}

export function gateReport(report: Pick<Report, 'exchanges' | 'pages'>, o: GateOptions): GateResult {
  const exchanges = report.exchanges.map((x) => gateExchange(x, o));
  const count: Record<ExchangeStatus, number> = { fail: 0, unchecked: 0, known: 0, ignored: 0, aborted: 0, pass: 0 };
  const failing = { blocked: 0, findings: 0 };
  for (const g of exchanges) {
    count[g.status]++;
    for (const p of g.failing) failing[p.kind === 'blocked' ? 'blocked' : 'findings']++;
  }
  return { exchanges, uncheckedPages: (report.pages ?? []).filter((p) => !p.ok), count, failing };
}
