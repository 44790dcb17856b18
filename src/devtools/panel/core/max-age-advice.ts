/**
 * What the preflight's Access-Control-Max-Age means in practice and what to send instead. Chromium
 * uses 5 s when the header is absent or not an integer and caps it at 2 hours; Firefox caps it at
 * 24 hours (src/cors/browser-rules.ts). The recommendation is the fix snippets' secure default.
 */
import { CHROMIUM, FIREFOX } from '../../../cors/browser-rules.ts';
import { combinedHeader } from '../../../cors/headers.ts';
import type { Header } from '../../../cors/types.ts';
import { MAX_AGE_SECONDS } from '../../../cors/snippets.ts';

export interface MaxAgeAdvice {
  /** The header as sent, or null. */
  sent: string | null;
  chromiumSeconds: number;
  firefoxSeconds: number;
  advice: string;
}

export function maxAgeAdvice(preflightResponseHeaders: readonly Header[], method: string): MaxAgeAdvice {
  const sent = combinedHeader(preflightResponseHeaders, 'Access-Control-Max-Age');
  const chromiumSeconds = CHROMIUM.preflightMaxAge(sent);
  const firefoxSeconds = FIREFOX.preflightMaxAge(sent);
  const recommend = `Send \`Access-Control-Max-Age: ${MAX_AGE_SECONDS}\` so one preflight covers ${MAX_AGE_SECONDS / 60} minutes of ${method} requests to this URL.`;
  let advice: string;
  if (sent === null)
    advice = `No Access-Control-Max-Age: Chromium keeps this preflight for only ${chromiumSeconds} s, so almost every ${method} pays for another one. ${recommend}`;
  else if (!/^\s*-?\d+\s*$/.test(sent))
    advice = `'${sent}' is not a whole number of seconds, so browsers ignore it and keep the preflight for ${chromiumSeconds} s. ${recommend}`;
  else if (chromiumSeconds === 0)
    advice = `Max-Age ${sent}: the preflight is never cached, so every ${method} costs two round trips. ${recommend}`;
  else if (Number(sent) > CHROMIUM.maxAgeCapSeconds)
    advice = `Chromium caps Max-Age at ${CHROMIUM.maxAgeCapSeconds} s and Firefox at ${FIREFOX.maxAgeCapSeconds} s, so ${sent} is cut to ${chromiumSeconds} s (Chromium) and ${firefoxSeconds} s (Firefox). A long cache also keeps a permission you withdraw alive for that long.`;
  else if (chromiumSeconds < 60) advice = `Cached for ${chromiumSeconds} s only. ${recommend}`;
  else advice = `Cached for ${chromiumSeconds} s in Chromium and ${firefoxSeconds} s in Firefox.`;
  return { sent, chromiumSeconds, firefoxSeconds, advice };
}
