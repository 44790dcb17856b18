/**
 * Where browsers differ from the Fetch standard and from each other. The engine follows the
 * browser it explains and says when another one would decide differently. Every Chromium entry
 * is checked against the real browser by the end-to-end matrix (test/e2e).
 */
import type { BrowserProfile } from './types.ts';

export interface BrowserRules {
  profile: BrowserProfile;
  /**
   * Chromium accepts a method when ACAM lists its upper-cased form (`patch` vs `PATCH`), unless the
   * `acam_preflight_spec_conformant` feature is on (services/network/cors/preflight_result.cc,
   * crbug.com/1228178). The standard and Firefox compare case-sensitively.
   */
  acamUppercaseLeniency: boolean;
  /** Whether `Access-Control-Allow-Headers: *` covers `Authorization` (Firefox: a deprecation warning only). */
  wildcardCoversAuthorization: boolean;
  /** Whether a CORS block ends the request in an error event (Chromium) or in onCompleted (Firefox). */
  blocksEndInError: boolean;
  /** The preflight cache lifetime in seconds for an Access-Control-Max-Age value. */
  preflightMaxAge(value: string | null): number;
  maxAgeCapSeconds: number;
}

function maxAge(cap: number) {
  return (value: string | null): number => {
    if (value === null) return 5;
    const trimmed = value.trim();
    if (!/^-?\d+$/.test(trimmed)) return 5;
    return Math.min(Math.max(Number(trimmed), 0), cap);
  };
}

export const CHROMIUM: BrowserRules = {
  profile: 'chromium',
  acamUppercaseLeniency: true,
  wildcardCoversAuthorization: false,
  blocksEndInError: true,
  preflightMaxAge: maxAge(7200),
  maxAgeCapSeconds: 7200,
};

export const FIREFOX: BrowserRules = {
  profile: 'firefox',
  acamUppercaseLeniency: false,
  wildcardCoversAuthorization: true,
  blocksEndInError: false,
  preflightMaxAge: maxAge(86400),
  maxAgeCapSeconds: 86400,
};

export function rulesFor(profile: BrowserProfile | undefined): BrowserRules {
  return profile === 'firefox' ? FIREFOX : CHROMIUM;
}
