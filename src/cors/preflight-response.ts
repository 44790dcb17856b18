/**
 * Checks a preflight response the way Chromium's PreflightController does: redirect → CORS check
 * (reported as the Preflight* variants) → ok status → parse ACAM/ACAH → method → headers.
 * Firefox checks the CORS headers before it refuses the redirect (browser-rules.ts).
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch
 */
import { checkAccess } from './access-check.ts';
import { combinedHeader, parseTokenList, quote } from './headers.ts';
import { isSafelistedMethod, normalizeMethod } from './methods.ts';
import type { BrowserRules } from './browser-rules.ts';
import { preflightVariant, type CorsErrorCode } from './reason-codes.ts';
import { isRedirect } from './redirects.ts';
import type { ObservedPreflight, TraceStep } from './types.ts';

export interface PreflightFailure {
  code: CorsErrorCode;
  failedParameter: string;
  header: string | null;
  /** The item of ACAM/ACAH that is not a token (Chromium names none; Firefox's message quotes it). */
  invalidToken?: string;
}

export interface PreflightCheck {
  failure: PreflightFailure | null;
  steps: TraceStep[];
  maxAgeSeconds: number | null;
  /** Where the browser's rule differs from the Fetch standard and that made a difference here. */
  notes: string[];
  /** What the verdict rests on that the observation could not show. */
  assumptions: string[];
}

const SPEC = 'https://fetch.spec.whatwg.org/#cors-preflight-fetch';

/**
 * @param requestHeaderNames the CORS-unsafe request-header names in the order the browser checks
 *   them (PreflightNeed.checkOrder).
 * @param headerOrderKnown false when that order is partly a guess (names known only from ACRH).
 */
export function checkPreflightResponse(
  preflight: ObservedPreflight,
  origin: string,
  method: string,
  requestHeaderNames: string[],
  credentialsIncluded: boolean,
  rules: BrowserRules,
  headerOrderKnown = true,
): PreflightCheck {
  const steps: TraceStep[] = [];
  const notes: string[] = [];
  const assumptions: string[] = [];
  const result = (failure: PreflightFailure | null, maxAgeSeconds: number | null = null): PreflightCheck => ({
    failure,
    steps,
    maxAgeSeconds,
    notes,
    assumptions,
  });
  const response = preflight.response!;

  // Only a redirect status with a Location is a redirect: a 300, 304, 305 or 306 — or a 302 without
  // Location — fails the ok-status check below (measured: PreflightInvalidStatus).
  const redirected = preflight.redirectedTo !== undefined || isRedirect(response.status, response.headers);
  const refuseRedirect = (): PreflightCheck => {
    steps.push({
      rule: 'preflight-no-redirect',
      title: 'Preflight is not redirected',
      result: 'fail',
      detail: `the preflight was answered with ${response.status} → ${preflight.redirectedTo ?? combinedHeader(response.headers, 'Location')}; preflights may not redirect`,
      spec: SPEC,
    });
    return result({ code: 'PreflightDisallowedRedirect', failedParameter: '', header: 'Location' });
  };
  if (redirected && rules.preflightRedirectFirst) return refuseRedirect();

  const access = checkAccess(response.headers, origin, credentialsIncluded, 'preflight response', rules);
  steps.push(...access.steps);
  assumptions.push(...access.assumptions);
  if (access.failure) {
    return result({
      code: preflightVariant(access.failure.code),
      failedParameter: access.failure.failedParameter,
      header: access.failure.header,
    });
  }
  if (redirected) return refuseRedirect();

  if (response.status < 200 || response.status > 299) {
    steps.push({
      rule: 'preflight-ok-status',
      title: 'Preflight status is 2xx',
      result: 'fail',
      detail: `preflight answered ${response.status}; it must be 200–299`,
      spec: SPEC,
    });
    return result({ code: 'PreflightInvalidStatus', failedParameter: '', header: null });
  }
  steps.push({
    rule: 'preflight-ok-status',
    title: 'Preflight status is 2xx',
    result: 'pass',
    detail: `status ${response.status}`,
  });

  const acamRaw = combinedHeader(response.headers, 'Access-Control-Allow-Methods');
  const acam = parseTokenList(acamRaw);
  if (!acam.ok) {
    steps.push({
      rule: 'acam-parse',
      title: 'Access-Control-Allow-Methods parses',
      result: 'fail',
      detail: `${quote(acam.bad)} is not a token`,
      spec: SPEC,
    });
    return result({
      code: 'InvalidAllowMethodsPreflightResponse',
      failedParameter: '',
      header: 'Access-Control-Allow-Methods',
      invalidToken: acam.bad,
    });
  }
  const acahRaw = combinedHeader(response.headers, 'Access-Control-Allow-Headers');
  const acah = parseTokenList(acahRaw);
  if (!acah.ok) {
    steps.push({
      rule: 'acah-parse',
      title: 'Access-Control-Allow-Headers parses',
      result: 'fail',
      detail: `${quote(acah.bad)} is not a token`,
      spec: SPEC,
    });
    return result({
      code: 'InvalidAllowHeadersPreflightResponse',
      failedParameter: '',
      header: 'Access-Control-Allow-Headers',
      invalidToken: acah.bad,
    });
  }
  const maxAgeSeconds = rules.preflightMaxAge(combinedHeader(response.headers, 'Access-Control-Max-Age'));

  const methodStep = methodAllowed(method, acam.items, credentialsIncluded);
  steps.push({
    rule: 'acam-method',
    title: `Method ${method} allowed by the preflight`,
    result: methodStep.ok ? 'pass' : 'fail',
    detail: methodStep.detail,
    spec: SPEC,
  });
  if (!methodStep.ok)
    return result(
      {
        code: 'MethodDisallowedByPreflightResponse',
        failedParameter: normalizeMethod(method),
        header: 'Access-Control-Allow-Methods',
      },
      maxAgeSeconds,
    );

  const allowed = new Set(acah.items.map((h) => h.toLowerCase()));
  const wildcard = !credentialsIncluded && allowed.has('*');
  const disallowed: string[] = [];
  for (const name of requestHeaderNames) {
    if (allowed.has(name)) {
      steps.push({
        rule: 'acah-header',
        title: `Header '${name}' allowed by the preflight`,
        result: 'pass',
        detail: `listed in ACAH ${quote(acahRaw ?? '')}`,
      });
    } else if (wildcard) {
      steps.push({
        rule: 'acah-header',
        title: `Header '${name}' allowed by the preflight`,
        result: 'pass',
        detail: `ACAH '*' covers '${name}' for a request without credentials`,
      });
      if (name === 'authorization') notes.push(AUTHORIZATION_UNDER_WILDCARD);
    } else {
      disallowed.push(name);
    }
  }
  const [first, ...others] = disallowed;
  if (first === undefined) return result(null, maxAgeSeconds);
  const why = allowed.has('*')
    ? `ACAH '*' is a literal header name when credentials are included; '${first}' is not listed`
    : `'${first}' is not in ACAH ${acahRaw === null ? '(header absent)' : quote(acahRaw)}`;
  steps.push({
    rule: 'acah-header',
    title: `Header '${first}' allowed by the preflight`,
    result: 'fail',
    detail: others.length ? `${why} (nor ${others.map((n) => `'${n}'`).join(', ')})` : why,
    spec: SPEC,
  });
  if (others.length && !headerOrderKnown) {
    assumptions.push(
      `Several request headers are not allowed (${disallowed.join(', ')}). Chromium reports the first in its own header order, which the request headers would show but were not observed; '${first}' is shown.`,
    );
  }
  return result(
    { code: 'HeaderDisallowedByPreflightResponse', failedParameter: first, header: 'Access-Control-Allow-Headers' },
    maxAgeSeconds,
  );
}

/**
 * Chromium 156 lets ACAH '*' cover Authorization (e2e scenario acah-star-authorization), and so
 * does Firefox, with a console warning; the Fetch standard does not.
 */
const AUTHORIZATION_UNDER_WILDCARD =
  "Access-Control-Allow-Headers '*' let 'authorization' through. The Fetch standard says '*' never covers Authorization and browsers are deprecating this leniency: list 'authorization' by name.";

/**
 * ACAM matching is case-sensitive in Chromium 156 as in the standard: `patch` is not allowed by
 * `PATCH` (e2e scenario patch-lower-acam-upper), `PUT` not by `put` (acam-lower-put).
 */
function methodAllowed(
  method: string,
  allowed: string[],
  credentialsIncluded: boolean,
): { ok: boolean; detail: string } {
  const normalized = normalizeMethod(method);
  const list = allowed.length ? `ACAM ${quote(allowed.join(', '))}` : 'no Access-Control-Allow-Methods';
  if (allowed.includes(normalized)) return { ok: true, detail: `${list} lists ${normalized}` };
  if (isSafelistedMethod(normalized))
    return { ok: true, detail: `${normalized} is CORS-safelisted; ACAM is not needed for it` };
  if (!credentialsIncluded && allowed.includes('*'))
    return { ok: true, detail: `ACAM '*' allows any method for a request without credentials` };
  const hint = allowed.includes('*')
    ? `; '*' is a literal method name when credentials are included`
    : allowed.some((m) => m.toUpperCase() === normalized.toUpperCase())
      ? `; method names are case-sensitive`
      : '';
  return { ok: false, detail: `${normalized} is not in ${list}${hint}` };
}
