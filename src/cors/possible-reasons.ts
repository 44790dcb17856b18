/**
 * When the browser blocked a read but the recording lacks the headers that decided it (a HAR that
 * keeps no preflights, or no response for a failed request), the reason cannot be named. What can
 * be said is which of Chromium's CorsErrors remain possible for this request: those of the stages
 * whose evidence is missing, narrowed by what the request itself shows (its method and headers
 * decide whether the preflight could fail on methods or headers; a request known to go without
 * credentials cannot fail on them).
 */
import type { AccessCheckCode, CorsErrorCode } from './reason-codes.ts';
import { preflightVariant } from './reason-codes.ts';
import type { PossibleReason } from './types.ts';

export interface MissingEvidence {
  /** The preflight was needed and is not recorded. */
  preflight: boolean;
  /** The response (and any redirect before it) is not recorded. */
  response: boolean;
  /** The method, when it is not CORS-safelisted (the preflight could refuse it). */
  unsafeMethod: string | null;
  /** CORS-unsafe request header names (the preflight could refuse each). */
  unsafeHeaders: readonly string[];
  /** False when the request is known to go without credentials. */
  credentialsPossible: boolean;
}

const ORIGIN_CHECKS: readonly AccessCheckCode[] = [
  'MissingAllowOriginHeader',
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'AllowOriginMismatch',
];
const CREDENTIAL_CHECKS: readonly AccessCheckCode[] = ['WildcardOriginNotAllowed', 'InvalidAllowCredentials'];

export function possibleReasons(m: MissingEvidence): PossibleReason[] {
  const out: PossibleReason[] = [];
  const add = (code: CorsErrorCode, where: PossibleReason['where'], failedParameter = '') =>
    out.push({ code, failedParameter, where });
  const access = [...ORIGIN_CHECKS, ...(m.credentialsPossible ? CREDENTIAL_CHECKS : [])];
  if (m.preflight) {
    add('PreflightInvalidStatus', 'preflight');
    add('PreflightDisallowedRedirect', 'preflight');
    for (const code of access) add(preflightVariant(code), 'preflight');
    if (m.unsafeMethod !== null) {
      add('InvalidAllowMethodsPreflightResponse', 'preflight');
      add('MethodDisallowedByPreflightResponse', 'preflight', m.unsafeMethod);
    }
    if (m.unsafeHeaders.length > 0) {
      add('InvalidAllowHeadersPreflightResponse', 'preflight');
      for (const name of m.unsafeHeaders) add('HeaderDisallowedByPreflightResponse', 'preflight', name);
    }
  }
  if (m.response) {
    for (const code of access) add(code, 'response');
    add('RedirectContainsCredentials', 'redirect');
  }
  return out;
}

/** "PreflightInvalidStatus, MethodDisallowedByPreflightResponse (PUT), …" */
export function listPossibleReasons(reasons: readonly PossibleReason[]): string {
  return reasons.map((r) => (r.failedParameter ? `${r.code} (${r.failedParameter})` : r.code)).join(', ');
}
