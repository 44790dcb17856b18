/**
 * The Explanation's first line for a record (src/cors/headline.ts): which response the reason is
 * about, its status and whether it carried any CORS header, read from what was captured.
 */
import { headline, type Headline, type HeadlineInput } from '../../../cors/headline.ts';
import type { Evaluation, Header } from '../../../cors/types.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { displayVerdict } from '../../../shared/exchange-summary.ts';
import { redirectHops } from './redirect-hops.ts';

export interface AnsweredResponse {
  status: number;
  headers: readonly Header[];
}

/** The response the reason is about, when one arrived. */
function reasonResponse(r: ExchangeRecord): AnsweredResponse | null {
  const where = r.evaluation.reason?.where;
  if (where === 'preflight')
    return r.preflight?.status != null ? { status: r.preflight.status, headers: r.preflight.responseHeaders } : null;
  if (where === 'redirect') return redirectHops(r).at(-1) ?? null;
  return r.response;
}

/** The headline of an evaluation, given the response its reason is about. */
export function headlineFrom(
  verdict: HeadlineInput['verdict'],
  e: Evaluation,
  response: AnsweredResponse | null,
): Headline {
  return headline({
    verdict,
    reason: e.reason,
    failure: e.failure,
    origin: e.effectiveOrigin,
    status: response?.status ?? null,
    corsHeaders: response?.headers.some((h) => h.name.toLowerCase().startsWith('access-control-allow-')) ?? false,
  });
}

export function headlineOf(r: ExchangeRecord): Headline {
  return headlineFrom(displayVerdict(r), r.evaluation, reasonResponse(r));
}
