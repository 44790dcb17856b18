/**
 * "Explain this exchange": headers a user (or an agent) observed for one request — its preflight
 * folded in — judged by the same engine and flattened by the same report code as a recorded
 * exchange, so the answer has exactly the report's shape.
 */
import { evaluate } from '../cors/index.ts';
import type { CredentialsMode, Header } from '../cors/types.ts';
import { newRecord, type CapturedPreflight, type ExchangeRecord } from './exchange.ts';
import { toObserved } from './observed.ts';
import { toReportExchange, type ReportExchange } from './report.ts';

export interface ExchangeInput {
  /** The page's serialized origin (`https://app.example`), or `null` for an opaque origin. */
  origin: string;
  url: string;
  /** As sent; default GET. */
  method?: string;
  requestHeaders?: Header[];
  /** Unknown when left out (the engine then says which assumption it made). */
  credentials?: CredentialsMode;
  mode?: 'cors' | 'no-cors' | 'same-origin';
  /** The OPTIONS preflight, when one was sent: its status (null when it got no response) and response headers. */
  preflight?: { status: number | null; headers?: Header[]; requestHeaders?: Header[]; redirectedTo?: string } | null;
  /** Redirect hops before the final response, in order. */
  redirects?: { url: string; status: number; headers?: Header[]; location: string }[];
  /** The final response, or null when none arrived. */
  response?: { status: number; headers?: Header[] } | null;
  /** What the browser reported: failed (e.g. net::ERR_FAILED), completed, or unknown (default). */
  outcome?: 'failed' | 'completed' | 'unknown';
  /** The browser's error text when it failed (default net::ERR_FAILED). */
  error?: string;
  /** Whose rules to apply (default chromium). */
  browser?: 'chromium' | 'firefox';
}

function preflightOf(input: ExchangeInput, now: number): CapturedPreflight | null {
  const p = input.preflight;
  if (!p) return null;
  return {
    requestId: 'explain-preflight',
    url: input.url,
    method: 'OPTIONS',
    startedAt: now,
    durationMs: null,
    requestHeaders: p.requestHeaders ?? [],
    status: p.status,
    statusLine: null,
    responseHeaders: p.headers ?? [],
    outcome: p.status === null ? 'failed' : 'completed',
    error: p.status === null ? 'net::ERR_FAILED' : null,
    redirectedTo: p.redirectedTo ?? null,
  };
}

export function explainExchange(input: ExchangeInput, includeSensitive = false): ReportExchange {
  const now = Date.now();
  const redirects = (input.redirects ?? []).map((h) => ({ ...h, headers: h.headers ?? [] }));
  const outcome = input.outcome ?? 'unknown';
  const captured = newRecord(
    {
      id: 'explain',
      requestId: 'explain',
      seq: 1,
      tabId: -1,
      frameId: 0,
      parentFrameId: -1,
      documentId: null,
      pageUrl: '',
      initiator: input.origin,
      url: input.url,
      method: input.method ?? 'GET',
      type: 'fetch',
      startedAt: now,
    },
    {
      urlChain: [input.url, ...redirects.map((h) => h.location)],
      requestHeaders: input.requestHeaders ?? [],
      response: input.response
        ? {
            status: input.response.status,
            statusLine: null,
            headers: input.response.headers ?? [],
            fromCache: false,
            ip: null,
          }
        : null,
      redirects,
      preflight: preflightOf(input, now),
      browserOutcome: outcome === 'unknown' ? 'pending' : outcome,
      browserError: outcome === 'failed' ? (input.error ?? 'net::ERR_FAILED') : null,
    },
  );
  const observed = {
    ...toObserved(captured),
    // No outcome given: what the browser would do with these headers.
    ...(outcome === 'unknown' ? { outcome: { kind: 'headers-only' as const } } : {}),
    ...(input.credentials ? { credentials: input.credentials } : {}),
    ...(input.mode ? { mode: input.mode } : {}),
    browser: input.browser ?? 'chromium',
  };
  const record: ExchangeRecord = { ...captured, evaluation: evaluate(observed) };
  return toReportExchange(record, includeSensitive);
}
