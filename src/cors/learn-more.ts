/**
 * Where to read more about each reason, as DevTools' Issues link each CORS issue to a page: MDN's
 * CORS error pages (one per Firefox "Reason:", the closest match for each Chromium code), the
 * Fetch standard where MDN has no page, and Chrome's posts for Chromium's network-access checks.
 */
import type { CorsErrorCode } from './reason-codes.ts';

const MDN = (page: string) => `https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/${page}`;
const LOCAL_NETWORK = 'https://developer.chrome.com/blog/local-network-access';
const PRIVATE_NETWORK = 'https://developer.chrome.com/blog/private-network-access-preflight';

export const LEARN_MORE = {
  MissingAllowOriginHeader: MDN('CORSMissingAllowOrigin'),
  PreflightMissingAllowOriginHeader: MDN('CORSMissingAllowOrigin'),
  MultipleAllowOriginValues: MDN('CORSMultipleAllowOriginNotAllowed'),
  PreflightMultipleAllowOriginValues: MDN('CORSMultipleAllowOriginNotAllowed'),
  InvalidAllowOriginValue: MDN('CORSAllowOriginNotMatchingOrigin'),
  PreflightInvalidAllowOriginValue: MDN('CORSAllowOriginNotMatchingOrigin'),
  AllowOriginMismatch: MDN('CORSAllowOriginNotMatchingOrigin'),
  PreflightAllowOriginMismatch: MDN('CORSAllowOriginNotMatchingOrigin'),
  WildcardOriginNotAllowed: MDN('CORSNotSupportingCredentials'),
  PreflightWildcardOriginNotAllowed: MDN('CORSNotSupportingCredentials'),
  InvalidAllowCredentials: MDN('CORSMissingAllowCredentials'),
  PreflightInvalidAllowCredentials: MDN('CORSMissingAllowCredentials'),
  PreflightInvalidStatus: MDN('CORSPreflightDidNotSucceed'),
  PreflightDisallowedRedirect: MDN('CORSPreflightDidNotSucceed'),
  InvalidResponse: MDN('CORSDidNotSucceed'),
  MethodDisallowedByPreflightResponse: MDN('CORSMethodNotFound'),
  HeaderDisallowedByPreflightResponse: MDN('CORSMissingAllowHeaderFromPreflight'),
  InvalidAllowMethodsPreflightResponse: MDN('CORSInvalidAllowMethod'),
  InvalidAllowHeadersPreflightResponse: MDN('CORSInvalidAllowHeader'),
  RedirectContainsCredentials: 'https://fetch.spec.whatwg.org/#http-redirect-fetch',
  CorsDisabledScheme: MDN('CORSRequestNotHttp'),
  DisallowedByMode: 'https://developer.mozilla.org/en-US/docs/Web/API/Request/mode',
  NoCorsRedirectModeNotFollow: 'https://developer.mozilla.org/en-US/docs/Web/API/RequestInit#redirect',
  PreflightMissingAllowExternal: PRIVATE_NETWORK,
  PreflightInvalidAllowExternal: PRIVATE_NETWORK,
  InsecureLocalNetwork: LOCAL_NETWORK,
  InvalidLocalNetworkAccess: LOCAL_NETWORK,
  LocalNetworkAccessPermissionDenied: LOCAL_NETWORK,
} as const satisfies Record<CorsErrorCode, string>;
