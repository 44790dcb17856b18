/**
 * JUnit XML for CI dashboards: one test suite per page, one test case per exchange; a blocked read
 * is a failure, a network failure an error, high-severity findings are failures too. XML 1.0
 * cannot carry most control characters, so they are shown as \xNN instead of being escaped.
 */
import type { Report, ReportExchange } from '../shared/report.ts';

function xml(value: string): string {
  return value
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
      (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function testCase(x: ReportExchange): string {
  const name = xml(`${x.method} ${x.url}`);
  const time = ((x.durationMs ?? 0) / 1000).toFixed(3);
  const high = x.findings.filter((f) => f.severity === 'high');
  let body = '';
  if (x.verdict === 'blocked' && x.reason) {
    body += `\n      <failure type="${xml(x.reason.code)}" message="${xml(x.reason.title)}">${xml(`${x.reason.explanation}\n${x.reason.howToFix}`)}</failure>`;
  } else if (x.verdict === 'blocked') {
    // Blocked with the reason not recorded (a HAR without the deciding headers) still fails.
    body += `\n      <failure type="blocked" message="Blocked; the recording does not show why">${xml(x.assumptions.join('\n'))}</failure>`;
  } else if (x.verdict === 'failed') {
    body += `\n      <error type="network" message="${xml(x.failure ?? x.browserError ?? 'failed')}"/>`;
  }
  for (const f of high)
    body += `\n      <failure type="finding:${xml(f.code)}" message="${xml(f.message)}">${xml(f.fix)}</failure>`;
  return `    <testcase classname="${xml(x.initiator || 'unknown')}" name="${name}" time="${time}">${body}${body ? '\n    ' : ''}</testcase>`;
}

export function toJUnit(report: Report): string {
  const byPage = new Map<string, ReportExchange[]>();
  for (const x of report.exchanges) byPage.set(x.pageUrl, [...(byPage.get(x.pageUrl) ?? []), x]);
  const suites = [...byPage].map(([page, xs]) => {
    const failures =
      xs.filter((x) => x.verdict === 'blocked').length +
      xs.reduce((n, x) => n + x.findings.filter((f) => f.severity === 'high').length, 0);
    const errors = xs.filter((x) => x.verdict === 'failed').length;
    return `  <testsuite name="${xml(page || 'unknown page')}" tests="${xs.length}" failures="${failures}" errors="${errors}">\n${xs.map(testCase).join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="CORS Inspector">\n${suites.join('\n')}\n</testsuites>\n`;
}
