/**
 * What Chromium decides before any network request exists: the renderer refuses some calls
 * outright (blink FetchManager::Loader::Start for fetch, XMLHttpRequest::CreateRequest for XHR),
 * loads some URLs itself without CORS (data:, blob:), and hands the rest to the network. These
 * calls never reach webRequest, so the page-side observer is their only witness, and the decision
 * follows from the call alone: the same call is refused every time.
 *
 * Measured in Chromium 156 (test/e2e/conformance-requests.test.ts, Chromium's CDP Audits issues as
 * the oracle): fetch() of a non-http(s) URL is CorsDisabledScheme with the scheme as failedParameter
 * in mode 'cors' and 'no-cors' alike, but an XHR to one reaches the network stack and fails there
 * with CorsDisabledScheme and no failedParameter, or without any CORS error for chrome:, file:,
 * filesystem:, ftp: and cross-origin blob: URLs.
 */
import { hasUserinfo, isHttpScheme, sameOrigin } from './origin.ts';
import type { CorsErrorCode } from './reason-codes.ts';
import { isBlockedMixedContent, schemeOf } from './schemes.ts';
import type { RequestApi, RequestMode } from './types.ts';

export type RendererDecision =
  /** Refused with a CORS error Chromium reports (Audits CorsIssue), before any request. */
  | { kind: 'blocked'; code: CorsErrorCode; failedParameter: string; detail: string }
  /** Refused or failed without a CORS error. */
  | { kind: 'failed'; failure: string; detail: string }
  /** Loaded by the browser itself without CORS (data:, a blob: of the page's own origin): the outcome says whether it worked. */
  | { kind: 'local'; detail: string };

export interface RendererCall {
  url: URL;
  /** The requesting document's serialized origin. */
  origin: string;
  /** Undefined when no page-side observer reported the call (a network record). */
  api: RequestApi | undefined;
  mode: RequestMode | 'unknown';
  redirectMode: 'follow' | 'error' | 'manual' | undefined;
}

/** XHR URLs Chromium fails without a CORS error (measured: CDP blockedReason 'other', or no request at all for ftp:). */
const XHR_FAILS_WITHOUT_CORS = new Set(['chrome', 'file', 'filesystem', 'ftp']);

const notLoaded = (scheme: string) =>
  `Chromium does not load ${scheme}: URLs for a web page's ${scheme === 'file' ? 'request ("Not allowed to load local resource")' : 'request'}; no CORS check runs`;

/** The renderer's decision for a call, or null when the request goes to the network. */
export function rendererDecision(call: RendererCall): RendererDecision | null {
  const { url, origin, api } = call;
  const scheme = schemeOf(url);
  if (api === 'fetch' && hasUserinfo(url)) {
    return {
      kind: 'failed',
      failure:
        'fetch() refuses a URL that contains a username or password ("Request cannot be constructed from a URL that includes credentials"); no request was made. Send credentials in an Authorization header instead.',
      detail: 'the URL contains user:password@',
    };
  }
  if (scheme === 'data') return { kind: 'local', detail: 'data: URLs are decoded by the browser without CORS' };
  if (isHttpScheme(url) && isBlockedMixedContent(origin, url)) {
    return {
      kind: 'failed',
      failure: `Blocked as mixed content: a secure (https) page may not request the insecure URL ${url.href}; no request was made and CORS was never involved. Request it over https.`,
      detail: `https page → http://${url.host}`,
    };
  }
  if (api === 'xhr') return xhrDecision(url, origin, scheme);
  return fetchDecision(call, scheme);
}

function xhrDecision(url: URL, origin: string, scheme: string): RendererDecision | null {
  if (isHttpScheme(url)) return null;
  if (scheme === 'blob') return blobDecision(url, origin);
  if (XHR_FAILS_WITHOUT_CORS.has(scheme))
    return { kind: 'failed', failure: `${notLoaded(scheme)}.`, detail: `${scheme}:` };
  return {
    kind: 'blocked',
    code: 'CorsDisabledScheme',
    failedParameter: '',
    detail: `XMLHttpRequest to a ${scheme}: URL, which does not support CORS`,
  };
}

function fetchDecision(call: RendererCall, scheme: string): RendererDecision | null {
  const { url, origin, mode, redirectMode } = call;
  // A same-origin URL is fetched whatever the mode (FetchManager::Loader::Start checks it first).
  if (sameOrigin(origin, url)) return scheme === 'blob' ? blobDecision(url, origin) : null;
  if (mode === 'same-origin')
    return {
      kind: 'blocked',
      code: 'DisallowedByMode',
      failedParameter: '',
      detail: `mode 'same-origin' request to ${url.origin === 'null' ? `a ${scheme}: URL` : url.origin}`,
    };
  if (mode === 'no-cors' && redirectMode !== undefined && redirectMode !== 'follow')
    return {
      kind: 'blocked',
      code: 'NoCorsRedirectModeNotFollow',
      failedParameter: '',
      detail: `mode 'no-cors' with redirect '${redirectMode}'`,
    };
  if (isHttpScheme(url)) return null;
  if (scheme === 'file') return { kind: 'failed', failure: `${notLoaded(scheme)}.`, detail: 'file:' };
  if (scheme === 'blob' && mode === 'no-cors') return blobDecision(url, origin);
  // Chromium names the scheme as the failed parameter (Audits CorsIssue: 'ftp', 'ws', 'blob', 'about', …).
  return {
    kind: 'blocked',
    code: 'CorsDisabledScheme',
    failedParameter: scheme,
    detail: `${scheme}: does not support CORS`,
  };
}

/** blob: URLs are read from the browser's blob store, never over the network and never with CORS. */
function blobDecision(url: URL, origin: string): RendererDecision {
  if (sameOrigin(origin, url))
    return { kind: 'local', detail: 'a blob: URL of the page’s own origin is read without CORS' };
  return {
    kind: 'failed',
    failure: `The blob: URL belongs to ${url.origin === 'null' ? 'no origin' : url.origin}, not to ${origin}; a page can read only its own blob: URLs, and no CORS header changes that.`,
    detail: 'a blob: URL of another origin',
  };
}
