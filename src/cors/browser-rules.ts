/**
 * Where browsers differ from the Fetch standard and from each other. The engine follows the
 * browser it explains and says when another one would decide differently. Every Chromium entry
 * is checked against the real browser by the end-to-end matrix (test/e2e).
 */
import type { BrowserProfile } from './types.ts';

export interface BrowserRules {
  profile: BrowserProfile;
  /**
   * Request headers this browser treats as CORS-safelisted beyond the Fetch standard's five, with
   * the value test each must pass. Chromium safelists client hints a page may set itself
   * (services/network/public/cpp/cors/cors.cc IsCorsSafelistedHeader; e2e scenarios
   * sl-client-hint-*, sl-intervention: `DPR: 2`, `Save-Data: on`, `Intervention: x` are sent
   * without a preflight).
   */
  extraSafelistedRequestHeaders: Readonly<Record<string, (value: string) => boolean>>;
  /** Whether a CORS block ends the request in an error event (Chromium) or in onCompleted (Firefox). */
  blocksEndInError: boolean;
  /** The preflight cache lifetime in seconds for an Access-Control-Max-Age value. */
  preflightMaxAge(value: string | null): number;
  maxAgeCapSeconds: number;
}

/** `1*DIGIT [ "." 1*DIGIT ]` (cors.cc IsSimilarToDoubleABNF). */
const decimal = (value: string) => /^\d+(\.\d+)?$/.test(value);
/** `1*DIGIT` (cors.cc IsSimilarToIntABNF). */
const integer = (value: string) => /^\d+$/.test(value);

const CHROMIUM_CLIENT_HINTS: Record<string, (value: string) => boolean> = {
  'device-memory': decimal,
  dpr: decimal,
  downlink: decimal,
  width: integer,
  'viewport-width': integer,
  rtt: integer,
  ect: (value) => ['slow-2g', '2g', '3g', '4g'].includes(value),
  'save-data': (value) => value.toLowerCase() === 'on',
  // Any value (e2e scenario sl-intervention).
  intervention: () => true,
};

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
  extraSafelistedRequestHeaders: CHROMIUM_CLIENT_HINTS,
  blocksEndInError: true,
  preflightMaxAge: maxAge(7200),
  maxAgeCapSeconds: 7200,
};

export const FIREFOX: BrowserRules = {
  profile: 'firefox',
  extraSafelistedRequestHeaders: {},
  blocksEndInError: false,
  preflightMaxAge: maxAge(86400),
  maxAgeCapSeconds: 86400,
};

export function rulesFor(profile: BrowserProfile | undefined): BrowserRules {
  return profile === 'firefox' ? FIREFOX : CHROMIUM;
}
