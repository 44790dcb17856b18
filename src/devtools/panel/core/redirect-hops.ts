/**
 * Every redirect of an exchange, including the one the browser refused to follow: a blocked
 * redirect ends the request at the 3xx, which webRequest reports as the final response with no
 * onBeforeRedirect (platform-facts §3, case h2), while the engine judges it as a redirect hop.
 */
import { unfollowedRedirect } from '../../../cors/checks.ts';
import type { RedirectHop } from '../../../cors/types.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { toObserved } from '../../../shared/observed.ts';

export interface Hop extends RedirectHop {
  /** False for the redirect the browser did not follow. */
  followed: boolean;
}

export function redirectHops(r: ExchangeRecord): Hop[] {
  const hops: Hop[] = r.redirects.map((h) => ({ ...h, followed: true }));
  const refused = r.response ? unfollowedRedirect(toObserved(r)) : null;
  if (refused) hops.push({ ...refused, followed: false });
  return hops;
}
