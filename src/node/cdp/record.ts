/**
 * Turns Chromium's DevTools-protocol record of one request (network-log.ts) into an exchange
 * record, the same shape every other source produces and the same engine judges: each hop's wire
 * headers, the preflight folded in (the last one: when a preflight fails it is the last one sent,
 * and when all pass, the last one decided the final hop), the redirects, the end — and Chromium's
 * own verdict (loadingFailed.corsErrorStatus) as the record's `chromium` answer, which is never an
 * input to the engine.
 */
import { combinedHeader } from '../../cors/headers.ts';
import { parseUrl, sameOrigin } from '../../cors/origin.ts';
import type { Header, RedirectHop } from '../../cors/types.ts';
import {
  newRecord,
  type BrowserOutcomeKind,
  type CapturedPreflight,
  type CapturedRecord,
} from '../../shared/exchange.ts';
import type { ChromiumAnswer } from '../../shared/verify-with-chrome.ts';
import type { CdpExchange, CdpRequest, CdpResponse } from './network-log.ts';
import { webRequestType } from './wire.ts';

/** Where a request was made, known to the tab's capture (not to the Network domain). */
export interface RequestPlace {
  tabId: number;
  /** webRequest-style frame numbers: 0 for the top frame, -1 when unknown (a worker's request). */
  frameId: number;
  parentFrameId: number;
  /** The tab's top-level URL when the request started. */
  pageUrl: string;
  /** The serialized origin of the document (or worker) that made the request, when known. */
  frameOrigin: string | null;
  seq: number;
}

/** Why a request owed a preflight shows none (network-log.ts waits for it, then settles without it). */
export const PREFLIGHT_UNREPORTED =
  'no preflight this inspector saw could have been reused from the cache, and the preflight Chromium reports apart from its request had not reached the inspector';

/** Wire headers of hop i when it was sent, else the headers blink prepared for it. */
export function requestHeadersAt(r: CdpRequest, i: number): Header[] {
  return r.wireRequests[i] ?? r.hops[i]?.headers ?? [];
}

/** The raw response of hop i (ExtraInfo keeps repeated headers and the status line), else what CDP's main events carried. */
function responseAt(r: CdpRequest, i: number): CdpResponse | null {
  const wire = r.wireResponses[i];
  if (wire) return wire;
  if (i < r.redirectResponses.length) return r.redirectResponses[i] ?? null;
  return i === r.hops.length - 1 ? (r.response ?? null) : null;
}

/**
 * A load the page cancelled after its response reached it (a body never read, an abort after the
 * headers) fails with net::ERR_ABORTED; for CORS the exchange completed — the response passed the
 * checks (a blocked response never reaches the renderer, so responseReceived would not have come).
 */
const cancelledAfterResponse = (r: CdpRequest) => r.failed?.canceled === true && r.response !== undefined;

function outcomeOf(r: CdpRequest): BrowserOutcomeKind {
  if (r.failed) return cancelledAfterResponse(r) ? 'completed' : 'failed';
  return r.finished ? 'completed' : 'pending';
}

const durationOf = (r: CdpRequest) =>
  r.endedAt === undefined || !r.hops[0] ? null : Math.max(0, (r.endedAt - r.hops[0].timestamp) * 1000);

/** Chromium's own answer for an ended request: corsErrorStatus on failure, else its net error, else none. */
export function chromiumAnswerOf(r: CdpRequest): ChromiumAnswer | undefined {
  if (r.failed)
    return {
      source: 'Network.loadingFailed',
      corsError: r.failed.corsErrorStatus?.corsError ?? null,
      failedParameter: r.failed.corsErrorStatus?.failedParameter ?? '',
      netError: r.failed.corsErrorStatus || cancelledAfterResponse(r) ? null : r.failed.errorText,
    };
  if (r.finished) return { source: 'Network.loadingFinished', corsError: null, failedParameter: '', netError: null };
  return undefined;
}

function preflightOf(p: CdpRequest): CapturedPreflight {
  const first = p.hops[0]!;
  const response = responseAt(p, 0);
  return {
    requestId: p.id,
    url: first.url,
    method: first.method,
    startedAt: first.wallMs,
    durationMs: durationOf(p),
    requestHeaders: requestHeadersAt(p, 0),
    status: response?.status ?? null,
    statusLine: response?.statusLine ?? null,
    responseHeaders: response?.headers ?? [],
    outcome: outcomeOf(p),
    error: p.failed?.errorText ?? null,
    redirectedTo: p.hops[1]?.url ?? null,
  };
}

/**
 * The request's origin as the browser serialized it: the Origin header of its first hop (or of its
 * preflight, when the request itself never left), else the origin of the document that made it.
 */
export function initiatorOf(x: CdpExchange, frameOrigin: string | null): string {
  const { request: r, preflights } = x;
  const preflight = preflights.at(-1);
  return (
    combinedHeader(requestHeadersAt(r, 0), 'Origin') ??
    (preflight ? combinedHeader(requestHeadersAt(preflight, 0), 'Origin') : null) ??
    frameOrigin ??
    parseUrl(r.documentURL)?.origin ??
    ''
  );
}

/**
 * Whether a request is a cross-origin exchange worth a record, as the extension decides it:
 * not a navigation, and cross-origin, or sent with an Origin header, or preflighted, or
 * redirected to another origin. A plain same-origin request is not CORS.
 */
function isExchange(x: CdpExchange, initiator: string): boolean {
  const r = x.request;
  if (r.resourceType === 'Document' || initiator === '') return false;
  if (x.preflights.length > 0 || r.hops.some((h) => !sameOrigin(initiator, h.url))) return true;
  return r.hops.some((_, i) => combinedHeader(requestHeadersAt(r, i), 'Origin') !== null);
}

/** The exchange record of one request, or null when it is not a cross-origin exchange. */
export function recordFromCdp(x: CdpExchange, place: RequestPlace): CapturedRecord | null {
  const record = capturedFromCdp(x, place);
  return record && isExchange(x, record.initiator) ? record : null;
}

/** The record of any request with a start (a same-origin one too: the engine calls it not CORS). */
export function capturedFromCdp(x: CdpExchange, place: RequestPlace): CapturedRecord | null {
  const r = x.request;
  const first = r.hops[0];
  if (!first) return null;
  const initiator = initiatorOf(x, place.frameOrigin);
  const redirects: RedirectHop[] = r.redirectResponses.map((_, i) => {
    const response = responseAt(r, i)!;
    const next = r.wireRequests[i + 1];
    return {
      url: r.hops[i]!.url,
      status: response.status,
      headers: response.headers,
      location: r.hops[i + 1]!.url,
      ...(next ? { requestHeaders: next } : {}),
    };
  });
  const final = responseAt(r, r.hops.length - 1);
  const lastPreflight = x.preflights.at(-1);
  const chromium = chromiumAnswerOf(r);
  return newRecord(
    {
      id: `${place.tabId}:${r.id}`,
      requestId: r.id,
      seq: place.seq,
      tabId: place.tabId,
      frameId: place.frameId,
      parentFrameId: place.parentFrameId,
      documentId: r.loaderId || null,
      pageUrl: place.pageUrl,
      initiator,
      url: first.url,
      method: first.method,
      type: webRequestType(r.resourceType),
      startedAt: first.wallMs,
    },
    {
      source: 'cdp',
      urlChain: r.hops.map((h) => h.url),
      durationMs: durationOf(r),
      requestHeaders: requestHeadersAt(r, 0),
      response: final
        ? {
            status: final.status,
            statusLine: final.statusLine,
            headers: final.headers,
            fromCache: r.response?.fromCache ?? false,
            ip: r.response?.ip ?? null,
          }
        : null,
      redirects,
      preflight: lastPreflight ? preflightOf(lastPreflight) : null,
      browserOutcome: outcomeOf(r),
      browserError: outcomeOf(r) === 'failed' ? (r.failed?.errorText ?? null) : null,
      ...(chromium ? { chromium } : {}),
      // Not "from the preflight cache": no preflight the inspector saw could have served it.
      ...(x.preflightUnreported ? { gaps: { preflight: PREFLIGHT_UNREPORTED } } : {}),
    },
  );
}
