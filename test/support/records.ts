/** Captured records for unit tests: an allowed cross-origin GET, changed by `over`; and a page's call. */
import type { CapturedRecord, ExchangeRecord } from '../../src/shared/exchange.ts';
import { evaluateRecord } from '../../src/shared/observed.ts';
import type { PageCall } from '../../src/shared/page-facts.ts';

export const PAGE = 'http://127.0.0.1:7001';
export const API = 'http://localhost:7002';

/** A page's fetch() as the page-side observer reports it, changed by `over`. */
export const pageCall = (over: Partial<PageCall> = {}): PageCall => ({
  api: 'fetch',
  url: `${API}/x1`,
  method: 'GET',
  mode: 'cors',
  credentials: 'same-origin',
  redirect: 'follow',
  headers: [],
  body: false,
  streamBody: false,
  uploadListener: false,
  at: 1000,
  ...over,
});

export function captured(n: number, over: Partial<CapturedRecord> = {}): CapturedRecord {
  const tabId = over.tabId ?? 1;
  return {
    id: `${tabId}:${n}`,
    requestId: String(n),
    seq: n,
    tabId,
    frameId: 0,
    parentFrameId: -1,
    documentId: 'D',
    pageUrl: `${PAGE}/`,
    initiator: PAGE,
    url: `${API}/x${n}`,
    urlChain: [`${API}/x${n}`],
    method: 'GET',
    type: 'xmlhttprequest',
    startedAt: 1000 + n,
    durationMs: 5,
    requestHeaders: [{ name: 'Origin', value: PAGE }],
    response: {
      status: 200,
      statusLine: null,
      headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }],
      fromCache: false,
      ip: null,
    },
    redirects: [],
    preflight: null,
    preflightCached: false,
    preflightCachedFrom: null,
    browserOutcome: 'completed',
    browserError: null,
    endedBy: null,
    ...over,
  };
}

export function judged(n: number, over: Partial<CapturedRecord> = {}): ExchangeRecord {
  return evaluateRecord(captured(n, over));
}

/** The same request blocked: the response has no Access-Control-Allow-Origin. */
export const blockedOver: Partial<CapturedRecord> = {
  response: { status: 200, statusLine: null, headers: [], fromCache: false, ip: null },
  browserOutcome: 'failed',
  browserError: 'net::ERR_FAILED',
};
