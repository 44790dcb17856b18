/**
 * The CORS check (https://fetch.spec.whatwg.org/#concept-cors-check) in Chromium's order
 * (services/network/public/cpp/cors/cors.cc CheckAccessInternal): ACAO present → `*` →
 * multiple values → "null" → valid URL → equal → credentials. Firefox tells several values from
 * one by counting header lines instead (browser-rules.ts, multipleAllowOrigin).
 */
import type { BrowserRules } from './browser-rules.ts';
import { combinedHeader, quote } from './headers.ts';
import { parseUrl } from './origin.ts';
import type { AccessCheckCode } from './reason-codes.ts';
import type { Header, TraceStep } from './types.ts';

export interface AccessFailure {
  code: AccessCheckCode;
  failedParameter: string;
  header: string;
}

export interface AccessResult {
  failure: AccessFailure | null;
  steps: TraceStep[];
  /** What the result rests on that the observation could not show. */
  assumptions: string[];
}

const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';

/**
 * @param credentialsIncluded true when the request's credentials mode is `include`.
 * @param label which response is checked ("response", "preflight response", "redirect 302").
 */
export function checkAccess(
  headers: readonly Header[],
  origin: string,
  credentialsIncluded: boolean,
  label: string,
  rules: Pick<BrowserRules, 'multipleAllowOrigin'>,
): AccessResult {
  const steps: TraceStep[] = [];
  const assumptions: string[] = [];
  const fail = (
    code: AccessCheckCode,
    failedParameter: string,
    header: string,
    rule: string,
    title: string,
    detail: string,
  ): AccessResult => {
    steps.push({ rule, title, result: 'fail', detail, spec: 'https://fetch.spec.whatwg.org/#concept-cors-check' });
    return { failure: { code, failedParameter, header }, steps, assumptions };
  };
  const acao = combinedHeader(headers, ACAO);
  if (acao === null) {
    return fail(
      'MissingAllowOriginHeader',
      '',
      ACAO,
      'acao-present',
      `${label}: Access-Control-Allow-Origin present`,
      `no Access-Control-Allow-Origin header on the ${label}`,
    );
  }
  steps.push({
    rule: 'acao-present',
    title: `${label}: Access-Control-Allow-Origin present`,
    result: 'pass',
    detail: `ACAO ${quote(acao)}`,
  });

  if (acao === '*') {
    if (credentialsIncluded) {
      return fail(
        'WildcardOriginNotAllowed',
        '',
        ACAO,
        'acao-wildcard-credentials',
        `${label}: '*' only allowed without credentials`,
        `ACAO '*' but the request's credentials mode is 'include'`,
      );
    }
    steps.push({
      rule: 'acao-match',
      title: `${label}: origin allowed`,
      result: 'pass',
      detail: `ACAO '*' allows any origin for a request without credentials`,
    });
    return { failure: null, steps, assumptions };
  }
  if (acao !== origin) {
    if (severalValues(headers, acao, rules, assumptions)) {
      return fail(
        'MultipleAllowOriginValues',
        acao,
        ACAO,
        'acao-single',
        `${label}: Access-Control-Allow-Origin holds one value`,
        `ACAO ${quote(acao)} holds several values; only one origin is allowed`,
      );
    }
    if (acao === 'null') {
      return fail(
        'AllowOriginMismatch',
        acao,
        ACAO,
        'acao-match',
        `${label}: Access-Control-Allow-Origin equals the origin`,
        `ACAO 'null' ≠ origin ${quote(origin)}`,
      );
    }
    const parsed = parseUrl(acao);
    if (!parsed) {
      return fail(
        'InvalidAllowOriginValue',
        acao,
        ACAO,
        'acao-valid',
        `${label}: Access-Control-Allow-Origin is a valid origin`,
        `ACAO ${quote(acao)} is not a valid origin or '*'`,
      );
    }
    return fail(
      'AllowOriginMismatch',
      acao,
      ACAO,
      'acao-match',
      `${label}: Access-Control-Allow-Origin equals the origin`,
      `ACAO ${quote(acao)} ≠ origin ${quote(origin)}${mismatchHint(acao, origin)}`,
    );
  }
  steps.push({
    rule: 'acao-match',
    title: `${label}: origin allowed`,
    result: 'pass',
    detail: `ACAO ${quote(acao)} equals the origin byte for byte`,
  });

  if (!credentialsIncluded) return { failure: null, steps, assumptions };
  const acac = combinedHeader(headers, ACAC);
  if (acac !== 'true') {
    const shown = acac === null ? 'absent' : quote(acac);
    return fail(
      'InvalidAllowCredentials',
      acac ?? '',
      ACAC,
      'acac-true',
      `${label}: Access-Control-Allow-Credentials is 'true'`,
      `credentials mode 'include' needs ACAC exactly 'true' (case-sensitive); it is ${shown}`,
    );
  }
  steps.push({
    rule: 'acac-true',
    title: `${label}: Access-Control-Allow-Credentials is 'true'`,
    result: 'pass',
    detail: `ACAC 'true'`,
  });
  return { failure: null, steps, assumptions };
}

/** Names the byte-level difference between an ACAO value and the origin. */
export function mismatchHint(acao: string, origin: string): string {
  if (acao === `${origin}/`) return ': trailing slash';
  if (acao.toLowerCase() === origin.toLowerCase())
    return ': differs only in letter case (the comparison is case-sensitive)';
  const a = parseUrl(acao);
  const o = parseUrl(origin);
  if (a && o) {
    if (a.origin === o.origin) return ': the value carries a path or a default port; send the bare origin';
    if (a.hostname === o.hostname && a.protocol === o.protocol)
      return `: different port (${a.port || 'default'} vs ${o.port || 'default'})`;
    if (a.host === o.host) return `: different scheme (${a.protocol} vs ${o.protocol})`;
  }
  return '';
}

/**
 * Whether the browser sees several ACAO values. Chromium: a space or a comma in the value.
 * Firefox: more than one header line, which its webRequest shows merged with ', ': a value with
 * ', ' is taken for two lines, and the assumption says what one such line would get instead.
 */
function severalValues(
  headers: readonly Header[],
  acao: string,
  rules: Pick<BrowserRules, 'multipleAllowOrigin'>,
  assumptions: string[],
): boolean {
  if (rules.multipleAllowOrigin === 'by-value') return /[ ,]/.test(acao);
  if (headers.filter((h) => h.name.toLowerCase() === 'access-control-allow-origin').length > 1) return true;
  if (!acao.includes(', ')) return false;
  assumptions.push(
    `Firefox shows repeated header lines to extensions merged with ', ', so ACAO ${quote(acao)} may be two lines or one. Two lines are what Firefox reports as "Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed" (shown); one such line it reports as "CORS header ‘Access-Control-Allow-Origin’ does not match ‘${acao}’".`,
  );
  return true;
}
