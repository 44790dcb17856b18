/** `cors-inspector probe <url…>`: the opt-in server probe, printed and joined to the report format. */
import { PROBE_NOTICE, ProbeUrlError, runProbe, type ProbeResult } from '../probe/index.ts';
import { buildReport, type Report } from '../shared/report.ts';
import { packageVersion } from '../node/package-root.ts';
import { UsageError } from './fail-on.ts';
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

export function probeSummary(result: ProbeResult): string {
  const lines = [
    `Server probe: ${result.requestsSent} request(s) sent (cap ${result.limits.maxRequests}, ${result.limits.ratePerSecond}/s).`,
  ];
  for (const t of result.targets) {
    lines.push(`${printable(t.url)}: ${t.findings.length ? '' : 'no crafted origin was trusted'}`);
    for (const f of t.findings) lines.push(`  ${f.severity.toUpperCase().padEnd(7)}${f.code}  ${printable(f.message)}`);
    if (t.skipped.length)
      lines.push(
        `  (${t.skipped.length} check(s) skipped: ${[...new Set(t.skipped.map((s) => s.reason))].map(printable).join('; ')})`,
      );
  }
  return lines.join('\n');
}
