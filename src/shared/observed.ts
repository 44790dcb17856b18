/**
 * Rebuilds the engine's input (src/cors ObservedExchange) from an exchange record: on every update
 * in the worker, in the Node API's report, in offline HAR analysis and in the panel.
 */
import { evaluate } from '../cors/index.ts';
import type { ObservedExchange } from '../cors/types.ts';
import type { CapturedRecord, ExchangeRecord } from './exchange.ts';
import { pageHints } from './page-facts-reconcile.ts';

export function toObserved(
  r: Pick<
    ExchangeRecord,
    | 'initiator'
    | 'method'
    | 'url'
    | 'requestHeaders'
    | 'preflight'
    | 'redirects'
    | 'response'
    | 'browserOutcome'
    | 'browserError'
    | 'preflightCached'
    | 'interruptions'
    | 'pageFacts'
  >,
): ObservedExchange {
  const { requestHeaders, ...hints } = r.pageFacts ? pageHints(r, r.pageFacts) : {};
  return {
    ...hints,
    initiator: r.initiator === '' ? undefined : r.initiator,
    request: { method: r.method, url: r.url, headers: requestHeaders ?? r.requestHeaders },
    preflight: r.preflight
      ? {
          request: { method: r.preflight.method, url: r.preflight.url, headers: r.preflight.requestHeaders },
          response:
            r.preflight.status === null
              ? null
              : {
                  status: r.preflight.status,
                  statusLine: r.preflight.statusLine ?? undefined,
                  headers: r.preflight.responseHeaders,
                },
          outcome:
            r.preflight.outcome === 'failed'
              ? { kind: 'failed', error: r.preflight.error ?? 'net::ERR_FAILED' }
              : r.preflight.outcome === 'completed'
                ? { kind: 'completed' }
                : { kind: 'unknown' },
          ...(r.preflight.redirectedTo ? { redirectedTo: r.preflight.redirectedTo } : {}),
        }
      : null,
    redirects: r.redirects,
    response: r.response
      ? { status: r.response.status, statusLine: r.response.statusLine ?? undefined, headers: r.response.headers }
      : null,
    outcome:
      r.browserOutcome === 'failed'
        ? { kind: 'failed', error: r.browserError ?? 'net::ERR_FAILED' }
        : r.browserOutcome === 'completed'
          ? { kind: 'completed' }
          : { kind: 'unknown' },
    preflightCached: r.preflightCached,
    ...(r.interruptions?.length ? { eventsMissing: true } : {}),
  };
}

/** A captured record with the engine's evaluation: what every reader shows. */
export function evaluateRecord(c: CapturedRecord): ExchangeRecord {
  return { ...c, evaluation: evaluate(toObserved(c)) };
}
