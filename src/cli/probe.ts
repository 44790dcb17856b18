/** `cors-inspector probe <url…>`: the opt-in server probe, printed and joined to the report format. */
import { PROBE_NOTICE, ProbeUrlError, runProbe, type ProbeResult } from '../probe/index.ts';
import { runMcpProbe, type McpProbeResult } from '../probe/mcp-profile.ts';
import { buildReport, type Report } from '../shared/report.ts';
import { packageVersion } from '../node/package-root.ts';
import { severityAtLeast } from '../cors/findings/index.ts';
import type { Finding } from '../cors/types.ts';
import type { FailRule } from '../shared/gate.ts';
import { EXIT } from './exit-codes.ts';
import { describeFailOn } from './fail-on.ts';
import { UsageError } from './options.ts';
import { printable } from './table.ts';

/** origins: which crafted origins the server trusts; mcp: an MCP endpoint's browser reach and Origin validation. */
export const PROBE_PROFILES = ['origins', 'mcp'] as const;
export type ProbeProfile = (typeof PROBE_PROFILES)[number];

export interface ProbeCliOptions {
  profile?: ProbeProfile;
  maxRequests?: number;
  rate?: number;
  timeoutMs?: number;
  trustedOrigin?: string;
  log: (line: string) => void;
}

export async function probe(
  urls: string[],
  o: ProbeCliOptions,
): Promise<{ result: ProbeResult | McpProbeResult; report: Report & { probe: ProbeResult | McpProbeResult } }> {
  o.log(PROBE_NOTICE);
  const limits = {
    maxRequests: o.maxRequests,
    ratePerSecond: o.rate,
    timeoutMs: o.timeoutMs,
    trustedOrigin: o.trustedOrigin,
  };
  let result: ProbeResult | McpProbeResult;
  try {
    result =
      o.profile === 'mcp'
        ? await runMcpProbe(urls, {
            ...limits,
            onRequest: ({ url, request, requestsSent }) =>
              o.log(
                `  [${requestsSent}] ${printable(url)}  ${request.step}: ${request.method}${request.origin === null ? '' : ` Origin: ${printable(request.origin)}`} → ${request.status ?? request.error}`,
              ),
          })
        : await runProbe(urls, {
            ...limits,
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

/** The findings that make the probe fail under --fail-on (only its finding:<severity> part applies to a probe). */
export function probeFailing(result: ProbeResult | McpProbeResult, rule: FailRule): Finding[] {
  const at = rule.findings;
  if (at === null) return [];
  return result.targets.flatMap((t) => t.findings).filter((f) => severityAtLeast(f.severity, at));
}

/** Requests that got no answer: what they would have shown was not tested, so nothing is said of it. */
export function unanswered(result: ProbeResult | McpProbeResult): { url: string; origin: string; error: string }[] {
  if ('profile' in result)
    return result.targets.flatMap((t) =>
      t.requests.flatMap((r) =>
        r.error === null ? [] : [{ url: t.url, origin: r.origin ?? '(none)', error: r.error }],
      ),
    );
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

/** 1 on a finding the rule fails on; else 3 when a request got no answer or a URL no request at all. */
export function probeExitCode(
  result: ProbeResult | McpProbeResult,
  rule: FailRule,
  allowUnreachable: boolean,
  err: (line: string) => void,
): number {
  const failing = probeFailing(result, rule);
  const noAnswer = unanswered(result).length;
  const mcp = 'profile' in result;
  const untested = mcp ? 0 : result.targets.filter((t) => t.attempts.length === 0).length;
  if (noAnswer || untested)
    err(
      `cors-inspector: ${noAnswer} ${mcp ? 'request(s)' : 'crafted origin(s)'} got no answer${untested ? ` and ${untested} URL(s) got no request` : ''}, so ${mcp ? 'what they would show' : 'their trust'} was not tested${allowUnreachable ? ' (accepted: --allow-unreachable)' : ` (exit ${EXIT.unchecked} unless --allow-unreachable)`}`,
    );
  if (failing.length) {
    err(`cors-inspector: failing (--fail-on ${describeFailOn(rule)}): ${failing.length} finding(s)`);
    return EXIT.failed;
  }
  return (noAnswer || untested) && !allowUnreachable ? EXIT.unchecked : EXIT.clean;
}

export function probeSummary(result: ProbeResult | McpProbeResult): string {
  const lines = [
    `Server probe${'profile' in result ? ` (profile ${result.profile})` : ''}: ${result.requestsSent} request(s) sent (cap ${result.limits.maxRequests}, ${result.limits.ratePerSecond}/s).`,
  ];
  for (const t of result.targets) {
    if ('profile' in result) lines.push(...mcpTargetLines(t as McpProbeResult['targets'][number]));
    else {
      const target = t as ProbeResult['targets'][number];
      lines.push(verdictLine(target));
      for (const a of target.attempts)
        if (a.error !== null)
          lines.push(
            `  could not test Origin: ${printable(a.request.origin)} (${printable(a.request.method)}): ${printable(a.error)}`,
          );
    }
    for (const f of t.findings) lines.push(`  ${f.severity.toUpperCase().padEnd(7)}${f.code}  ${printable(f.message)}`);
    if (t.skipped.length)
      lines.push(
        `  (${t.skipped.length} check(s) skipped: ${[...new Set(t.skipped.map((s) => s.reason))].map(printable).join('; ')})`,
      );
  }
  return lines.join('\n');
}

const SESSION_ID: Record<McpProbeResult['targets'][number]['sessionId'], string> = {
  exposed: 'issued and exposed (Access-Control-Expose-Headers)',
  hidden: 'issued but NOT exposed: browser clients cannot read it',
  'not-issued': 'not issued (a stateless server): nothing to expose',
  unknown: 'unknown (the browser client could not read the initialize response)',
};

function mcpTargetLines(t: McpProbeResult['targets'][number]): string[] {
  const step = (what: string, s: McpProbeResult['targets'][number]['initialize'] | null) =>
    s === null
      ? []
      : [
          `  browser client on ${printable(t.clientOrigin)}, ${what}: ${s.verdict.toUpperCase()}${s.reason ? ` ${s.reason.code}${s.reason.failedParameter ? ` (${printable(s.reason.failedParameter)})` : ''}: ${printable(s.reason.howToFix)}` : s.failure ? `: ${printable(s.failure)}` : ''}`,
          ...s.notes.map((n) => `    note: ${printable(n)}`),
        ];
  return [
    `${printable(t.url)}:`,
    `  client origin ${printable(t.clientOrigin)} (${t.clientOriginSource})`,
    ...step('initialize and tool calls', t.initialize),
    ...step('ending the session', t.terminate),
    `  Mcp-Session-Id: ${SESSION_ID[t.sessionId]}`,
    `  Origin validation: ${t.originValidation.result} (${printable(t.originValidation.detail)})`,
  ];
}
