/**
 * One-line facts about an exchange, worded once for every reader (panel cells, Markdown, CLI tables).
 * Pure; no DOM.
 */
import type { Header, Verdict } from '../cors/types.ts';
import { inFlight, type ExchangeRecord } from './exchange.ts';

export type DisplayVerdict = Verdict | 'pending';

/**
 * The verdict to show: a request still in flight has none yet, whatever the headers so far say.
 * One the worker lost sight of (it was stopped meanwhile) is unfinished, not pending.
 */
export function displayVerdict(r: ExchangeRecord): DisplayVerdict {
  return inFlight(r) && !r.interruptions?.length && r.evaluation.verdict !== 'blocked'
    ? 'pending'
    : r.evaluation.verdict;
}

export const VERDICT_LABELS: Record<DisplayVerdict, string> = {
  allowed: 'Allowed',
  blocked: 'Blocked',
  opaque: 'Opaque',
  'not-cors': 'Not CORS',
  failed: 'Failed',
  pending: 'Pending',
  unfinished: 'Unfinished',
};

/**
 * The Status cell. A blocked read says "CORS error" even when the server answered 4xx/5xx:
 * DevTools' Network panel hides the CORS cause behind such statuses (NetworkDataGridNode.ts).
 */
export function statusText(r: ExchangeRecord): string {
  const verdict = displayVerdict(r);
  if (verdict === 'pending') return '(pending)';
  if (verdict === 'blocked') return 'CORS error';
  if (r.response) return String(r.response.status);
  // Known from the page's report only (a call recovered after a worker stop): what the page got.
  const page = r.pageFacts?.seen === 'page-only' ? r.pageFacts.outcome : null;
  if (page?.kind === 'response') return String(page.status);
  // Ended by a closed tab or a navigation; a worker stop is not a cancel: its end was not seen.
  if (r.endedBy && !r.interruptions?.length) return '(canceled)';
  if (verdict === 'unfinished') return '(unfinished)';
  return r.browserError ? `(failed) ${r.browserError}` : '(failed)';
}

/** A block whose reason the recording (a HAR) does not show: the candidates are on the exchange. */
export const NOT_RECORDED = 'reason not recorded';

/** The short reason: Chromium's CorsError name, the network error, or nothing. */
export function shortReason(r: ExchangeRecord): string {
  if (r.evaluation.reason) return r.evaluation.reason.code;
  if (r.evaluation.verdict === 'blocked') return NOT_RECORDED;
  if (r.evaluation.verdict === 'failed') return r.browserError ?? 'failed';
  if (r.endedBy) return r.endedBy;
  return '';
}

/** Whether the request needed or had a preflight (the "+ preflight" rows). */
/**
 * Why an exchange has no request headers: the browser never sent the request, or the event that
 * carried them went with a stopped worker (the exchange then has `interruptions`).
 */
export function whyNoRequestHeaders(r: Pick<ExchangeRecord, 'interruptions'>): string {
  return r.interruptions?.length
    ? "the extension's worker was stopped while this request was in flight, and the event carrying them went with it"
    : 'the browser never sent this request';
}

export function hasPreflight(r: ExchangeRecord): boolean {
  return r.preflight !== null || r.preflightCached || r.evaluation.preflight.needed;
}

export function methodText(r: ExchangeRecord): string {
  if (r.preflight) return `${r.method} + preflight`;
  if (r.preflightCached || r.evaluation.preflight.cached) return `${r.method} + cached preflight`;
  return r.method;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1) return '< 1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Wall-clock time of day with milliseconds, in the reader's local time zone. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** The URL as DevTools' Name column shows it: the path (with query) prominent, the origin subdued. */
export function splitUrl(url: string): { origin: string; path: string } {
  try {
    const u = new URL(url);
    if (u.origin === 'null') return { origin: '', path: url };
    return { origin: u.origin, path: `${u.pathname}${u.search}` };
  } catch {
    return { origin: '', path: url };
  }
}

/**
 * The request headers of the k-th request on the wire (0 = the first; the last follows the last
 * redirect). The capture keeps the first request's on the record and each later one's on the
 * redirect that led to it; null when that request was not captured.
 */
export function hopRequestHeaders(r: ExchangeRecord, k: number): Header[] | null {
  if (k === 0) return r.requestHeaders;
  return r.redirects[k - 1]?.requestHeaders ?? null;
}

export interface Counts {
  total: number;
  blocked: number;
  pending: number;
  preflighted: number;
  findings: number;
}

export function countExchanges(records: readonly ExchangeRecord[]): Counts {
  const c: Counts = { total: records.length, blocked: 0, pending: 0, preflighted: 0, findings: 0 };
  for (const r of records) {
    const v = displayVerdict(r);
    if (v === 'blocked') c.blocked++;
    else if (v === 'pending') c.pending++;
    if (hasPreflight(r)) c.preflighted++;
    if (r.evaluation.findings.length) c.findings++;
  }
  return c;
}
