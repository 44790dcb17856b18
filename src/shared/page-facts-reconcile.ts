/**
 * Page facts meet network facts. The page's word (background/page-facts.ts validated its shape,
 * not its truth) may add what webRequest cannot see — mode, credentials mode, redirect mode, a
 * forced preflight, the headers of a request that never left — but never replaces what the
 * network layer observed. Where the two contradict each other, the page's fact is not used and
 * the contradiction is kept, so the panel can show both sides.
 */
import { rulesFor } from '../cors/browser-rules.ts';
import { combinedHeader, hasHeader } from '../cors/headers.ts';
import { sameOrigin } from '../cors/origin.ts';
import type { BrowserOutcome, CredentialsMode, Header, RequestMode } from '../cors/types.ts';
import type { ExchangeRecord } from './exchange.ts';
import { pageHeadersAsObserved, type PageFacts, type RedirectMode } from './page-facts.ts';

/** The network side of a record, as the capture saw it. */
export type NetworkFacts = Pick<
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
  | 'browser'
>;

export interface PageFactConflict {
  fact: 'mode' | 'credentials' | 'redirect' | 'outcome' | 'status';
  /** What the page reported. */
  page: string;
  /** What the network layer observed (the value that counts). */
  network: string;
}

/** Engine inputs the page may add. */
export interface PageHints {
  mode?: RequestMode;
  credentials?: CredentialsMode;
  redirectMode?: RedirectMode;
  forcedPreflight?: boolean;
  /** Only when the network saw no request headers and no preflight (the request never left). */
  requestHeaders?: Header[];
  /** Only when the network did not see the end (its last events were missed). */
  outcome?: BrowserOutcome;
  api?: PageFacts['call']['api'];
  /** Only when the network saw nothing of the request. */
  cspViolation?: { directive: string };
}

function modeConflict(n: NetworkFacts, f: PageFacts): PageFactConflict | null {
  const mode = f.call.mode;
  if (mode === null) return null;
  const secFetchMode = combinedHeader(n.requestHeaders, 'Sec-Fetch-Mode');
  if (secFetchMode !== null && secFetchMode !== mode)
    return { fact: 'mode', page: mode, network: `Sec-Fetch-Mode: ${secFetchMode}` };
  // Chromium sends Origin with a no-cors request only when its method is not GET or HEAD
  // (https://fetch.spec.whatwg.org/#origin-header); Sec-Fetch-Mode is absent on plain http.
  const origin = combinedHeader(n.requestHeaders, 'Origin');
  if (mode === 'no-cors' && origin !== null && /^(GET|HEAD)$/i.test(n.method))
    return {
      fact: 'mode',
      page: mode,
      network: `a ${n.method} request that sent Origin: ${origin}, which no-cors never does`,
    };
  if (mode === 'no-cors' && n.preflight)
    return { fact: 'mode', page: mode, network: 'a CORS preflight was sent, which a no-cors request never gets' };
  // A same-origin-mode request to another origin is refused in the renderer; it never reaches the network.
  if (mode === 'same-origin' && n.requestHeaders.length > 0 && !sameOrigin(n.initiator, n.url)) {
    return { fact: 'mode', page: mode, network: `the request was sent to another origin (${n.url})` };
  }
  return null;
}

function credentialsConflict(n: NetworkFacts, f: PageFacts): PageFactConflict | null {
  const credentials = f.call.credentials;
  if (credentials === null || credentials === 'include' || !hasHeader(n.requestHeaders, 'Cookie')) return null;
  // 'same-origin' sends cookies only to the page's own origin; 'omit' never does.
  if (credentials === 'omit' || !sameOrigin(n.initiator, n.url))
    return { fact: 'credentials', page: credentials, network: 'a Cookie header was sent' };
  return null;
}

function redirectConflict(n: NetworkFacts, f: PageFacts): PageFactConflict | null {
  const redirect = f.call.redirect;
  // With 'manual' and 'error' webRequest still reports the first redirect (onBeforeRedirect), then
  // the end (net::ERR_ABORTED, measured); only a second redirect or a response after it contradicts them.
  if (
    redirect === null ||
    redirect === 'follow' ||
    (n.redirects.length <= 1 && (n.redirects.length === 0 || n.response === null))
  )
    return null;
  return { fact: 'redirect', page: redirect, network: `the browser followed ${n.redirects.length} redirect(s)` };
}

function outcomeConflicts(n: NetworkFacts, f: PageFacts): PageFactConflict[] {
  const o = f.outcome;
  if (!o || n.browserOutcome === 'pending') return [];
  // redirect: 'manual' hands the page the redirect while the network ends the request (measured:
  // net::ERR_ABORTED; net::ERR_UNSAFE_REDIRECT under the webRequest proxy for a non-http(s) Location).
  const opaqueRedirect =
    o.kind === 'response' &&
    o.type === 'opaqueredirect' &&
    (n.browserError === 'net::ERR_ABORTED' || n.browserError === 'net::ERR_UNSAFE_REDIRECT');
  if (o.kind === 'response' && n.browserOutcome === 'failed' && !opaqueRedirect) {
    return [
      {
        fact: 'outcome',
        page: `${o.type ? `a ${o.type}` : 'a'} response with status ${o.status}`,
        network: `the request failed (${n.browserError ?? 'net::ERR_FAILED'})`,
      },
    ];
  }
  // An abort is the page's own doing after the network finished; anything else is worth showing.
  if (o.kind === 'error' && n.browserOutcome === 'completed' && o.name !== 'AbortError') {
    return [
      {
        fact: 'outcome',
        page: `${o.name}: ${o.message}`,
        network: `the request completed with status ${n.response?.status ?? 'unknown'}`,
      },
    ];
  }
  // Opaque responses show status 0 to JavaScript by design.
  if (o.kind === 'response' && o.status > 0 && n.response && n.response.status !== o.status) {
    return [{ fact: 'status', page: String(o.status), network: String(n.response.status) }];
  }
  return [];
}

/** Every contradiction between the page's report and the network's record. */
export function pageFactConflicts(n: NetworkFacts, f: PageFacts): PageFactConflict[] {
  if (f.seen === 'page-only') return [];
  return [modeConflict(n, f), credentialsConflict(n, f), redirectConflict(n, f), ...outcomeConflicts(n, f)].filter(
    (c): c is PageFactConflict => c !== null,
  );
}

/** The page facts the engine may use for this record: those no network fact contradicts. */
export function pageHints(n: NetworkFacts, f: PageFacts): PageHints {
  const contradicted = new Set(pageFactConflicts(n, f).map((c) => c.fact));
  const c = f.call;
  const hints: PageHints = {};
  if (c.mode !== null && !contradicted.has('mode')) hints.mode = c.mode;
  if (c.credentials !== null && !contradicted.has('credentials')) hints.credentials = c.credentials;
  if (c.redirect !== null && !contradicted.has('redirect')) hints.redirectMode = c.redirect;
  // Fetch "use-CORS-preflight flag": an XHR upload listener (with a body to upload) or a streamed body.
  if ((c.uploadListener && c.body) || c.streamBody) hints.forcedPreflight = true;
  hints.api = c.api;
  const unseen = n.requestHeaders.length === 0 && !n.preflight;
  if (unseen && c.headers.length > 0) hints.requestHeaders = pageHeadersAsObserved(c.headers);
  if (unseen && n.response === null && f.cspViolation) hints.cspViolation = f.cspViolation;
  const o = f.outcome;
  if (n.browserOutcome === 'pending' && o && !(o.kind === 'error' && o.name === 'AbortError'))
    // A failure the page saw stands for the browser's own CORS error (the page cannot tell which).
    hints.outcome =
      o.kind === 'response' ? { kind: 'completed' } : { kind: 'failed', error: rulesFor(n.browser).corsBlockError };
  return hints;
}
