/**
 * The exchange record: one cross-origin request as captured (with its preflight folded in) plus the
 * engine's evaluation. The worker stores it, the panel shows it, the report flattens it.
 */
import type { Evaluation, Header, ObservedExchange, RedirectHop } from '../cors/types.ts';
import type { ChromiumAnswer } from './chromium-check.ts';
import type { PageFacts } from './page-facts.ts';
import { pageHints } from './page-facts-reconcile.ts';

export type BrowserOutcomeKind = 'completed' | 'failed' | 'pending';

export interface CapturedPreflight {
  requestId: string;
  url: string;
  method: string;
  startedAt: number;
  durationMs: number | null;
  requestHeaders: Header[];
  status: number | null;
  statusLine: string | null;
  responseHeaders: Header[];
  outcome: BrowserOutcomeKind;
  error: string | null;
  redirectedTo: string | null;
}

export interface CapturedResponse {
  status: number;
  statusLine: string | null;
  headers: Header[];
  fromCache: boolean;
  ip: string | null;
}

export interface ExchangeRecord {
  /** Unique within a browser session: `${tabId}:${requestId}`. */
  id: string;
  /** webRequest's requestId of the actual request. */
  requestId: string;
  /** Observation order within the worker (monotonic across restarts). */
  seq: number;
  tabId: number;
  frameId: number;
  parentFrameId: number;
  documentId: string | null;
  pageUrl: string;
  /** Serialized origin, "null" for opaque origins, "" when the browser gave none. */
  initiator: string;
  url: string;
  urlChain: string[];
  method: string;
  type: string;
  startedAt: number;
  durationMs: number | null;
  requestHeaders: Header[];
  response: CapturedResponse | null;
  redirects: RedirectHop[];
  preflight: CapturedPreflight | null;
  preflightCached: boolean;
  /** The id of the exchange whose preflight the cache reused, when known. */
  preflightCachedFrom: string | null;
  browserOutcome: BrowserOutcomeKind;
  browserError: string | null;
  /** Why a pending exchange will never finish (tab closed, navigation, worker stopped). */
  endedBy: string | null;
  /** Set for a request webRequest tied to no tab (a shared or service worker's own): where it was put and why. */
  tabless?: { why: string };
  /** What the page-side observer reported about the call behind this exchange (hints, never network facts). */
  pageFacts?: PageFacts;
  /** Chromium's own verdict, when "Verify with Chrome" was on. */
  chromium?: ChromiumAnswer;
  evaluation: Evaluation;
}

/** Still under way: pending, and not ended by the capture (tab closed, or webRequest will report no end). */
export function inFlight(r: Pick<ExchangeRecord, 'browserOutcome' | 'endedBy'>): boolean {
  return r.browserOutcome === 'pending' && r.endedBy === null;
}

/** Rebuilds the engine's input from a record (used on every update and by offline analysis). */
export function toObserved(
  r: Pick<
    ExchangeRecord,
    | 'initiator'
    | 'method'
    | 'url'
    | 'requestHeaders'
    | 'preflight'
    | 'redirects'
    | 'response'
    | 'browserOutcome'
    | 'browserError'
    | 'preflightCached'
    | 'pageFacts'
  >,
): ObservedExchange {
  const { requestHeaders, ...hints } = r.pageFacts ? pageHints(r, r.pageFacts) : {};
  return {
    ...hints,
    initiator: r.initiator === '' ? undefined : r.initiator,
    request: { method: r.method, url: r.url, headers: requestHeaders ?? r.requestHeaders },
    preflight: r.preflight
      ? {
          request: { method: r.preflight.method, url: r.preflight.url, headers: r.preflight.requestHeaders },
          response:
            r.preflight.status === null
              ? null
              : {
                  status: r.preflight.status,
                  statusLine: r.preflight.statusLine ?? undefined,
                  headers: r.preflight.responseHeaders,
                },
          outcome:
            r.preflight.outcome === 'failed'
              ? { kind: 'failed', error: r.preflight.error ?? 'net::ERR_FAILED' }
              : r.preflight.outcome === 'completed'
                ? { kind: 'completed' }
                : { kind: 'unknown' },
          ...(r.preflight.redirectedTo ? { redirectedTo: r.preflight.redirectedTo } : {}),
        }
      : null,
    redirects: r.redirects,
    response: r.response
      ? { status: r.response.status, statusLine: r.response.statusLine ?? undefined, headers: r.response.headers }
      : null,
    outcome:
      r.browserOutcome === 'failed'
        ? { kind: 'failed', error: r.browserError ?? 'net::ERR_FAILED' }
        : r.browserOutcome === 'completed'
          ? { kind: 'completed' }
          : { kind: 'unknown' },
    preflightCached: r.preflightCached,
  };
}
