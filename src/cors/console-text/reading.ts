/** A Reading with the defaults filled in, so each browser's reader states only what its message says. */
import { checkAccess } from '../access-check.ts';
import { CHROMIUM } from '../browser-rules.ts';
import { preflightVariant, type AccessCheckCode, type CorsErrorCode } from '../reason-codes.ts';
import type { ConsoleBrowser, CustomText, Reading } from './types.ts';

export function reading(
  browser: ConsoleBrowser,
  kind: Reading['kind'],
  text: string,
  said: Partial<Omit<Reading, 'browser' | 'kind' | 'text'>>,
): Reading {
  return {
    browser,
    kind,
    text,
    verdict: 'blocked',
    codes: [],
    url: null,
    redirectedFrom: null,
    origin: null,
    requestKind: null,
    method: null,
    status: null,
    failedParameter: null,
    header: null,
    where: null,
    unknowns: [],
    custom: null,
    preflightSeen: false,
    ...said,
  };
}

/** An HTTP status as a number, or null for "(null)", "0" and anything else that is not one. */
export function statusOf(text: string | undefined): number | null {
  if (text === undefined || !/^\d{3}$/.test(text)) return null;
  const n = Number(text);
  return n >= 100 && n <= 599 ? n : null;
}

/**
 * The codes of one Fetch CORS-check failure: the plain form, the `Preflight*` form, or both when
 * the message does not say which response failed (Firefox and Safari print the same words).
 */
export function accessCodes(code: AccessCheckCode, preflight: boolean | null): CorsErrorCode[] {
  if (preflight === null) return [code, preflightVariant(code)];
  return [preflight ? preflightVariant(code) : code];
}

/**
 * What Chromium would call an Access-Control-Allow-Origin value another browser refused: the
 * engine's own CORS check decides (several values, not an origin, or another origin).
 */
export function refusedAllowOrigin(value: string, origin: string | null): AccessCheckCode {
  // Without the page's origin, compare with a string no header value can equal: the value was refused.
  const failure = checkAccess(
    [{ name: 'Access-Control-Allow-Origin', value }],
    origin ?? '\u0000',
    false,
    'response',
    CHROMIUM,
  ).failure;
  return failure?.code ?? 'AllowOriginMismatch';
}

/** What the page's JavaScript saw; browsers keep the reason from scripts on purpose (whatwg/fetch#1123). */
export function scriptError(browser: string, words: string): CustomText {
  return {
    title: 'The page saw a failed request; the reason is not in the pasted text',
    because: `"${words}" is what ${browser} gives the page's JavaScript for every CORS or network failure; the reason is a separate console message`,
    fix: `paste ${browser}'s own console message for this request (it is logged next to the error)`,
  };
}
