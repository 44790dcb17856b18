/**
 * Runs every CORS check an exchange went through, in the order the browser ran them:
 * preflight → each redirect hop → final response. Pure: one credentials assumption per run.
 */
import { checkAccess } from './access-check.ts';
import type { BrowserRules } from './browser-rules.ts';
import { combinedHeader, quote } from './headers.ts';
import { hasUserinfo, isHttpScheme, parseUrl, sameOrigin } from './origin.ts';
import { checkPreflightResponse } from './preflight-response.ts';
import type { CorsErrorCode } from './reason-codes.ts';
import type { ObservedExchange, ObservedResponse, RedirectHop, TraceStep } from './types.ts';

export interface CheckFailure {
  code: CorsErrorCode;
  failedParameter: string;
  header: string | null;
  where: 'preflight' | 'response' | 'redirect';
  status: number | null;
  /** The URL whose response failed. */
  url: string;
  /** The origin it was checked against (`null` after a tainting redirect). */
  origin: string;
}

export interface CheckRun {
  failure: CheckFailure | null;
  /** A network-level failure that stopped the checks (no response to judge). */
  networkFailure: string | null;
  steps: TraceStep[];
  corsFlag: boolean;
  effectiveOrigin: string;
  maxAgeSeconds: number | null;
  preflightCached: boolean;
  /** The response whose headers JavaScript sees (final hop). */
  finalResponse: ObservedResponse | null;
}

export interface CheckInput {
  ex: ObservedExchange;
  origin: string;
  credentialsIncluded: boolean;
  preflightNeeded: boolean;
  requestHeaderNames: string[];
  rules: BrowserRules;
}

const MAX_REDIRECTS = 20;

/** A final response that is itself a redirect the browser refused to follow (webRequest shows no onBeforeRedirect then). */
function unfollowedRedirect(ex: ObservedExchange): RedirectHop | null {
  const r = ex.response;
  const location = r ? combinedHeader(r.headers, 'Location') : null;
  if (!r || location === null || r.status < 300 || r.status > 399 || ex.outcome.kind === 'completed') return null;
  const from = ex.redirects?.length ? ex.redirects[ex.redirects.length - 1]!.location : ex.request.url;
  let resolved = location;
  try {
    resolved = new URL(location, from).href;
  } catch { /* keep the raw value: the location check reports it */ }
  return { url: from, status: r.status, headers: r.headers, location: resolved };
}

export function runChecks(input: CheckInput): CheckRun {
  const { ex, credentialsIncluded, rules } = input;
  const steps: TraceStep[] = [];
  let origin = input.origin;
  let corsFlag = !sameOrigin(origin, ex.request.url);
  let maxAgeSeconds: number | null = null;
  let preflightCached = false;
  const run = (failure: CheckFailure | null, networkFailure: string | null = null, finalResponse: ObservedResponse | null = null): CheckRun => ({
    failure, networkFailure, steps, corsFlag, effectiveOrigin: origin, maxAgeSeconds, preflightCached, finalResponse,
  });

  // Preflight (https://fetch.spec.whatwg.org/#cors-preflight-fetch).
  const pf = ex.preflight;
  if (pf) {
    if (!pf.response) {
      const err = pf.outcome.kind === 'failed' ? pf.outcome.error : 'no response';
      steps.push({ rule: 'preflight-response', title: 'Preflight got a response', result: 'fail', detail: `the preflight ended with ${err} before any response` });
      return run(null, `The preflight request failed at the network level (${err}); no CORS check could run.`);
    }
    const method = ex.request.method;
    const check = checkPreflightResponse(pf, origin, method, input.requestHeaderNames, credentialsIncluded, rules);
    steps.push(...check.steps);
    maxAgeSeconds = check.maxAgeSeconds;
    if (check.failure) {
      return run({ ...check.failure, where: 'preflight', status: pf.response.status, url: pf.request.url || ex.request.url, origin });
    }
  } else if (input.preflightNeeded && corsFlag) {
    const sent = ex.response !== null && ex.response !== undefined;
    preflightCached = ex.preflightCached === true || sent;
    steps.push({
      rule: 'preflight-cache',
      title: 'Preflight',
      result: 'info',
      detail: preflightCached
        ? 'a preflight was needed but none was sent: the browser reused a cached preflight result (Access-Control-Max-Age) for this origin, URL and credentials mode'
        : 'a preflight was needed but none was observed',
    });
  }

  // Redirect hops (https://fetch.spec.whatwg.org/#http-redirect-fetch).
  const hops = [...(ex.redirects ?? [])];
  const unfollowed = unfollowedRedirect(ex);
  if (unfollowed) hops.push(unfollowed);
  for (const [i, hop] of hops.entries()) {
    if (i >= MAX_REDIRECTS) {
      steps.push({ rule: 'redirect-count', title: 'At most 20 redirects', result: 'fail', detail: `redirect #${i + 1} exceeds the limit of 20` });
      return run(null, 'More than 20 redirects (net::ERR_TOO_MANY_REDIRECTS).');
    }
    corsFlag = corsFlag || !sameOrigin(origin, hop.url);
    const label = `redirect ${hop.status} from ${hop.url}`;
    if (corsFlag) {
      const access = checkAccess(hop.headers, origin, credentialsIncluded, label);
      steps.push(...access.steps);
      if (access.failure) return run({ ...access.failure, where: 'redirect', status: hop.status, url: hop.url, origin });
    }
    const next = parseUrl(hop.location);
    if (!next) {
      steps.push({ rule: 'redirect-location', title: 'Redirect Location is a valid URL', result: 'fail', detail: `Location ${quote(hop.location)} cannot be parsed` });
      return run(null, `The redirect Location ${quote(hop.location)} is not a valid URL.`);
    }
    if (corsFlag && !isHttpScheme(next)) {
      steps.push({ rule: 'redirect-scheme', title: 'Redirect stays on http(s)', result: 'fail', detail: `Location ${quote(hop.location)} uses ${next.protocol}` });
      return run({ code: 'CorsDisabledScheme', failedParameter: '', header: 'Location', where: 'redirect', status: hop.status, url: hop.url, origin });
    }
    if (hasUserinfo(next) && !sameOrigin(origin, next)) {
      steps.push({ rule: 'redirect-userinfo', title: 'Redirect Location has no credentials', result: 'fail', detail: `Location ${quote(hop.location)} contains user:password@` });
      return run({ code: 'RedirectContainsCredentials', failedParameter: hop.location, header: 'Location', where: 'redirect', status: hop.status, url: hop.url, origin });
    }
    // Redirect taint: https://fetch.spec.whatwg.org/#concept-request-tainted-origin
    const tainted = !sameOrigin(origin, hop.url) && !sameOrigin(originOfUrl(hop.url), next);
    if (tainted && origin !== 'null') {
      steps.push({ rule: 'redirect-taint', title: 'Origin after redirect', result: 'info', detail: `${hop.url} → ${next.href} crosses origins after an earlier cross-origin hop, so the request's origin becomes 'null' (Origin: null) from here on`, spec: 'https://fetch.spec.whatwg.org/#concept-request-tainted-origin' });
      origin = 'null';
    } else {
      steps.push({ rule: 'redirect-follow', title: `Follow redirect ${hop.status}`, result: 'pass', detail: `→ ${next.href}` });
    }
  }
  if (unfollowed) return run(null, 'The browser did not follow the redirect.');

  // Final response (https://fetch.spec.whatwg.org/#concept-cors-check).
  const response = ex.response ?? null;
  if (!response) {
    const err = ex.outcome.kind === 'failed' ? ex.outcome.error : 'no response observed';
    return run(null, err === 'no response observed' ? null : `No response arrived (${err}).`);
  }
  const lastUrl = hops.length ? hops[hops.length - 1]!.location : ex.request.url;
  corsFlag = corsFlag || !sameOrigin(origin, lastUrl);
  if (!corsFlag) {
    steps.push({ rule: 'same-origin', title: 'Same-origin response', result: 'info', detail: `${lastUrl} is same-origin with ${origin}; no CORS check applies` });
    return run(null, null, response);
  }
  if (response.status === 304) {
    steps.push({ rule: 'cors-check-304', title: 'CORS check', result: 'skip', detail: '304 responses skip the CORS check (the cached response was checked)' });
    return run(null, null, response);
  }
  const access = checkAccess(response.headers, origin, credentialsIncluded, 'response');
  steps.push(...access.steps);
  if (access.failure) return run({ ...access.failure, where: 'response', status: response.status, url: lastUrl, origin }, null, response);
  return run(null, null, response);
}

function originOfUrl(url: string): string {
  const u = parseUrl(url);
  return u ? u.origin : 'null';
}
