/**
 * Runs every CORS check an exchange went through, in the order the browser ran them:
 * preflight → each redirect hop → final response. Pure: one credentials assumption per run.
 */
import { checkAccess } from './access-check.ts';
import type { BrowserRules } from './browser-rules.ts';
import { combinedHeader, quote } from './headers.ts';
import { namesLocalAddress, netErrorMeaning } from './net-errors.ts';
import { hasUserinfo, parseUrl, sameOrigin } from './origin.ts';
import { checkPreflightResponse } from './preflight-response.ts';
import type { CorsErrorCode } from './reason-codes.ts';
import { isRedirect, redirectHopDecision } from './redirects.ts';
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
  /** For RedirectContainsCredentials: the Location that carried user:password@. */
  location?: string;
  /** For InvalidAllow{Methods,Headers}PreflightResponse: the item that is not a token. */
  invalidToken?: string;
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
  /** Where the browser's rule differs from the Fetch standard and that made a difference here. */
  notes: string[];
  /** What the result rests on that the observation could not show. */
  assumptions: string[];
  /** The redirect was handed to the page as an opaque-redirect response (redirect: 'manual'). */
  opaqueRedirect: boolean;
}

export interface CheckInput {
  ex: ObservedExchange;
  origin: string;
  credentialsIncluded: boolean;
  preflightNeeded: boolean;
  /** CORS-unsafe request-header names in the order the browser checks them. */
  requestHeaderNames: string[];
  /** False when that order is partly a guess. */
  headerOrderKnown: boolean;
  rules: BrowserRules;
}

const MAX_REDIRECTS = 20;

/** A final response that is itself a redirect the browser refused to follow (webRequest shows no onBeforeRedirect then). */
export function unfollowedRedirect(ex: ObservedExchange): RedirectHop | null {
  const r = ex.response;
  const location = r ? combinedHeader(r.headers, 'Location') : null;
  if (!r || location === null || !isRedirect(r.status, r.headers) || ex.outcome.kind === 'completed') return null;
  const from = ex.redirects?.length ? ex.redirects[ex.redirects.length - 1]!.location : ex.request.url;
  let resolved = location;
  try {
    resolved = new URL(location, from).href;
  } catch {
    /* keep the raw value: the location check reports it */
  }
  return { url: from, status: r.status, headers: r.headers, location: resolved };
}

export function runChecks(input: CheckInput): CheckRun {
  const { ex, credentialsIncluded, rules } = input;
  const steps: TraceStep[] = [];
  let origin = input.origin;
  let corsFlag = !sameOrigin(origin, ex.request.url);
  let maxAgeSeconds: number | null = null;
  let preflightCached = false;
  let opaqueRedirect = false;
  const notes: string[] = [];
  const assumptions: string[] = [];
  const run = (
    failure: CheckFailure | null,
    networkFailure: string | null = null,
    finalResponse: ObservedResponse | null = null,
  ): CheckRun => ({
    opaqueRedirect,
    failure,
    networkFailure,
    steps,
    corsFlag,
    effectiveOrigin: origin,
    maxAgeSeconds,
    preflightCached,
    finalResponse,
    notes,
    assumptions,
  });

  // Preflight (https://fetch.spec.whatwg.org/#cors-preflight-fetch).
  const pf = ex.preflight;
  if (pf) {
    if (!pf.response) {
      const err = pf.outcome.kind === 'failed' ? pf.outcome.error : 'no response';
      steps.push({
        rule: 'preflight-response',
        title: 'Preflight got a response',
        result: 'fail',
        detail: `the preflight ended with ${err} before any response`,
      });
      // A Local Network Access refusal of the preflight reaches webRequest as a bare net::ERR_FAILED
      // with no response (measured; CDP says LocalNetworkAccessPermissionDenied). Nothing else ends
      // a preflight to a local address that way, but the page's address space is not visible here.
      const target = parseUrl(pf.request.url || ex.request.url);
      const chromiumBlock = rules.profile === 'chromium' && err === rules.corsBlockError;
      if (chromiumBlock && target && namesLocalAddress(target)) {
        assumptions.push(
          `Inferred from the preflight ending in ${rules.corsBlockError} before any response while asking ${target.host}, a local address: in Chromium that is a Local Network Access refusal (webRequest shows no reason; the page's address space is not visible to it).`,
        );
        return run({
          code: 'LocalNetworkAccessPermissionDenied',
          failedParameter: '',
          header: null,
          where: 'preflight',
          status: null,
          url: target.href,
          origin,
        });
      }
      const lna = chromiumBlock
        ? ' When a public page asks a local or loopback address, a Local Network Access refusal looks exactly like this.'
        : '';
      return run(
        null,
        `The preflight request failed before any response arrived: ${netErrorMeaning(err)}; no CORS check could run.${lna}`,
      );
    }
    const method = ex.request.method;
    const check = checkPreflightResponse(
      pf,
      origin,
      method,
      input.requestHeaderNames,
      credentialsIncluded,
      rules,
      input.headerOrderKnown,
    );
    steps.push(...check.steps);
    notes.push(...check.notes);
    assumptions.push(...check.assumptions);
    maxAgeSeconds = check.maxAgeSeconds;
    if (check.failure) {
      return run({
        ...check.failure,
        where: 'preflight',
        status: pf.response.status,
        url: pf.request.url || ex.request.url,
        origin,
      });
    }
  } else if (input.preflightNeeded && corsFlag && ex.gaps?.preflight) {
    // Not recorded is not "not sent": the cache cannot be told from a preflight the recording dropped.
    preflightCached = ex.preflightCached === true;
    const sent = ex.response !== null && ex.response !== undefined;
    steps.push({
      rule: 'preflight-unrecorded',
      title: 'Preflight',
      result: 'info',
      detail: `a preflight was needed, but ${ex.gaps.preflight}${sent ? '; the request was sent, so a preflight passed (or a cached one applied)' : ''}`,
    });
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
      steps.push({
        rule: 'redirect-count',
        title: 'At most 20 redirects',
        result: 'fail',
        detail: `redirect #${i + 1} exceeds the limit of 20`,
      });
      return run(null, 'More than 20 redirects (net::ERR_TOO_MANY_REDIRECTS).');
    }
    corsFlag = corsFlag || !sameOrigin(origin, hop.url);
    const label = `redirect ${hop.status} from ${hop.url}`;
    // An extension's redirect (declarativeNetRequest or webRequest) is a 307 "Internal Redirect" the
    // browser makes itself, marked Non-Authoritative-Reason (measured: 'WebRequest API', DNR too);
    // Chromium trusts it and runs no CORS check on it (bypass_redirect_checks).
    const madeBy = combinedHeader(hop.headers, 'Non-Authoritative-Reason');
    if (madeBy !== null) {
      steps.push({
        rule: 'redirect-by-extension',
        title: 'Redirect made inside the browser',
        result: 'info',
        detail: `${hop.status} Internal Redirect to ${hop.location} (Non-Authoritative-Reason: ${madeBy}): not CORS-checked`,
      });
      notes.push(
        `An extension redirected this request to ${hop.location} inside the browser (Non-Authoritative-Reason: ${madeBy}); the server never sent that redirect, and Chromium does not CORS-check it.`,
      );
    } else if (corsFlag) {
      const access = checkAccess(hop.headers, origin, credentialsIncluded, label, rules);
      steps.push(...access.steps);
      assumptions.push(...access.assumptions);
      if (access.failure)
        return run({ ...access.failure, where: 'redirect', status: hop.status, url: hop.url, origin });
    }
    const next = parseUrl(hop.location);
    if (!next) {
      steps.push({
        rule: 'redirect-location',
        title: 'Redirect Location is a valid URL',
        result: 'fail',
        detail: `Location ${quote(hop.location)} cannot be parsed`,
      });
      return run(null, `The redirect Location ${quote(hop.location)} is not a valid URL.`);
    }
    const decision = redirectHopDecision({
      hop,
      next,
      first: i === 0,
      redirectMode: ex.redirectMode,
      // webRequest saw the 3xx but no onBeforeRedirect: the redirect was refused, not followed.
      refusedWith: unfollowed === hop && ex.outcome.kind === 'failed' ? ex.outcome.error : null,
      outcome: ex.outcome,
      corsBlockError: rules.corsBlockError,
    });
    steps.push(...decision.steps);
    notes.push(...decision.notes);
    assumptions.push(...decision.assumptions);
    if (decision.kind === 'opaque-redirect') {
      opaqueRedirect = true;
      return run(null);
    }
    if (decision.kind === 'network-error') return run(null, decision.failure);
    if (decision.kind === 'cors-disabled')
      // Chromium follows it into the CORS layer, which reports no failedParameter (measured).
      return run({
        code: 'CorsDisabledScheme',
        failedParameter: '',
        header: 'Location',
        where: 'redirect',
        status: hop.status,
        url: hop.url,
        origin,
        location: hop.location,
      });
    // https://fetch.spec.whatwg.org/#http-redirect-fetch: user:password@ in the Location is a network
    // error for a CORS request unless it stays same-origin; Chromium also refuses it once the request
    // is cross-origin (cors.cc CheckRedirectLocation), and reports no failedParameter (e2e scenarios
    // rd-userinfo, rd-userinfo-same-origin).
    if (hasUserinfo(next) && (corsFlag || !sameOrigin(origin, next))) {
      steps.push({
        rule: 'redirect-userinfo',
        title: 'Redirect Location has no credentials',
        result: 'fail',
        detail: `Location ${quote(hop.location)} contains user:password@`,
      });
      return run({
        code: 'RedirectContainsCredentials',
        failedParameter: '',
        header: 'Location',
        where: 'redirect',
        status: hop.status,
        url: hop.url,
        origin,
        location: hop.location,
      });
    }
    // Redirect taint: https://fetch.spec.whatwg.org/#concept-request-tainted-origin
    const tainted = !sameOrigin(origin, hop.url) && !sameOrigin(originOfUrl(hop.url), next);
    if (tainted && origin !== 'null') {
      steps.push({
        rule: 'redirect-taint',
        title: 'Origin after redirect',
        result: 'info',
        detail: `${hop.url} → ${next.href} crosses origins after an earlier cross-origin hop, so the request's origin becomes 'null' (Origin: null) from here on`,
        spec: 'https://fetch.spec.whatwg.org/#concept-request-tainted-origin',
      });
      origin = 'null';
    } else {
      steps.push({
        rule: 'redirect-follow',
        title: `Follow redirect ${hop.status}`,
        result: 'pass',
        detail: `→ ${next.href}`,
      });
    }
  }
  if (unfollowed)
    return run(
      null,
      ex.redirectMode === 'error'
        ? `The page asked for redirect: 'error', so the ${unfollowed.status} redirect failed the fetch (${rules.corsBlockError}); CORS was not involved.`
        : `The browser did not follow a ${unfollowed.status} redirect that passes CORS: a fetch with redirect: 'error' fails this way (${rules.corsBlockError}), which is not a CORS block.`,
    );

  // Final response (https://fetch.spec.whatwg.org/#concept-cors-check).
  const response = ex.response ?? null;
  const lastUrl = hops.length ? hops[hops.length - 1]!.location : ex.request.url;
  // A redirect to another origin makes the request a CORS one even when its last hop got no response.
  corsFlag = corsFlag || !sameOrigin(origin, lastUrl);
  if (!response) {
    // rules.corsBlockError is how the browser ends a request it blocked for CORS (e.g. the actual
    // request after a failed preflight is never sent). With no response the checks just ran out of
    // data; evaluate() reconciles that with the browser's outcome. Any other error is a network failure.
    const err = ex.outcome.kind === 'failed' ? ex.outcome.error : null;
    if (err === null || err === rules.corsBlockError) return run(null);
    if (err === 'net::ERR_ABORTED' && hops.length > 0 && ex.redirectMode === undefined)
      assumptions.push(
        "If the page used fetch() with redirect: 'manual', JavaScript got an opaque-redirect response here (webRequest cannot tell that from a cancelled request; the page-side observer can).",
      );
    return run(null, `No response arrived: ${netErrorMeaning(err)}.`);
  }
  if (!corsFlag) {
    steps.push({
      rule: 'same-origin',
      title: 'Same-origin response',
      result: 'info',
      detail: `${lastUrl} is same-origin with ${origin}; no CORS check applies`,
    });
    return run(null, null, response);
  }
  // No 304 exception: a 304 that reaches the page (it sent its own If-None-Match) is CORS-checked
  // like any response (e2e scenario status-304-no-acao). Revalidations the HTTP cache answers with
  // 304 are merged into the stored response below the CORS layer and show up here as that response.
  const access = checkAccess(response.headers, origin, credentialsIncluded, 'response', rules);
  steps.push(...access.steps);
  assumptions.push(...access.assumptions);
  if (access.failure)
    return run({ ...access.failure, where: 'response', status: response.status, url: lastUrl, origin }, null, response);
  return run(null, null, response);
}

function originOfUrl(url: string): string {
  const u = parseUrl(url);
  return u ? u.origin : 'null';
}
