/**
 * Does this request need a CORS preflight, and why? (https://fetch.spec.whatwg.org/#cors-preflight-fetch,
 * main fetch step "use-CORS-preflight flag … or … not a CORS-safelisted method … or CORS-unsafe names".)
 */
import { CHROMIUM, type BrowserRules } from './browser-rules.ts';
import { combinedHeader } from './headers.ts';
import { isSafelistedMethod, isUnnormalizedLowercase, normalizeMethod } from './methods.ts';
import { unsafeRequestHeaders } from './request-safelist.ts';
import type { Header, PreflightCause } from './types.ts';

export interface PreflightNeed {
  needed: boolean;
  because: PreflightCause[];
  /** The Access-Control-Request-Headers value (sorted, lower-cased, comma-joined). */
  requestHeaders: string;
  /**
   * The same names in the order the browser checks them against Access-Control-Allow-Headers: the
   * order of the observed request headers (Chromium reports the first one not allowed in its own
   * header-list order, which is neither the page's nor ACRH's sorted order; e2e scenarios
   * acah-two-missing*), then names only the preflight's ACRH revealed, in ACRH order.
   */
  checkOrder: string[];
  /** False when some names are known only from the (sorted) ACRH, so their request order is unknown. */
  orderKnown: boolean;
}

/**
 * @param observedPreflightRequest the preflight actually sent, when seen: its ACRH is authoritative
 *   for header names (webRequest never shows `Authorization`, the preflight's ACRH does).
 */
export function analysePreflightNeed(
  method: string,
  headers: readonly Header[],
  forced: boolean,
  observedPreflightRequest?: { headers: readonly Header[] } | null,
  rules: BrowserRules = CHROMIUM,
): PreflightNeed {
  const because: PreflightCause[] = [];
  if (forced)
    because.push({
      kind: 'forced',
      subject: '',
      detail: 'the page forced a preflight (XHR upload listener or streaming body)',
    });
  const normalized = normalizeMethod(method);
  if (!isSafelistedMethod(normalized)) {
    because.push({ kind: 'method', subject: normalized, detail: `method ${normalized} is not GET, HEAD or POST` });
    if (isUnnormalizedLowercase(method)) {
      because.push({
        kind: 'method-case',
        subject: method,
        detail: `'${method}' is sent as written: Fetch upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT`,
      });
    }
  }
  const unsafe = unsafeRequestHeaders(headers, rules.extraSafelistedRequestHeaders);
  because.push(...unsafe.causes);
  let checkOrder = unsafe.names;
  const acrh = observedPreflightRequest
    ? combinedHeader(observedPreflightRequest.headers, 'Access-Control-Request-Headers')
    : null;
  if (acrh !== null) {
    const fromWire = acrh
      .split(',')
      .map((n) => n.trim().toLowerCase())
      .filter(Boolean);
    for (const name of fromWire) {
      if (!because.some((c) => c.subject === name)) {
        because.push({
          kind: name === 'authorization' ? 'authorization' : 'header-name',
          subject: name,
          detail:
            name === 'authorization'
              ? `'authorization' was sent (seen in the preflight's Access-Control-Request-Headers; webRequest never shows its value)`
              : `'${name}' is not CORS-safelisted (named by the preflight's Access-Control-Request-Headers)`,
        });
      }
    }
    const wire = [...new Set(fromWire)];
    checkOrder = [...checkOrder.filter((n) => wire.includes(n)), ...wire.filter((n) => !checkOrder.includes(n))];
  }
  // Firefox checks them in the sorted order of its ACRH: known as soon as the names are.
  if (rules.checksHeadersSorted) checkOrder = [...checkOrder].sort();
  const orderKnown = rules.checksHeadersSorted || checkOrder.every((n) => unsafe.names.includes(n));
  return {
    needed: because.length > 0,
    because,
    requestHeaders: [...checkOrder].sort().join(','),
    checkOrder,
    orderKnown,
  };
}
