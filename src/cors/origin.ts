/** Origins and URLs (URL Standard origin serialization, Fetch's CORS-enabled schemes). */

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The serialized origin of a URL: `scheme://host[:port]`, or "null" for opaque ones. */
export function originOf(url: string | URL): string {
  const u = typeof url === 'string' ? parseUrl(url) : url;
  if (!u) return 'null';
  return u.origin === 'null' ? 'null' : u.origin;
}

export function isHttpScheme(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

export function hasUserinfo(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}

/** True when the serialized origin `origin` is the origin of `url`. Opaque origins match nothing. */
export function sameOrigin(origin: string, url: string | URL): boolean {
  if (origin === 'null') return false;
  return originOf(url) === origin;
}

/**
 * A URL as webRequest and the page may both name the same request: without its fragment (webRequest
 * never shows one) and without user:password@ (Chromium sends an XHR's credentials as Authorization
 * and names its preflight without them; XHR open()'s user and password arguments show up in the URL).
 */
export function comparableUrl(url: string): string {
  const u = parseUrl(url);
  if (!u) return url;
  u.hash = '';
  u.username = '';
  u.password = '';
  return u.href;
}
