/**
 * Findings no single exchange can show. The input is plain data so the worker (from its records),
 * the report builder (from a saved report) and the probe (from its attempts) all feed it.
 */
import { combinedHeader } from '../headers.ts';
import { parseUrl } from '../origin.ts';
import type { Finding, ObservedExchange } from '../types.ts';
import { hostnameOf, isSerializedOrigin, siteOf } from './origin-kinds.ts';
import { ACAC, ACAO, originReflectedFinding, type TrustedOrigin } from './trust.ts';

/** One request's Origin and what the server answered to it. */
export interface OriginEcho {
  url: string;
  /** The Origin the request carried. */
  origin: string;
  acao: string | null;
  acac: string | null;
}

export interface EndpointFindings {
  /** See endpointOf. */
  endpoint: string;
  findings: Finding[];
}

/** An endpoint is a URL without query or fragment: the unit a CORS policy is usually configured for. */
export function endpointOf(url: string): string {
  const u = parseUrl(url);
  return u ? `${u.origin}${u.pathname}` : url;
}

/** The echo an exchange shows: its Origin against the first response to it (final response, else preflight). */
export function echoOf(ex: ObservedExchange): OriginEcho | null {
  const origin = combinedHeader(ex.request.headers, 'Origin') ?? ex.initiator ?? null;
  const direct = ex.redirects?.length ? null : ex.response;
  const answer = direct ?? ex.preflight?.response ?? null;
  if (origin === null || !answer) return null;
  return {
    url: ex.request.url,
    origin,
    acao: combinedHeader(answer.headers, ACAO),
    acac: combinedHeader(answer.headers, ACAC),
  };
}

/**
 * Origin reflection is proven when one endpoint echoed origins of two or more different sites:
 * an allow-list usually holds one site's origins, a reflecting server echoes anyone's.
 */
export function sessionFindings(echoes: readonly OriginEcho[]): EndpointFindings[] {
  const byEndpoint = new Map<string, Map<string, TrustedOrigin>>();
  for (const e of echoes) {
    if (e.origin === 'null' || e.acao !== e.origin || !isSerializedOrigin(e.origin)) continue;
    const endpoint = endpointOf(e.url);
    const echoed = byEndpoint.get(endpoint) ?? new Map<string, TrustedOrigin>();
    const seen = echoed.get(e.origin);
    if (!seen || (e.acac === 'true' && seen.acac !== 'true')) echoed.set(e.origin, { origin: e.origin, acac: e.acac });
    byEndpoint.set(endpoint, echoed);
  }
  const out: EndpointFindings[] = [];
  for (const [endpoint, echoed] of byEndpoint) {
    const trusted = [...echoed.values()];
    const sites = new Set(trusted.map((t) => siteOf(hostnameOf(t.origin) ?? '')));
    if (sites.size >= 2) out.push({ endpoint, findings: [originReflectedFinding(trusted)] });
  }
  return out;
}
