/**
 * What Chromium does with URLs that are not plain http(s): as the URL a page asks for, as the
 * Location of a redirect, and for mixed content. Every rule here was measured in Chromium 156
 * (test/e2e/conformance-*.test.ts keeps checking it); the spec says less than the browser does.
 */
import { parseUrl } from './origin.ts';

/** A scheme without its colon (`mailto`, `blob`). */
export const schemeOf = (url: URL): string => url.protocol.slice(0, -1);

/**
 * Redirect targets Chromium refuses outright, before any CORS rule, with net::ERR_UNSAFE_REDIRECT
 * and without a second hop (content/common/url_utils.cc IsSafeRedirectTarget: about, blob, data,
 * file, filesystem and the WebUI schemes). Other non-http(s) targets are followed into the CORS
 * layer, which reports CorsDisabledScheme.
 */
const UNSAFE_REDIRECT_SCHEMES = new Set(['about', 'blob', 'data', 'file', 'filesystem', 'chrome']);

export function isUnsafeRedirectTarget(url: URL): boolean {
  return UNSAFE_REDIRECT_SCHEMES.has(schemeOf(url));
}

/** https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy, for the hosts a URL can name. */
export function isPotentiallyTrustworthy(url: URL): boolean {
  if (url.protocol === 'https:' || url.protocol === 'wss:' || url.protocol === 'file:') return true;
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Mixed content (https://w3c.github.io/webappsec-mixed-content/): a secure page's fetch or XHR to
 * an http URL that is not potentially trustworthy is blocked in the renderer; no request is made
 * and no CORS check runs (measured: CDP loadingFailed blockedReason 'mixed-content', no webRequest event).
 */
export function isBlockedMixedContent(pageOrigin: string, target: URL): boolean {
  const page = parseUrl(pageOrigin);
  return (
    page !== null && page.protocol === 'https:' && target.protocol === 'http:' && !isPotentiallyTrustworthy(target)
  );
}
