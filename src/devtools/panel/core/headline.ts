/**
 * The Explanation's first line for a record (src/cors/headline.ts): which response the reason is
 * about, its status and whether it carried any CORS header, read from what was captured.
 */
import { headline, type Headline } from '../../../cors/headline.ts';
import type { Header } from '../../../cors/types.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { displayVerdict } from '../../../shared/exchange-summary.ts';
import { redirectHops } from './redirect-hops.ts';

/** The response the reason is about, when one arrived. */
function reasonResponse(r: ExchangeRecord): { status: number; headers: readonly Header[] } | null {
  const where = r.evaluation.reason?.where;
  if (where === 'preflight')
    return r.preflight?.status != null ? { status: r.preflight.status, headers: r.preflight.responseHeaders } : null;
  if (where === 'redirect') return redirectHops(r).at(-1) ?? null;
  return r.response;
}

export function headlineOf(r: ExchangeRecord): Headline {
  const response = reasonResponse(r);
  return headline({
    verdict: displayVerdict(r),
    reason: r.evaluation.reason,
    failure: r.evaluation.failure,
    origin: r.evaluation.effectiveOrigin,
    status: response?.status ?? null,
    corsHeaders: response?.headers.some((h) => h.name.toLowerCase().startsWith('access-control-allow-')) ?? false,
  });
}
