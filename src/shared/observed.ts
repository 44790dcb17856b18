/**
 * Rebuilds the engine's input (src/cors ObservedExchange) from an exchange record: on every update
 * in the worker, in the Node API's report, in offline HAR analysis and in the panel.
 */
import { evaluate } from '../cors/index.ts';
import type { Evaluation, ObservedExchange } from '../cors/types.ts';
import { CAPTURE_SOURCE_NAMES, type CapturedRecord, type ExchangeRecord } from './exchange.ts';
import { hintsFromChromium } from './chromium-hints.ts';
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
    | 'browser'
    | 'gaps'
    | 'initiatorSource'
    | 'inferredMode'
  > &
    Partial<Pick<ExchangeRecord, 'source' | 'chromium'>>,
): ObservedExchange {
  const { requestHeaders, outcome: pageOutcome, ...hints } = r.pageFacts ? pageHints(r, r.pageFacts) : {};
  return {
    ...hints,
    // Without the page's report, a renderer refusal's own verdict is the only word on the call.
    ...(r.pageFacts ? {} : hintsFromChromium(r.chromium)),
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
          : pageOutcome
            ? pageOutcome
            : { kind: 'unknown' },
    preflightCached: r.preflightCached,
    ...(r.source ? { observer: CAPTURE_SOURCE_NAMES[r.source] } : {}),
    ...(r.browser ? { browser: r.browser } : {}),
    ...(r.initiatorSource ? { initiatorSource: r.initiatorSource } : {}),
    ...(r.inferredMode && !hints.mode ? { mode: r.inferredMode.mode, modeSource: r.inferredMode.why } : {}),
    // Events from while the extension's worker was down may be missing: a preflight not seen is then
    // no evidence of the preflight cache.
    ...(r.gaps || r.interruptions?.length
      ? {
          gaps: {
            ...(r.interruptions?.length
              ? { preflight: "its events from while the extension's worker was stopped may be missing" }
              : {}),
            ...r.gaps,
          },
        }
      : {}),
  };
}

/** A captured record with the engine's evaluation: what every reader shows. */
export function evaluateRecord(c: CapturedRecord): ExchangeRecord {
  const evaluation = evaluate(toObserved(c));
  if (!c.pageFacts || c.pageFacts.seen === 'page-only') return { ...c, evaluation };
  return { ...c, evaluation: withinNetworkEvidence(c, evaluation) };
}

/** Verdicts the network's own evidence settles; a page's report may refine the others (an unseen end, a failure's cause). */
const NETWORK_SETTLED = new Set(['allowed', 'blocked', 'opaque']);

/**
 * Whether the network's evidence alone settles the verdict. Firefox ends the requests it blocks in
 * onCompleted too, so there its outcome proves no read: a verdict that rests on an assumption (the
 * credentials mode webRequest cannot see) is settled only by what the page reports.
 */
function settledByNetwork(c: CapturedRecord, network: Evaluation): boolean {
  if (!NETWORK_SETTLED.has(network.verdict)) return false;
  return c.browser !== 'firefox' || network.confidence === 'certain';
}

/**
 * A page's report is a hint: any page can dispatch the observer's events with made-up facts about
 * its own calls. It may add what the network could not see, never turn what the network's evidence
 * settled into another verdict — then the network's verdict stands and the disagreement is stated.
 */
function withinNetworkEvidence(c: CapturedRecord, withPage: Evaluation): Evaluation {
  const network = evaluate(toObserved({ ...c, pageFacts: undefined }));
  if (withPage.verdict === network.verdict || !settledByNetwork(c, network)) {
    if (c.browserOutcome === 'pending' && c.pageFacts?.outcome && withPage.verdict !== network.verdict)
      withPage.assumptions.push(
        "The end of this request was seen by the page only (its network events were not): the verdict rests on the page's report.",
      );
    return withPage;
  }
  // The page's version is kept as text: an honest page and a forged report cannot be told apart
  // here (e.g. its credentials mode against an inferred one), so the user gets both readings.
  const pageReading = withPage.failure ?? withPage.reason?.explanation ?? null;
  network.assumptions.push(
    `The page's report about this call would make it '${withPage.verdict}'${pageReading ? ` (${pageReading})` : ''}; the network's evidence says '${network.verdict}', and the network's evidence wins (a page can report anything about its own calls).`,
  );
  return network;
}
