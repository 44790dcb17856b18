/**
 * A report exchange as plain text: what a CI log, a JUnit failure or a Playwright failure message
 * shows. The verdict, the reason with the failing header and its value as received, and the fix —
 * the headers to send and where. Plain text only: callers escape it for their medium.
 */
import type { Header } from '../cors/types.ts';
import type { ReportExchange } from './report.ts';

type Reason = NonNullable<ReportExchange['reason']>;

const VERDICT_WORD: Record<ReportExchange['verdict'], string> = {
  allowed: 'allowed',
  blocked: 'BLOCKED',
  opaque: 'opaque',
  'not-cors': 'not CORS',
  failed: 'FAILED',
  unfinished: 'UNFINISHED',
};

/** The response (or request) headers the reason's check read. */
function checkedHeaders(x: ReportExchange, where: string): Header[] {
  if (where === 'preflight') return x.preflight?.responseHeaders ?? [];
  if (where === 'redirect') return x.redirects.at(-1)?.headers ?? [];
  if (where === 'request') return x.request.headers;
  return x.response?.headers ?? [];
}

/** `Name: value` of the header the failed check read, as received (`(absent)` when it was not sent). */
export function failingHeader(x: ReportExchange, reason: Reason): string | null {
  if (!reason.header) return null;
  const name = reason.header.toLowerCase();
  const values = checkedHeaders(x, reason.where)
    .filter((h) => h.name.toLowerCase() === name)
    .map((h) => h.value);
  return `${reason.header}: ${values.length ? values.join(', ') : '(absent)'}`;
}

/** `BLOCKED GET https://api.example/cart`. */
export function exchangeTitle(x: ReportExchange): string {
  return `${VERDICT_WORD[x.verdict]} ${x.method} ${x.url}`;
}

/** One line for a failure's message attribute: the verdict, the reason and the failing header. */
export function exchangeHeadline(x: ReportExchange): string {
  const r = x.reason;
  if (!r) return x.failure ? `${VERDICT_WORD[x.verdict]}: ${x.failure}` : VERDICT_WORD[x.verdict];
  const header = failingHeader(x, r);
  return `${VERDICT_WORD[x.verdict]}: ${r.code}${header ? ` (${r.where} ${header})` : ''}`;
}

const headerLines = (headers: readonly Header[], indent: string) =>
  headers.map((h) => `${indent}${h.name}: ${h.value}`);

/** The fix as lines: the advice, then the exact headers for the preflight and the actual response. */
export function fixLines(x: ReportExchange, indent = ''): string[] {
  const lines: string[] = [];
  if (x.reason) lines.push(`${indent}Fix: ${x.reason.howToFix}`);
  if (x.fix?.preflightHeaders.length)
    lines.push(
      `${indent}  Send on the preflight (OPTIONS) response:`,
      ...headerLines(x.fix.preflightHeaders, `${indent}    `),
    );
  if (x.fix?.responseHeaders.length)
    lines.push(`${indent}  Send on the ${x.method} response:`, ...headerLines(x.fix.responseHeaders, `${indent}    `));
  return lines;
}

/** An exchange in full: title, the reason and failing header, the fix, and the findings listed. */
export function explainExchange(x: ReportExchange, indent = ''): string[] {
  const lines = [`${indent}${exchangeTitle(x)}`, `${indent}  page: ${x.pageUrl}`];
  const r = x.reason;
  if (r) {
    lines.push(`${indent}  Reason: ${r.code}: ${r.explanation}`);
    const header = failingHeader(x, r);
    if (header) lines.push(`${indent}  Failing header (${r.where}): ${header}`);
    if (r.confidence !== 'certain') lines.push(`${indent}  Confidence: ${r.confidence}. ${r.assumptions.join(' ')}`);
    lines.push(...fixLines(x, `${indent}  `));
  } else if (x.failure) {
    lines.push(`${indent}  ${x.failure}`);
  }
  for (const f of x.findings)
    lines.push(`${indent}  Finding (${f.severity}) ${f.code}: ${f.message}`, `${indent}    Fix: ${f.fix}`);
  return lines;
}
