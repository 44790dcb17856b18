/** Small builders for ObservedExchange inputs, so each table row shows only what matters to it. */
import type {
  BrowserOutcome,
  Evaluation,
  Header,
  ObservedExchange,
  ObservedPreflight,
} from '../../../src/cors/types.ts';

export const PAGE = 'http://127.0.0.1:7001';
export const API = 'http://localhost:7002/api';
export const API_ORIGIN = 'http://localhost:7002';
export const OTHER = 'http://127.0.0.1:7003/other';

/** Chromium's end for a CORS-blocked request, and for one that completed. */
export const BLOCKED: BrowserOutcome = { kind: 'failed', error: 'net::ERR_FAILED' };
export const COMPLETED: BrowserOutcome = { kind: 'completed' };
export const UNKNOWN: BrowserOutcome = { kind: 'unknown' };

export type Pairs = ReadonlyArray<readonly [string, string]>;

export const h = (pairs: Pairs = []): Header[] => pairs.map(([name, value]) => ({ name, value }));

/** A simple GET from PAGE to API with the given response headers. */
export function simpleGet(
  response: Pairs,
  outcome: BrowserOutcome,
  extra: Partial<ObservedExchange> = {},
): ObservedExchange {
  return {
    initiator: PAGE,
    request: {
      method: 'GET',
      url: API,
      headers: h([
        ['Origin', PAGE],
        ['Sec-Fetch-Mode', 'cors'],
      ]),
    },
    response: { status: 200, headers: h(response) },
    outcome,
    ...extra,
  };
}

/** The preflight Chromium sends for `method` and the lower-cased `requestHeaders`, answered with `status` + `response`. */
export function preflight(
  method: string,
  requestHeaders: string[],
  status: number,
  response: Pairs,
  origin = PAGE,
): ObservedPreflight {
  return {
    request: {
      method: 'OPTIONS',
      url: API,
      headers: h([
        ['Origin', origin],
        ['Access-Control-Request-Method', method],
        ...(requestHeaders.length ? [['Access-Control-Request-Headers', requestHeaders.join(',')] as const] : []),
      ]),
    },
    response: { status, headers: h(response) },
    outcome: COMPLETED,
  };
}

/**
 * A preflighted request whose `requestHeaders` are all CORS-unsafe (the preflight's ACRH lists
 * them). When the preflight fails Chromium never sends the actual request, so there is no
 * response; otherwise `actual` answers it.
 */
export function preflighted(
  method: string,
  requestHeaders: Pairs,
  preflightResponse: { status?: number; headers: Pairs },
  outcome: BrowserOutcome,
  actual: Pairs | null = null,
  extra: Partial<ObservedExchange> = {},
): ObservedExchange {
  const unsafe = requestHeaders.map(([n]) => n.toLowerCase()).sort();
  return {
    initiator: PAGE,
    request: { method, url: API, headers: h(requestHeaders) },
    preflight: preflight(method, unsafe, preflightResponse.status ?? 204, preflightResponse.headers),
    response: actual === null ? null : { status: 200, headers: h(actual) },
    outcome,
    ...extra,
  };
}

/** The rule id of the step that decided the verdict. */
export function decisiveRule(e: Evaluation): string | undefined {
  return e.trace.find((s) => s.decisive)?.rule;
}
