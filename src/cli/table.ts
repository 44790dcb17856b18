/** The readable table the CLI prints: verdict, method, URL, reason. Control bytes never reach the terminal. */
import type { ReportExchange, ReportSummary } from '../shared/report.ts';

const VERDICT: Record<ReportExchange['verdict'], string> = {
  allowed: 'allowed',
  blocked: 'BLOCKED',
  opaque: 'opaque',
  'not-cors': 'not-cors',
  failed: 'failed',
  unfinished: 'UNFINISHED',
};

/** Terminal-safe text: escape sequences in URLs or headers must not drive the user's terminal. */
export function printable(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function cut(value: string, width: number): string {
  return value.length <= width ? value.padEnd(width) : `${value.slice(0, width - 1)}…`;
}

export function exchangeTable(exchanges: ReportExchange[], width = 120): string {
  if (exchanges.length === 0) return '(no cross-origin exchanges)';
  const urlWidth = Math.max(30, width - 11 - 10 - 40);
  const rows = exchanges.map((x) => {
    const method = x.preflight ? `${x.method}+P` : x.method;
    const why = x.reason
      ? `${x.reason.code}${x.reason.failedParameter ? ` (${x.reason.failedParameter})` : ''}`
      : x.possibleReasons.length
        ? `reason not recorded (${x.possibleReasons.length} possible)`
        : (x.failure ?? '');
    const findings = x.findings.length ? ` [${x.findings.length} finding${x.findings.length > 1 ? 's' : ''}]` : '';
    return `${cut(VERDICT[x.verdict], 11)}${cut(printable(method), 10)}${cut(printable(x.url), urlWidth)} ${printable(why)}${findings}`;
  });
  return [`${cut('VERDICT', 11)}${cut('METHOD', 10)}${cut('URL', urlWidth)} REASON`, ...rows].join('\n');
}

/** The one-line count of a report, as the CLI prints it under the table and the MCP tools open their summary. */
export function countsLine(s: ReportSummary): string {
  return `${s.exchanges} exchange(s): ${s.allowed} allowed, ${s.blocked} blocked, ${s.opaque} opaque, ${s.notCors} not CORS, ${s.failed} failed, ${s.unfinished} unfinished · findings: ${s.findings.high} high, ${s.findings.medium} medium, ${s.findings.low} low`;
}
