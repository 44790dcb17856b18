/**
 * The Origin each hop of a redirected CORS request carries. Fetch's HTTP-redirect fetch sets the
 * tainted-origin flag when the location is cross-origin to the current URL *and* the request's
 * origin differs from the current URL's origin; from then on the Origin serializes as `null`
 * (https://fetch.spec.whatwg.org/#concept-request-tainted-origin).
 */
import type { ExchangeRecord } from '../../../shared/exchange.ts';

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** One entry per request on the wire: each redirect hop's URL, then the final URL. */
export function expectedOrigins(r: Pick<ExchangeRecord, 'url' | 'initiator' | 'redirects'>): string[] {
  const out: string[] = [];
  let tainted = false;
  let current = r.url;
  for (const hop of r.redirects) {
    out.push(tainted ? 'null' : r.initiator);
    const from = originOf(current);
    if (from !== originOf(hop.location) && r.initiator !== from) tainted = true;
    current = hop.location;
  }
  out.push(tainted ? 'null' : r.initiator);
  return out;
}
