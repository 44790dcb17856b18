/**
 * The responses of one exchange that carry a server's CORS policy (the final response and the
 * preflight response), each with the Origin its request carried. Rules read these, never raw exchanges.
 */
import { combinedHeader } from '../headers.ts';
import type { Header, ObservedExchange } from '../types.ts';
import { ACAC, ACAO, allowsCredentials } from './trust.ts';

export interface ResponseView {
  where: 'response' | 'preflight';
  /** The URL that answered. */
  url: string;
  /** The Origin the request carried ("null" after a tainting redirect), null when unknown. */
  origin: string | null;
  requestHeaders: Header[];
  status: number;
  headers: Header[];
  /** Combined Access-Control-Allow-Origin, null when absent. */
  acao: string | null;
  /** Access-Control-Allow-Credentials is exactly `true`. */
  credentialed: boolean;
}

export interface ViewOrigins {
  /** The request's origin (initiator or Origin header). */
  origin: string | null;
  /** The origin the final hop carried: "null" after a tainting redirect. */
  effectiveOrigin: string | null;
}

function view(
  where: ResponseView['where'],
  url: string,
  origin: string | null,
  requestHeaders: Header[],
  status: number,
  headers: Header[],
): ResponseView {
  return {
    where,
    url,
    requestHeaders,
    status,
    headers,
    origin: combinedHeader(requestHeaders, 'Origin') ?? origin,
    acao: combinedHeader(headers, ACAO),
    credentialed: allowsCredentials(combinedHeader(headers, ACAC)),
  };
}

/** The final response first (it is what the page reads), then the preflight response. */
export function responseViews(ex: ObservedExchange, origins: ViewOrigins): ResponseView[] {
  const views: ResponseView[] = [];
  const hops = ex.redirects ?? [];
  if (ex.response) {
    const url = hops.length ? hops[hops.length - 1]!.location : ex.request.url;
    // The first hop's headers show its Origin; after redirects only the effective origin is known.
    const requestHeaders = hops.length ? [] : ex.request.headers;
    views.push(
      view(
        'response',
        url,
        hops.length ? origins.effectiveOrigin : origins.origin,
        requestHeaders,
        ex.response.status,
        ex.response.headers,
      ),
    );
  }
  const pf = ex.preflight;
  if (pf?.response)
    views.push(
      view(
        'preflight',
        pf.request.url || ex.request.url,
        origins.origin,
        pf.request.headers,
        pf.response.status,
        pf.response.headers,
      ),
    );
  return views;
}

export function whereLabel(v: ResponseView): string {
  return v.where === 'preflight' ? 'The preflight response' : 'The response';
}
