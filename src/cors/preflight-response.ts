/**
 * Checks a preflight response the way Chromium's PreflightController does: redirect → CORS check
 * (reported as the Preflight* variants) → ok status → parse ACAM/ACAH → method → headers.
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch
 */
import { checkAccess } from './access-check.ts';
import { combinedHeader, parseTokenList, quote } from './headers.ts';
import { isSafelistedMethod, normalizeMethod } from './methods.ts';
import type { BrowserRules } from './browser-rules.ts';
import { preflightVariant, type CorsErrorCode } from './reason-codes.ts';
import type { ObservedPreflight, TraceStep } from './types.ts';

export interface PreflightFailure {
  code: CorsErrorCode;
  failedParameter: string;
  header: string | null;
}

export interface PreflightCheck {
  failure: PreflightFailure | null;
  steps: TraceStep[];
  maxAgeSeconds: number | null;
}

const SPEC = 'https://fetch.spec.whatwg.org/#cors-preflight-fetch';

export function checkPreflightResponse(
  preflight: ObservedPreflight,
  origin: string,
  method: string,
  requestHeaderNames: string[],
  credentialsIncluded: boolean,
  rules: BrowserRules,
): PreflightCheck {
  const steps: TraceStep[] = [];
  const result = (failure: PreflightFailure | null, maxAgeSeconds: number | null = null): PreflightCheck => ({ failure, steps, maxAgeSeconds });
  const response = preflight.response!;

  if (preflight.redirectedTo !== undefined || (response.status >= 300 && response.status < 400 && combinedHeader(response.headers, 'Location') !== null)) {
    steps.push({ rule: 'preflight-no-redirect', title: 'Preflight is not redirected', result: 'fail', detail: `the preflight was answered with ${response.status} → ${preflight.redirectedTo ?? combinedHeader(response.headers, 'Location')}; preflights may not redirect`, spec: SPEC });
    return result({ code: 'PreflightDisallowedRedirect', failedParameter: '', header: 'Location' });
  }

  const access = checkAccess(response.headers, origin, credentialsIncluded, 'preflight response');
  steps.push(...access.steps);
  if (access.failure) {
    return result({ code: preflightVariant(access.failure.code), failedParameter: access.failure.failedParameter, header: access.failure.header });
  }

  if (response.status < 200 || response.status > 299) {
    steps.push({ rule: 'preflight-ok-status', title: 'Preflight status is 2xx', result: 'fail', detail: `preflight answered ${response.status}; it must be 200–299`, spec: SPEC });
    return result({ code: 'PreflightInvalidStatus', failedParameter: '', header: null });
  }
  steps.push({ rule: 'preflight-ok-status', title: 'Preflight status is 2xx', result: 'pass', detail: `status ${response.status}` });

  const acamRaw = combinedHeader(response.headers, 'Access-Control-Allow-Methods');
  const acam = parseTokenList(acamRaw);
  if (!acam.ok) {
    steps.push({ rule: 'acam-parse', title: 'Access-Control-Allow-Methods parses', result: 'fail', detail: `${quote(acam.bad)} is not a token`, spec: SPEC });
    return result({ code: 'InvalidAllowMethodsPreflightResponse', failedParameter: '', header: 'Access-Control-Allow-Methods' });
  }
  const acahRaw = combinedHeader(response.headers, 'Access-Control-Allow-Headers');
  const acah = parseTokenList(acahRaw);
  if (!acah.ok) {
    steps.push({ rule: 'acah-parse', title: 'Access-Control-Allow-Headers parses', result: 'fail', detail: `${quote(acah.bad)} is not a token`, spec: SPEC });
    return result({ code: 'InvalidAllowHeadersPreflightResponse', failedParameter: '', header: 'Access-Control-Allow-Headers' });
  }
  const maxAgeSeconds = rules.preflightMaxAge(combinedHeader(response.headers, 'Access-Control-Max-Age'));

  const methodStep = methodAllowed(method, acam.items, credentialsIncluded, rules);
  steps.push({ rule: 'acam-method', title: `Method ${method} allowed by the preflight`, result: methodStep.ok ? 'pass' : 'fail', detail: methodStep.detail, spec: SPEC });
  if (!methodStep.ok) return result({ code: 'MethodDisallowedByPreflightResponse', failedParameter: method, header: 'Access-Control-Allow-Methods' }, maxAgeSeconds);

  const allowed = new Set(acah.items.map((h) => h.toLowerCase()));
  const wildcard = !credentialsIncluded && allowed.has('*');
  for (const name of requestHeaderNames) {
    if (allowed.has(name)) {
      steps.push({ rule: 'acah-header', title: `Header '${name}' allowed by the preflight`, result: 'pass', detail: `listed in ACAH ${quote(acahRaw ?? '')}` });
      continue;
    }
    if (wildcard && (name !== 'authorization' || rules.wildcardCoversAuthorization)) {
      steps.push({ rule: 'acah-header', title: `Header '${name}' allowed by the preflight`, result: 'pass', detail: `ACAH '*' covers '${name}' for a request without credentials` });
      continue;
    }
    const why = wildcard
      ? `ACAH '*' never covers 'authorization'; it must be listed by name`
      : allowed.has('*')
        ? `ACAH '*' is a literal header name when credentials are included; '${name}' is not listed`
        : `'${name}' is not in ACAH ${acahRaw === null ? '(header absent)' : quote(acahRaw)}`;
    steps.push({ rule: 'acah-header', title: `Header '${name}' allowed by the preflight`, result: 'fail', detail: why, spec: SPEC });
    return result({ code: 'HeaderDisallowedByPreflightResponse', failedParameter: name, header: 'Access-Control-Allow-Headers' }, maxAgeSeconds);
  }
  return result(null, maxAgeSeconds);
}

function methodAllowed(method: string, allowed: string[], credentialsIncluded: boolean, rules: BrowserRules): { ok: boolean; detail: string } {
  const normalized = normalizeMethod(method);
  const list = allowed.length ? `ACAM ${quote(allowed.join(', '))}` : 'no Access-Control-Allow-Methods';
  if (allowed.includes(normalized)) return { ok: true, detail: `${list} lists ${normalized}` };
  if (isSafelistedMethod(normalized)) return { ok: true, detail: `${normalized} is CORS-safelisted; ACAM is not needed for it` };
  if (rules.acamUppercaseLeniency && allowed.includes(method.toUpperCase())) {
    return { ok: true, detail: `${list} lists ${method.toUpperCase()}; Chromium also accepts the upper-cased '${method}' (the Fetch standard would not)` };
  }
  if (!credentialsIncluded && allowed.includes('*')) return { ok: true, detail: `ACAM '*' allows any method for a request without credentials` };
  const hint = allowed.includes('*')
    ? `; '*' is a literal method name when credentials are included`
    : allowed.some((m) => m.toUpperCase() === normalized.toUpperCase())
      ? `; method names are case-sensitive`
      : '';
  return { ok: false, detail: `${normalized} is not in ${list}${hint}` };
}
