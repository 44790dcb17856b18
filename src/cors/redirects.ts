/**
 * Which responses are redirects, and what Chromium does with a redirect the request cannot simply
 * follow: a Location outside http(s), and the redirect modes 'manual' and 'error'. Measured in
 * Chromium 156 (test/e2e/conformance-requests.test.ts); where an installed webRequest extension
 * changes the outcome, the note below says how.
 */
import { combinedHeader } from './headers.ts';
import { isHttpScheme, parseUrl } from './origin.ts';
import { isUnsafeRedirectTarget, schemeOf } from './schemes.ts';
import type { BrowserOutcome, Header, RedirectHop, TraceStep } from './types.ts';

/**
 * The statuses the network stack follows (net::HttpResponseHeaders::IsRedirectResponseCode; Fetch's
 * "redirect status"). A 300, 304, 305 or 306 is an ordinary response, Location or not: a preflight
 * answered with one fails PreflightInvalidStatus, not PreflightDisallowedRedirect.
 */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A response the browser treats as a redirect: a redirect status with a Location header. */
export function isRedirect(status: number, headers: Header[]): boolean {
  return REDIRECT_STATUSES.has(status) && combinedHeader(headers, 'Location') !== null;
}

/** What became of a redirect to a URL that is not http(s), for a request in mode 'cors' that follows redirects. */
type ForeignRedirect =
  | { kind: 'cors-disabled'; scheme: string }
  | { kind: 'network-error'; failure: string; scheme: string };

/**
 * Following a redirect out of http(s): to data:, about:, blob:, file:, filesystem: or chrome: the
 * browser refuses with net::ERR_UNSAFE_REDIRECT before any CORS rule; to any other scheme (mailto:,
 * javascript:, ftp:, a custom one) the CORS layer fails the request with CorsDisabledScheme and no
 * failedParameter — unless the browser reported another network error for it (ws: can end in
 * net::ERR_UNKNOWN_URL_SCHEME), which then is the outcome. Null for http(s) targets.
 */
function followToForeignScheme(next: URL, outcome: BrowserOutcome, corsBlockError: string): ForeignRedirect | null {
  if (isHttpScheme(next)) return null;
  const scheme = schemeOf(next);
  if (isUnsafeRedirectTarget(next))
    return {
      kind: 'network-error',
      scheme,
      failure: `The browser refuses to follow a redirect to a ${scheme}: URL (net::ERR_UNSAFE_REDIRECT) before any CORS check; only http(s) redirects are followed.`,
    };
  if (outcome.kind === 'failed' && outcome.error !== corsBlockError)
    return {
      kind: 'network-error',
      scheme,
      failure: `The request was redirected to a ${scheme}: URL and failed there (${outcome.error}); the browser cannot load that scheme for a page's request.`,
    };
  return { kind: 'cors-disabled', scheme };
}

/** A no-cors request's redirect out of http(s): never a CORS error (measured: net::ERR_UNKNOWN_URL_SCHEME or ERR_UNSAFE_REDIRECT). */
export function noCorsForeignRedirect(locations: string[]): string | null {
  for (const location of locations) {
    const next = parseUrl(location);
    if (!next || isHttpScheme(next)) continue;
    const scheme = schemeOf(next);
    return isUnsafeRedirectTarget(next)
      ? `The browser refuses to follow a redirect to a ${scheme}: URL (net::ERR_UNSAFE_REDIRECT); CORS was not involved.`
      : `The request was redirected to a ${scheme}: URL, which the browser cannot load for a page (net::ERR_UNKNOWN_URL_SCHEME); CORS was not involved.`;
  }
  return null;
}

const REDIRECT_MODE_ERROR =
  "The request used redirect: 'error' and the server answered with a redirect, so the browser ended it with a network error; this is not a CORS failure. Request the final URL, or allow redirects.";

export interface HopInput {
  hop: RedirectHop;
  /** The hop's Location, parsed. */
  next: URL;
  /** The request's first redirect (the redirect mode decides only that one). */
  first: boolean;
  redirectMode: 'follow' | 'error' | 'manual' | undefined;
  /** The error that ended the request when webRequest saw the 3xx but no onBeforeRedirect, else null. */
  refusedWith: string | null;
  outcome: BrowserOutcome;
  corsBlockError: string;
}

export interface HopDecision {
  /** 'follow': nothing here stops the redirect (the remaining checks go on). */
  kind: 'follow' | 'opaque-redirect' | 'network-error' | 'cors-disabled';
  failure?: string;
  steps: TraceStep[];
  notes: string[];
  assumptions: string[];
}

/** What the redirect mode and the Location's scheme make of a redirect that passed its CORS check. */
export function redirectHopDecision(h: HopInput): HopDecision {
  const { hop, next } = h;
  const out: HopDecision = { kind: 'follow', steps: [], notes: [], assumptions: [] };
  const refusedByProxy = h.refusedWith === 'net::ERR_UNSAFE_REDIRECT';
  const foreignScheme = !isHttpScheme(next);
  // Followed, a redirect to mailto: or a custom scheme ends in CorsDisabledScheme after a second
  // hop; only redirect: 'manual' under the webRequest proxy ends it unfollowed like this.
  const manualInferred =
    h.redirectMode === undefined && refusedByProxy && foreignScheme && !isUnsafeRedirectTarget(next);
  if (manualInferred)
    out.assumptions.push(
      `Redirect mode inferred as 'manual': a followed redirect to ${next.protocol} would have reached the CORS layer, yet the browser refused it unfollowed.`,
    );
  else if (h.redirectMode === undefined && refusedByProxy && isUnsafeRedirectTarget(next))
    out.assumptions.push(
      "If the page used fetch() with redirect: 'manual', plain Chromium would have handed this redirect to it as an opaque-redirect response; an installed webRequest extension (this one) turns it into net::ERR_UNSAFE_REDIRECT.",
    );
  if (h.first && (h.redirectMode === 'manual' || manualInferred)) {
    // https://fetch.spec.whatwg.org/#concept-http-fetch step "manual": the redirect itself is the
    // response, handed to the page as an opaque-redirect (measured: type 'opaqueredirect', status 0,
    // whatever the Location, while CDP and webRequest end the request with net::ERR_ABORTED).
    out.steps.push({
      rule: 'redirect-manual',
      title: "redirect: 'manual'",
      result: 'info',
      detail: `the ${hop.status} is not followed: JavaScript gets an opaque-redirect response (status 0, no headers)`,
      spec: 'https://fetch.spec.whatwg.org/#concept-opaque-redirect-filtered-response',
    });
    if (refusedByProxy && foreignScheme) out.notes.push(webRequestProxyNote(hop.location));
    return { ...out, kind: 'opaque-redirect' };
  }
  if (h.first && h.redirectMode === 'error') {
    out.steps.push({
      rule: 'redirect-error',
      title: "redirect: 'error'",
      result: 'fail',
      detail: `answered ${hop.status}`,
    });
    return { ...out, kind: 'network-error', failure: REDIRECT_MODE_ERROR };
  }
  const foreign = followToForeignScheme(next, h.outcome, h.corsBlockError);
  if (!foreign) return out;
  out.steps.push({
    rule: 'redirect-scheme',
    title: 'Redirect stays on http(s)',
    result: 'fail',
    detail: `Location '${hop.location}' uses ${next.protocol}`,
  });
  return foreign.kind === 'network-error'
    ? { ...out, kind: 'network-error', failure: foreign.failure }
    : { ...out, kind: 'cors-disabled' };
}

/**
 * Every extension holding the webRequest permission (this one included) puts Chromium's webRequest
 * proxy between the page and the network, and that proxy refuses a redirect whose Location is not
 * http(s) with net::ERR_UNSAFE_REDIRECT (WebRequestProxyingURLLoaderFactory::InProgressRequest::
 * OnReceiveRedirect). Plain Chromium hands such a redirect to a fetch() with redirect: 'manual' as an
 * opaque-redirect response instead. Measured in Chromium 156: the same with the extension loaded but
 * not recording, and with any other extension that only declares webRequest.
 */
export function webRequestProxyNote(location: string): string {
  return `This browser failed the request with net::ERR_UNSAFE_REDIRECT only because an extension with the webRequest permission is installed (this inspector included): Chromium's webRequest proxy refuses a redirect to '${location}'. Without such an extension the page gets an opaque-redirect response (type 'opaqueredirect', status 0), which is the verdict shown.`;
}
