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
  /**
   * Whether a CORS block ends the request in an error event (Chromium) or in onCompleted with its
   * real status (Firefox ESR 153, measured: ../shared/notes/firefox-facts.md §3). Where it does
   * not, a completed request is no evidence of a read.
   */
  blocksEndInError: boolean;
  /**
   * The error a request the browser refused for CORS ends with: Chromium's net::ERR_FAILED, and
   * Firefox's NS_ERROR_DOM_BAD_URI (a failed preflight and its request both end so, measured).
   */
  corsBlockError: string;
  /**
   * Which of several disallowed request headers the browser names: the first in its own check
   * order. Chromium checks in its header-list order (preflight-need.ts); Firefox in the sorted
   * order it sends in Access-Control-Request-Headers (measured: scenarios acah-two-missing*).
   */
  checksHeadersSorted: boolean;
  /**
   * Whether a redirected preflight is refused before its CORS headers are checked (Chromium) or
   * after (Firefox: a 302 without ACAO reports the missing ACAO, measured: pf-redirect-no-acao).
   */
  preflightRedirectFirst: boolean;
  /**
   * How the browser sees several Access-Control-Allow-Origin values. Chromium reads the value: a
   * space or comma in it is "multiple values" (cors.cc). Firefox counts header lines
   * (nsCORSListenerProxy, VisitOriginalResponseHeaders): one line 'a, b' does not match, two
   * lines are "Multiple". Its webRequest shows two lines merged into one 'a, b' value, so from
   * webRequest a value with ', ' may be either.
   */
  multipleAllowOrigin: 'by-value' | 'by-lines';
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
  corsBlockError: 'net::ERR_FAILED',
  checksHeadersSorted: false,
  preflightRedirectFirst: true,
  multipleAllowOrigin: 'by-value',
  preflightMaxAge: maxAge(7200),
  maxAgeCapSeconds: 7200,
};

export const FIREFOX: BrowserRules = {
  profile: 'firefox',
  extraSafelistedRequestHeaders: {},
  blocksEndInError: false,
  corsBlockError: 'NS_ERROR_DOM_BAD_URI',
  checksHeadersSorted: true,
  preflightRedirectFirst: false,
  multipleAllowOrigin: 'by-lines',
  preflightMaxAge: maxAge(86400),
  maxAgeCapSeconds: 86400,
};

export function rulesFor(profile: BrowserProfile | undefined): BrowserRules {
  return profile === 'firefox' ? FIREFOX : CHROMIUM;
}
