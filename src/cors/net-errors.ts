/**
 * Failures that are not CORS but look like it: the page sees the same "TypeError: Failed to fetch",
 * and webRequest the same onErrorOccurred, yet no Access-Control-* header would change anything.
 * Each net error (net/base/net_error_list.h) gets a sentence that says what stopped the request and
 * where to look instead. Measured in Chromium 156 by test/e2e/conformance-not-cors.test.ts.
 */

/**
 * Local Network Access (https://developer.chrome.com/blog/local-network-access): a page in a more
 * public address space asked for a local or loopback address and the user has not allowed it.
 * webRequest ends the request with this error; Chromium's own verdict (CDP) is the CORS error
 * LocalNetworkAccessPermissionDenied, in mode 'cors' and 'no-cors' alike.
 */
export const LOCAL_NETWORK_ACCESS_ERROR = 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS';

/**
 * Whether a URL names a local or loopback address by its host (https://wicg.github.io/local-network-access/):
 * localhost, .local names, loopback, private and link-local IP literals. A host name that merely
 * resolves to one cannot be told from the URL.
 */
export function namesLocalAddress(url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
    );
  }
  return host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host);
}

const UNREACHABLE =
  'the server could not be reached, so no response (and no CORS header) ever arrived. Check that it runs and listens on this host and port';

const MEANINGS: [RegExp, string][] = [
  [
    /^net::ERR_BLOCKED_BY_CLIENT$/,
    'an extension (declarativeNetRequest or webRequest blocking, e.g. an ad or privacy blocker) or the browser cancelled the request before it was sent; CORS was never involved. Allow the URL in that extension to test',
  ],
  [/^net::ERR_BLOCKED_BY_ADMINISTRATOR$/, 'a browser policy (URLBlocklist) blocks this URL; CORS was never involved'],
  [
    /^net::ERR_BLOCKED_BY_ORB$/,
    "Chromium's Opaque Response Blocking withheld this no-cors response (a JSON, HTML or XML body, or a type never served cross-origin without CORS); request it with mode 'cors' and CORS headers instead",
  ],
  [
    /^net::ERR_BLOCKED_BY_RESPONSE$/,
    "the response's Cross-Origin-Resource-Policy (or the page's Cross-Origin-Embedder-Policy) forbids this page to load it; CORS headers do not lift that: send Cross-Origin-Resource-Policy: cross-origin, or fetch it in mode 'cors'",
  ],
  [/^net::ERR_UNSAFE_REDIRECT$/, 'the browser refused to follow a redirect to a URL that is not http(s)'],
  [/^net::ERR_TOO_MANY_REDIRECTS$/, 'more than 20 redirects: the server redirects in a loop'],
  [/^net::ERR_INVALID_REDIRECT$/, 'the redirect Location is not a valid URL'],
  [/^net::ERR_UNKNOWN_URL_SCHEME$/, 'the browser cannot load that URL scheme for a page'],
  [
    /^net::ERR_ABORTED$/,
    "the request was cancelled — by the page (AbortController, a navigation, a closed tab) or, for fetch() with redirect: 'manual', by the browser once the redirect response was handed to the page — before any CORS check decided it",
  ],
  [
    /^net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|CONNECTION_CLOSED|CONNECTION_FAILED|EMPTY_RESPONSE|NAME_NOT_RESOLVED|ADDRESS_UNREACHABLE|ADDRESS_INVALID|TIMED_OUT|CONNECTION_TIMED_OUT|INTERNET_DISCONNECTED|NETWORK_CHANGED)$/,
    UNREACHABLE,
  ],
  [/^net::ERR_(CERT_|SSL_)/, 'the TLS connection failed (certificate or protocol); CORS was never reached'],
  [/^net::ERR_CACHE_MISS$/, "the request allowed only the HTTP cache (cache: 'only-if-cached') and nothing was cached"],
  [/^net::ERR_FILE_NOT_FOUND$/, 'the blob: URL or file does not exist (revoked, never created, or another document’s)'],
];

/** One sentence for a network error: what stopped the request, when no CORS check did. */
export function netErrorMeaning(error: string): string {
  const found = MEANINGS.find(([pattern]) => pattern.test(error));
  return found ? `${found[1]} (${error})` : `the request failed at the network level (${error}) before any CORS check`;
}
