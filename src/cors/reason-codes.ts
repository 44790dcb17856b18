/**
 * Chromium's CorsError names, exactly as the DevTools protocol spells them
 * (devtools-protocol pdl/domains/Network.pdl `type CorsError`). Never persist numbers: the mojom
 * numbering changed when Private Network Access was replaced by Local Network Access.
 */
export const CORS_ERROR_CODES = [
  'DisallowedByMode',
  'InvalidResponse',
  'WildcardOriginNotAllowed',
  'MissingAllowOriginHeader',
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'AllowOriginMismatch',
  'InvalidAllowCredentials',
  'CorsDisabledScheme',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials',
  'PreflightMissingAllowExternal',
  'PreflightInvalidAllowExternal',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'RedirectContainsCredentials',
  'InsecureLocalNetwork',
  'InvalidLocalNetworkAccess',
  'LocalNetworkAccessPermissionDenied',
  'NoCorsRedirectModeNotFollow',
] as const;

export type CorsErrorCode = (typeof CORS_ERROR_CODES)[number];

/** The six access-check failures, which exist in a plain and a `Preflight*` form. */
export type AccessCheckCode =
  | 'WildcardOriginNotAllowed'
  | 'MissingAllowOriginHeader'
  | 'MultipleAllowOriginValues'
  | 'InvalidAllowOriginValue'
  | 'AllowOriginMismatch'
  | 'InvalidAllowCredentials';

export function preflightVariant(code: AccessCheckCode): CorsErrorCode {
  return `Preflight${code}` as CorsErrorCode;
}

export function isCorsErrorCode(value: unknown): value is CorsErrorCode {
  return typeof value === 'string' && (CORS_ERROR_CODES as readonly string[]).includes(value);
}
