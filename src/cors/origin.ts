/** Origins and URLs (URL Standard origin serialization, Fetch's CORS-enabled schemes). */

/**
 * Parsed URLs, shared: one evaluation parses the same few URLs dozens of times (origin checks,
 * findings, snippets), and a HAR of 100 000 entries makes that the largest cost. Bounded; callers
 * only read the URL they get (nothing in the engine assigns to one).
 */
const parsed = new Map<string, URL | null>();
const PARSED_MAX = 4096;

export function parseUrl(url: string): URL | null {
  const hit = parsed.get(url);
  if (hit !== undefined) return hit;
  let result: URL | null;
  try {
    result = new URL(url);
  } catch {
    result = null;
  }
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(url, result);
  return result;
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
  const parsedUrl = parseUrl(url);
  if (!parsedUrl) return url;
  // A copy: parsed URLs are shared (the cache above).
  const u = new URL(parsedUrl.href);
  u.hash = '';
  u.username = '';
  u.password = '';
  return u.href;
}
