/** `cors-inspector probe <url…>`: the opt-in server probe, printed and joined to the report format. */
import { severityAtLeast } from '../cors/findings/index.ts';
import { PROBE_NOTICE, ProbeUrlError, runProbe, type ProbeResult } from '../probe/index.ts';
import type { FailRule } from '../shared/gate.ts';
import { buildReport, type Report } from '../shared/report.ts';
import { packageVersion } from '../node/package-root.ts';
import { EXIT } from './exit-codes.ts';
import { describeFailOn } from './fail-on.ts';
import { UsageError } from './options.ts';
import { printable } from './table.ts';

export interface ProbeCliOptions {
  maxRequests?: number;
  rate?: number;
  timeoutMs?: number;
  trustedOrigin?: string;
  log: (line: string) => void;
}

export async function probe(
  urls: string[],
  o: ProbeCliOptions,
): Promise<{ result: ProbeResult; report: Report & { probe: ProbeResult } }> {
  o.log(PROBE_NOTICE);
  let result: ProbeResult;
  try {
    result = await runProbe(urls, {
      maxRequests: o.maxRequests,
      ratePerSecond: o.rate,
      timeoutMs: o.timeoutMs,
      trustedOrigin: o.trustedOrigin,
      onAttempt: ({ url, attempt, requestsSent }) =>
        o.log(
          `  [${requestsSent}] ${printable(url)}  Origin: ${printable(attempt.request.origin)} → ${attempt.status ?? attempt.error}${attempt.trusted ? '  TRUSTED' : ''}`,
        ),
    });
  } catch (e) {
    if (e instanceof ProbeUrlError || e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  const report = buildReport([], {
    tool: { name: 'cors-inspector', version: packageVersion() },
    browser: { name: 'none (server probe from Node)', version: process.version },
  });
  for (const t of result.targets) for (const f of t.findings) report.summary.findings[f.severity]++;
  return { result, report: { ...report, probe: result } };
}

/** Crafted origins that got no answer: their trust was not tested, so nothing is said of it. */
export function unanswered(result: ProbeResult): { url: string; origin: string; error: string }[] {
  return result.targets.flatMap((t) =>
    t.attempts.flatMap((a) => (a.error === null ? [] : [{ url: t.url, origin: a.request.origin, error: a.error }])),
  );
}

/** What the probe learned of one URL's trust, never claiming more than the answers show. */
function verdictLine(t: ProbeResult['targets'][number]): string {
  const answered = t.attempts.filter((a) => a.error === null).length;
  if (t.findings.length) return `${printable(t.url)}:`;
  if (t.attempts.length === 0) return `${printable(t.url)}: could not test: no request was sent (the request cap)`;
  if (answered === 0) return `${printable(t.url)}: could not test: no crafted origin got an answer`;
  if (answered < t.attempts.length)
    return `${printable(t.url)}: none of the ${answered} crafted origin(s) that got an answer was trusted; ${t.attempts.length - answered} could not be tested`;
  return `${printable(t.url)}: no crafted origin was trusted`;
}

export function probeSummary(result: ProbeResult): string {
  const lines = [
    `Server probe: ${result.requestsSent} request(s) sent (cap ${result.limits.maxRequests}, ${result.limits.ratePerSecond}/s).`,
  ];
  for (const t of result.targets) {
    lines.push(verdictLine(t));
    for (const f of t.findings) lines.push(`  ${f.severity.toUpperCase().padEnd(7)}${f.code}  ${printable(f.message)}`);
    for (const a of t.attempts)
      if (a.error !== null)
        lines.push(
          `  could not test Origin: ${printable(a.request.origin)} (${printable(a.request.method)}): ${printable(a.error)}`,
        );
    if (t.skipped.length)
      lines.push(
        `  (${t.skipped.length} check(s) skipped: ${[...new Set(t.skipped.map((s) => s.reason))].map(printable).join('; ')})`,
      );
  }
  return lines.join('\n');
}

/** 1 on a finding the rule fails on; else 3 when a crafted origin got no answer or a URL no request at all. */
export function probeExitCode(
  result: ProbeResult,
  rule: FailRule,
  allowUnreachable: boolean,
  err: (line: string) => void,
): number {
  const failing = result.targets
    .flatMap((t) => t.findings)
    .filter((f) => rule.findings !== null && severityAtLeast(f.severity, rule.findings));
  const noAnswer = unanswered(result).length;
  const untested = result.targets.filter((t) => t.attempts.length === 0).length;
  if (noAnswer || untested)
    err(
      `cors-inspector: ${noAnswer} crafted origin(s) got no answer${untested ? ` and ${untested} URL(s) got no request` : ''}, so their trust was not tested${allowUnreachable ? ' (accepted: --allow-unreachable)' : ` (exit ${EXIT.unchecked} unless --allow-unreachable)`}`,
    );
  if (failing.length) {
    err(`cors-inspector: failing (--fail-on ${describeFailOn(rule)}): ${failing.length} finding(s)`);
    return EXIT.failed;
  }
  return (noAnswer || untested) && !allowUnreachable ? EXIT.unchecked : EXIT.clean;
}
