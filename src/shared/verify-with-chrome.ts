/**
 * "Verify with Chrome": Chromium's own answer for an exchange (CDP Network.loadingFailed's
 * corsErrorStatus, or a CORS issue from the Audits domain for failures that never reach the
 * network), how it compares with our verdict, and a bug report for when they differ. Pure; no DOM.
 */
import type { Evaluation } from '../cors/types.ts';
import type { ExchangeRecord } from './exchange.ts';
import { codeSpan, escapeText } from './markdown.ts';
import { redactHeaders } from './redact.ts';

export interface ChromiumAnswer {
  /** The CDP event that carried the answer. */
  source: 'Network.loadingFailed' | 'Network.loadingFinished' | 'Audits.issueAdded';
  /** corsErrorStatus.corsError, or null when Chromium reported no CORS error. */
  corsError: string | null;
  /** corsErrorStatus.failedParameter ('' when none). */
  failedParameter: string;
  /** The network error of a request that failed without a CORS error (e.g. net::ERR_CONNECTION_REFUSED). */
  netError: string | null;
}

export interface ChromiumComparison {
  agrees: boolean;
  /** Our verdict in a line. */
  ours: string;
  /** Chromium's answer in a line. */
  chromium: string;
}

export function describeOurs(e: Pick<Evaluation, 'verdict' | 'reason'>): string {
  if (e.verdict === 'blocked' && e.reason)
    return `blocked: ${e.reason.code}${e.reason.failedParameter ? ` (${e.reason.failedParameter})` : ''}`;
  return e.verdict;
}

export function describeChromium(a: ChromiumAnswer): string {
  if (a.corsError !== null) return `blocked: ${a.corsError}${a.failedParameter ? ` (${a.failedParameter})` : ''}`;
  if (a.netError !== null) return `failed: ${a.netError}`;
  return 'no CORS error (the response reached the page)';
}

function agrees(e: Pick<Evaluation, 'verdict' | 'reason'>, a: ChromiumAnswer): boolean {
  if (a.corsError !== null)
    return e.verdict === 'blocked' && e.reason?.code === a.corsError && e.reason.failedParameter === a.failedParameter;
  if (a.netError !== null) return e.verdict === 'failed';
  return e.verdict === 'allowed' || e.verdict === 'opaque' || e.verdict === 'not-cors';
}

/** Null until Chromium has answered for this exchange. */
export function compareWithChromium(r: Pick<ExchangeRecord, 'evaluation' | 'chromium'>): ChromiumComparison | null {
  if (!r.chromium) return null;
  return {
    agrees: agrees(r.evaluation, r.chromium),
    ours: describeOurs(r.evaluation),
    chromium: describeChromium(r.chromium),
  };
}

function headerLines(title: string, headers: { name: string; value: string }[]): string[] {
  if (headers.length === 0) return [];
  return [`**${title}**`, '', ...redactHeaders(headers).map((h) => `- ${codeSpan(`${h.name}: ${h.value}`)}`), ''];
}

/** A Markdown bug report for a disagreement (sensitive header values redacted). */
export function chromiumBugReport(r: ExchangeRecord, browser: string): string {
  const c = compareWithChromium(r);
  const decisive = r.evaluation.trace.find((s) => s.decisive);
  return [
    `### CORS Inspector and Chromium disagree on ${codeSpan(`${r.method} ${r.url}`)}`,
    '',
    `- CORS Inspector: ${codeSpan(c?.ours ?? describeOurs(r.evaluation))} (confidence ${escapeText(r.evaluation.confidence)})`,
    `- Chromium: ${c ? codeSpan(c.chromium) : 'no answer yet'}${r.chromium ? ` (from ${codeSpan(r.chromium.source)})` : ''}`,
    `- Browser: ${escapeText(browser)}`,
    `- Page origin: ${codeSpan(r.initiator || 'unknown')}`,
    ...(decisive ? [`- Deciding step: ${escapeText(decisive.title)}: ${codeSpan(decisive.detail)}`] : []),
    ...(r.pageFacts
      ? [
          `- Page facts: mode ${codeSpan(String(r.pageFacts.call.mode))}, credentials ${codeSpan(String(r.pageFacts.call.credentials))}, redirect ${codeSpan(String(r.pageFacts.call.redirect))}`,
        ]
      : []),
    '',
    ...headerLines('Request headers', r.requestHeaders),
    ...(r.preflight
      ? headerLines(`Preflight response (${r.preflight.status ?? 'none'})`, r.preflight.responseHeaders)
      : []),
    ...(r.response ? headerLines(`Response (${r.response.status})`, r.response.headers) : []),
  ].join('\n');
}
