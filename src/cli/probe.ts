/** `cors-inspector probe <url…>`: the opt-in server probe, printed and joined to the report format. */
import { PROBE_NOTICE, ProbeUrlError, runProbe, type ProbeResult } from '../probe/index.ts';
import { runMcpProbe, type McpProbeResult } from '../probe/mcp-profile.ts';
import { buildReport, type Report } from '../shared/report.ts';
import { packageVersion } from '../node/package-root.ts';
import { severityAtLeast } from '../cors/findings/index.ts';
import type { Finding } from '../cors/types.ts';
import { UsageError, type FailOn } from './fail-on.ts';
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

/** The findings that make the probe fail under --fail-on (only finding:<severity> rules apply to a probe). */
export function probeFailing(result: ProbeResult | McpProbeResult, rule: FailOn): Finding[] {
  if (rule.kind !== 'finding') return [];
  return result.targets.flatMap((t) => t.findings).filter((f) => severityAtLeast(f.severity, rule.severity));
}

export function probeSummary(result: ProbeResult | McpProbeResult): string {
  const lines = [
    `Server probe${'profile' in result ? ` (profile ${result.profile})` : ''}: ${result.requestsSent} request(s) sent (cap ${result.limits.maxRequests}, ${result.limits.ratePerSecond}/s).`,
  ];
  for (const t of result.targets) {
    if ('profile' in result) lines.push(...mcpTargetLines(t as McpProbeResult['targets'][number]));
    else lines.push(`${printable(t.url)}: ${t.findings.length ? '' : 'no crafted origin was trusted'}`);
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
