/**
 * What kind of request this was: its origin, mode and credentials mode, and where each fact came
 * from. No network-side capture (webRequest, the DevTools protocol, a HAR) shows the credentials
 * mode, and only Sec-Fetch-Mode shows the mode, so each is taken from the page-side observer when
 * present, else from a header that proves it, else marked unknown.
 */
import { combinedHeader, hasHeader } from './headers.ts';
import { sameOrigin } from './origin.ts';
import type { CredentialsMode, ObservedExchange, RequestMode } from './types.ts';

export interface RequestContext {
  /** What captured the exchange, as named in statements about what it could not see. */
  observer: string;
  origin: string | null;
  originSource: string;
  mode: RequestMode | 'unknown';
  modeSource: string;
  /** true / false when known, null when it can only be inferred from the outcome. */
  credentialsIncluded: boolean | null;
  credentialsMode: CredentialsMode | 'unknown';
  credentialsSource: string;
}

const MODES: readonly string[] = ['cors', 'no-cors', 'same-origin', 'navigate', 'websocket'];

export function resolveContext(ex: ObservedExchange): RequestContext {
  const observer = ex.observer ?? 'webRequest';
  const hintsFrom = ex.hintsFrom ?? 'reported by the page';
  const originHeader = combinedHeader(ex.request.headers, 'Origin');
  const origin = ex.initiator ?? originHeader ?? null;
  const originSource =
    ex.initiator !== undefined
      ? (ex.initiatorSource ?? 'initiator')
      : originHeader !== null
        ? 'Origin request header'
        : 'unknown';

  let mode: RequestMode | 'unknown' = 'unknown';
  // A recording with gaps (a HAR) says what it lacks in its own terms; a live capture names itself.
  const unseen = ex.gaps ? 'not in the recording' : `not observable by ${observer}`;
  let modeSource = unseen;
  const secFetchMode = combinedHeader(ex.request.headers, 'Sec-Fetch-Mode');
  if (ex.mode) {
    mode = ex.mode;
    modeSource = ex.modeSource ?? hintsFrom;
  } else if (secFetchMode !== null && MODES.includes(secFetchMode)) {
    mode = secFetchMode as RequestMode;
    modeSource = 'Sec-Fetch-Mode request header';
  } else if (ex.preflight) {
    mode = 'cors';
    modeSource = 'inferred: only CORS requests are preflighted';
  } else if (ex.gaps?.requestHeaders) {
    // A missing Origin proves nothing when the network stack's headers were not recorded.
    modeSource = `not recorded: ${ex.gaps.requestHeaders}`;
  } else if (origin !== null && !sameOrigin(origin, ex.request.url) && ex.request.headers.length > 0) {
    // Headers are visible only once the request was sent; a blocked request may show none.
    mode = originHeader !== null ? 'cors' : 'no-cors';
    modeSource =
      originHeader !== null
        ? 'inferred: an Origin header was sent'
        : 'inferred: no Origin header on a cross-origin request';
  }

  let credentialsIncluded: boolean | null = null;
  let credentialsMode: CredentialsMode | 'unknown' = 'unknown';
  let credentialsSource = ex.gaps
    ? 'not in the recording (it shows a Cookie header only when one was sent and kept; a sanitized export drops it)'
    : unseen;
  if (ex.credentials) {
    credentialsMode = ex.credentials;
    // 'same-origin' sends credentials only while the response tainting is basic, and the CORS
    // checks run only once it is 'cors', so for them only 'include' counts (cors.cc
    // CalculateCredentialsFlag; e2e scenario rd-same-origin-first: a same-origin first hop that
    // redirects cross-origin is checked without credentials).
    credentialsIncluded = ex.credentials === 'include';
    credentialsSource = hintsFrom;
  } else if (hasHeader(ex.request.headers, 'Cookie') && origin !== null && !sameOrigin(origin, ex.request.url)) {
    credentialsMode = 'include';
    credentialsIncluded = true;
    credentialsSource = 'a Cookie header was sent cross-origin, which only credentials: include does';
  }
  return { observer, origin, originSource, mode, modeSource, credentialsIncluded, credentialsMode, credentialsSource };
}
