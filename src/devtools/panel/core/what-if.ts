/**
 * "What if the server sent these headers?": the recorded exchange, with the headers the user edits
 * (or the proposed fix applied), judged again by the same engine. Nothing is sent anywhere; the
 * answer is what Chromium would decide for that request and those responses. Pure; no DOM.
 *
 * The hypothetical request keeps what the recording knew or inferred about it (origin, mode,
 * credentials mode), so only the edited headers change the answer. And since the browser is the
 * judge, the hypothetical browser does what Chromium does: it blocks the read when a check fails,
 * and completes the request otherwise.
 */
import { evaluate } from '../../../cors/index.ts';
import type { Evaluation, Fix, FixHeader, Header, ObservedExchange } from '../../../cors/types.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { toObserved } from '../../../shared/observed.ts';

export interface DraftResponse {
  status: number;
  headers: Header[];
}

/** What the user can change: the request's headers, the preflight's answer, the response. */
export interface WhatIfDraft {
  requestHeaders: Header[];
  /** Null when the request needs no preflight and none was sent. */
  preflight: DraftResponse | null;
  response: DraftResponse;
}

/** The status a CORS layer answers a preflight with, and a request the fix makes readable. */
const PREFLIGHT_OK = 204;
const RESPONSE_OK = 200;

/** The recording as a draft: what was sent and received, with answers assumed where none came. */
export function recordedDraft(r: ExchangeRecord): WhatIfDraft {
  const observed = toObserved(r);
  const preflightAnswer = observed.preflight?.response;
  return {
    // A request never sent (its preflight failed) has the headers the page set, as toObserved reads them.
    requestHeaders: observed.request.headers.map((h) => ({ ...h })),
    preflight: preflightAnswer
      ? { status: preflightAnswer.status, headers: preflightAnswer.headers.map((h) => ({ ...h })) }
      : // A needed preflight that was never answered (or never seen) gets an empty answer to fill in;
        // one the browser took from its cache stays cached.
        r.evaluation.preflight.needed && !r.evaluation.preflight.cached && !r.preflightCached
        ? { status: PREFLIGHT_OK, headers: [] }
        : null,
    response: r.response
      ? { status: r.response.status, headers: r.response.headers.map((h) => ({ ...h })) }
      : { status: RESPONSE_OK, headers: [] },
  };
}

/** Sets each header (replacing every header of that name, any case), keeping the others in order. */
export function setHeaders(headers: readonly Header[], set: readonly FixHeader[]): Header[] {
  const names = new Set(set.map((h) => h.name.toLowerCase()));
  return [
    ...headers.filter((h) => !names.has(h.name.toLowerCase())),
    ...set.map(({ name, value }) => ({ name, value })),
  ];
}

/**
 * The draft with the proposed fix's headers on the preflight and the response. A preflight the
 * server answered with an error is answered 2xx, as the fix's CORS layer would; the response keeps
 * its status (an error made readable is what the fix is for).
 */
export function applyFix(draft: WhatIfDraft, fix: Fix): WhatIfDraft {
  const preflight =
    draft.preflight || fix.preflightHeaders.length > 0
      ? {
          status:
            draft.preflight && draft.preflight.status >= 200 && draft.preflight.status < 300
              ? draft.preflight.status
              : PREFLIGHT_OK,
          headers: setHeaders(draft.preflight?.headers ?? [], fix.preflightHeaders),
        }
      : null;
  return {
    requestHeaders: draft.requestHeaders,
    preflight,
    response: { status: draft.response.status, headers: setHeaders(draft.response.headers, fix.responseHeaders) },
  };
}

/** The preflight request Chromium would send for the draft's request. */
function preflightRequest(base: ObservedExchange, requestHeadersValue: string) {
  const origin = base.initiator ?? 'null';
  return {
    method: 'OPTIONS',
    url: base.request.url,
    headers: [
      { name: 'Origin', value: origin },
      { name: 'Access-Control-Request-Method', value: base.request.method },
      ...(requestHeadersValue ? [{ name: 'Access-Control-Request-Headers', value: requestHeadersValue }] : []),
    ],
  };
}

/** Judges the draft the way the recording was judged, as Chromium would end it. */
export function judgeDraft(r: ExchangeRecord, draft: WhatIfDraft): Evaluation {
  const recorded = toObserved(r);
  const pinned = r.evaluation.credentials.mode;
  const base: ObservedExchange = {
    ...recorded,
    // What the recording knew or inferred stays fixed; an unknown credentials mode is fetch's default.
    credentials: pinned === 'unknown' ? 'same-origin' : pinned,
    ...(r.evaluation.mode.mode !== 'unknown' ? { mode: r.evaluation.mode.mode } : {}),
    request: { ...recorded.request, headers: draft.requestHeaders },
    response: { status: draft.response.status, headers: draft.response.headers },
    preflight: null,
    preflightCached: draft.preflight ? false : recorded.preflightCached,
  };
  const withPreflight: ObservedExchange = draft.preflight
    ? {
        ...base,
        preflight: {
          request: preflightRequest(
            base,
            evaluate({ ...base, outcome: { kind: 'completed' } }).preflight.requestHeaders,
          ),
          response: { status: draft.preflight.status, headers: draft.preflight.headers },
          outcome: { kind: 'completed' },
        },
      }
    : base;
  const blocked = evaluate({ ...withPreflight, outcome: { kind: 'failed', error: 'net::ERR_FAILED' } });
  return blocked.verdict === 'blocked' ? blocked : evaluate({ ...withPreflight, outcome: { kind: 'completed' } });
}

/** Whether the record can be tried: a CORS read the network saw, blocked or allowed. */
export function canTry(r: ExchangeRecord): boolean {
  return (
    r.pageFacts?.seen !== 'page-only' && (r.evaluation.verdict === 'blocked' || r.evaluation.verdict === 'allowed')
  );
}
