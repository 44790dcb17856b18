/**
 * CORS-safelisted request-headers (https://fetch.spec.whatwg.org/#cors-safelisted-request-header)
 * and the names the browser itself manages, which never count towards a preflight.
 */
import type { BrowserRules } from './browser-rules.ts';
import type { Header, PreflightCause } from './types.ts';

const FORBIDDEN = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/**
 * Headers the browser may add below the page (webRequest shows them, the page may never have set
 * them): Chromium's network stack adds these after the CORS check, so on the wire they do not show
 * that the page asked for them. When the page did set one, the preflight's
 * Access-Control-Request-Headers names it (preflight-need.ts reads it from there).
 */
const BROWSER_MANAGED = new Set([
  'user-agent',
  'accept-language',
  'cache-control',
  'pragma',
  'priority',
  'upgrade-insecure-requests',
  'purpose',
  'if-modified-since',
  'if-none-match',
  'if-range',
]);

/** Forbidden request-header names (Fetch), which the page cannot set. */
export function isForbiddenHeaderName(lowerName: string): boolean {
  return FORBIDDEN.has(lowerName) || lowerName.startsWith('proxy-') || lowerName.startsWith('sec-');
}

export function isBrowserManagedHeader(lowerName: string): boolean {
  // HTTP/2 and HTTP/3 pseudo-header fields (:authority, :method, :path, :scheme, RFC 9113 §8.3)
  // are written by the network stack; HARs of h2 traffic (Chrome DevTools, Playwright) list them.
  return isForbiddenHeaderName(lowerName) || BROWSER_MANAGED.has(lowerName) || lowerName.startsWith(':');
}

const SAFELISTED_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const LANGUAGE_VALUE = /^[0-9A-Za-z *,\-.;=]*$/;
const RANGE_VALUE = /^bytes=(\d+)-(\d+)?$/;

/**
 * The browser's own Accept-Language is always a valid language list, so a value outside the
 * safelisted bytes can only have come from the page (e2e scenario sl-accept-language-bad).
 */
function pageSetDespiteBrowserManaged(lowerName: string, value: string): boolean {
  return lowerName === 'accept-language' && !LANGUAGE_VALUE.test(value);
}

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte */
export function firstUnsafeByte(value: string): string | null {
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || '"():<>?@[\\]{}'.includes(ch)) return ch;
  }
  return null;
}

function byteLength(value: string): number {
  return new TextEncoder().encode(value).length;
}

function describeByte(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `0x${code.toString(16).padStart(2, '0')}` : `'${ch}'`;
}

const FETCH_SAFELISTED = ['accept', 'accept-language', 'content-language', 'content-type', 'range'];

/**
 * Why a single header is not CORS-safelisted, or null when it is.
 * @param extra the browser's additional safelisted names and their value tests (browser-rules.ts).
 */
export function unsafeHeaderCause(
  name: string,
  value: string,
  extra: BrowserRules['extraSafelistedRequestHeaders'] = {},
): PreflightCause | null {
  const lower = name.toLowerCase();
  const size = byteLength(value);
  const extraTest = Object.hasOwn(extra, lower) ? extra[lower] : undefined;
  if (!FETCH_SAFELISTED.includes(lower) && !extraTest) {
    return {
      kind: lower === 'authorization' ? 'authorization' : 'header-name',
      subject: lower,
      detail: `'${lower}' is not a CORS-safelisted request header`,
    };
  }
  if (size > 128) {
    return {
      kind: 'header-value-length',
      subject: lower,
      detail: `'${lower}' value is ${size} bytes; safelisted values are at most 128 bytes`,
    };
  }
  if (extraTest) {
    return extraTest(value)
      ? null
      : {
          kind: 'header-value-byte',
          subject: lower,
          detail: `'${lower}' value ${JSON.stringify(value.slice(0, 40))} is not a valid ${lower} client hint, so it is not safelisted`,
        };
  }
  if (lower === 'accept' || lower === 'content-type') {
    const bad = firstUnsafeByte(value);
    if (bad !== null)
      return {
        kind: 'header-value-byte',
        subject: lower,
        detail: `'${lower}' value contains the CORS-unsafe byte ${describeByte(bad)}`,
      };
  }
  if (lower === 'accept-language' || lower === 'content-language') {
    if (!LANGUAGE_VALUE.test(value))
      return {
        kind: 'language',
        subject: lower,
        detail: `'${lower}' value may only hold 0-9 A-Z a-z space * , - . ; =`,
      };
  }
  if (lower === 'content-type') {
    const essence = value.split(';')[0]!.trim().toLowerCase();
    if (!SAFELISTED_CONTENT_TYPES.has(essence)) {
      return {
        kind: 'content-type',
        subject: lower,
        detail: `Content-Type essence '${essence}' is not application/x-www-form-urlencoded, multipart/form-data or text/plain`,
      };
    }
  }
  if (lower === 'range') {
    const m = RANGE_VALUE.exec(value);
    if (!m || (m[2] !== undefined && Number(m[1]) > Number(m[2]))) {
      return {
        kind: 'range',
        subject: lower,
        detail: `Range '${value}' is not a single 'bytes=N-' or 'bytes=N-M' range`,
      };
    }
  }
  return null;
}

/**
 * CORS-unsafe request-header names of the page's own headers, with the reason for each.
 * Implements the 1024-byte rule: when safelisted values total more than 1024 bytes, all of them
 * become unsafe (https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names).
 */
export function unsafeRequestHeaders(
  headers: readonly Header[],
  extra: BrowserRules['extraSafelistedRequestHeaders'] = {},
): { names: string[]; causes: PreflightCause[] } {
  const causes: PreflightCause[] = [];
  const safelisted: { name: string; size: number }[] = [];
  for (const h of headers) {
    const lower = h.name.toLowerCase();
    if (isBrowserManagedHeader(lower) && !pageSetDespiteBrowserManaged(lower, h.value)) continue;
    const cause = unsafeHeaderCause(h.name, h.value, extra);
    if (cause) causes.push(cause);
    else safelisted.push({ name: lower, size: byteLength(h.value) });
  }
  const total = safelisted.reduce((sum, s) => sum + s.size, 0);
  if (total > 1024) {
    for (const s of safelisted) {
      causes.push({
        kind: 'total-size',
        subject: s.name,
        detail: `safelisted header values total ${total} bytes (> 1024), so all of them need a preflight`,
      });
    }
  }
  // The request's header order, not sorted: Chromium reports the first disallowed header in its
  // own header-list order, which the observed request headers show (e2e scenario acah-two-missing).
  const names = [...new Set(causes.map((c) => c.subject))];
  return { names, causes };
}
