/**
 * Turns Chromium's CDP record of one request into the engine's input, using only what was on the
 * wire — the same facts the extension sees through webRequest with extraHeaders: no request mode,
 * no credentials mode, and no verdict (loadingFailed's corsErrorStatus is the oracle, not an input).
 */
import { combinedHeader } from '../../../src/cors/headers.ts';
import type {
  BrowserOutcome,
  Header,
  ObservedExchange,
  ObservedPreflight,
  ObservedResponse,
  RedirectHop,
} from '../../../src/cors/types.ts';
import type { CdpRequest } from './cdp-recorder.ts';

/** Wire headers of hop i when it was sent, else the headers blink prepared for it. */
function requestHeadersAt(r: CdpRequest, i: number): Header[] {
  return r.wireRequests[i] ?? r.hops[i]?.headers ?? [];
}

/** The raw response of hop i (ExtraInfo keeps repeated headers), else what CDP's main events carried. */
function responseAt(r: CdpRequest, i: number): ObservedResponse | null {
  const wire = r.wireResponses[i];
  if (wire) return { status: wire.status, headers: wire.headers };
  const parsed =
    i < r.redirectResponses.length ? r.redirectResponses[i] : i === r.hops.length - 1 ? r.response : undefined;
  return parsed ? { status: parsed.status, headers: parsed.headers } : null;
}

function outcomeOf(r: CdpRequest): BrowserOutcome {
  if (r.failed) return { kind: 'failed', error: r.failed.errorText };
  return r.finished ? { kind: 'completed' } : { kind: 'unknown' };
}

function preflightOf(p: CdpRequest): ObservedPreflight {
  const response = responseAt(p, 0);
  const redirectedTo = p.hops.length > 1 ? p.hops[1]!.url : undefined;
  return {
    request: { method: p.hops[0]!.method, url: p.hops[0]!.url, headers: requestHeadersAt(p, 0) },
    response,
    outcome: outcomeOf(p),
    ...(redirectedTo !== undefined ? { redirectedTo } : {}),
  };
}

/**
 * The request's origin as the browser serialized it: the Origin header of its first hop (or of its
 * preflight, when the request itself never left), else the frame's origin (`frameOrigin`, which
 * the caller knows for requests that carry no Origin, e.g. a no-cors GET).
 */
function initiatorOf(r: CdpRequest, preflight: CdpRequest | undefined, frameOrigin: string): string {
  return (
    combinedHeader(requestHeadersAt(r, 0), 'Origin') ??
    (preflight ? combinedHeader(requestHeadersAt(preflight, 0), 'Origin') : null) ??
    frameOrigin
  );
}

/**
 * @param preflights every preflight CDP linked to this request. A request redirected to a new URL
 *   can need a second preflight; the engine takes one, so the last one is given: when a preflight
 *   fails it is the last one sent, and when all pass, the last one decided the final hop.
 */
export function observedFromCdp(r: CdpRequest, preflights: CdpRequest[], frameOrigin: string): ObservedExchange {
  const first = r.hops[0];
  if (!first) throw new Error(`CDP request ${r.id} has no requestWillBeSent`);
  const lastPreflight = preflights[preflights.length - 1];
  const redirects: RedirectHop[] = r.redirectResponses.map((_, i) => {
    const response = responseAt(r, i)!;
    return {
      url: r.hops[i]!.url,
      status: response.status,
      headers: response.headers,
      location: r.hops[i + 1]!.url,
      requestHeaders: requestHeadersAt(r, i),
    };
  });
  return {
    initiator: initiatorOf(r, lastPreflight, frameOrigin),
    request: { method: first.method, url: first.url, headers: requestHeadersAt(r, 0) },
    preflight: lastPreflight ? preflightOf(lastPreflight) : null,
    redirects,
    response: responseAt(r, r.hops.length - 1),
    outcome: outcomeOf(r),
  };
}
