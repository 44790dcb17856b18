/**
 * The oracle: what Chromium decided for one call, in a shape the engine's Evaluation projects onto,
 * so a test compares them with one `toEqual` (and the extension's record can be compared the same way).
 */
import type { Evaluation, ObservedExchange, Verdict } from '../../../src/cors/types.ts';
import type { ScenarioRun } from './scenario-runner.ts';
import type { ChromiumResult, PageCall, Scenario } from './scenario-types.ts';

/** How the preflight question was settled: one was sent, a cached one applied, none was needed — or
 *  (engine only) one was needed but neither sent nor explained by the cache. */
export type PreflightFate = 'sent' | 'cached' | 'none' | 'missing';

/** A verdict both sides can be reduced to. */
export interface Decision {
  verdict: Verdict;
  corsError?: string;
  failedParameter?: string;
  preflight: PreflightFate;
  /** Sorted, lower-cased response header names JavaScript can read (when a response reached it). */
  readable?: string[];
}

/** Whether call `i` was preflighted, served from the preflight cache (an earlier identical call was preflighted), or neither. */
function chromiumPreflight(run: ScenarioRun, i: number): PreflightFate {
  if (run.cdp[i]!.preflights.length > 0) return 'sent';
  const first = run.cdp[i]!.request.hops[0]!;
  const earlier = run.cdp
    .slice(0, i)
    .some(
      (x) =>
        x.preflights.length > 0 && x.request.hops[0]!.url === first.url && x.request.hops[0]!.method === first.method,
    );
  return earlier ? 'cached' : 'none';
}

/** What Chromium did for call `i`: corsErrorStatus on loadingFailed is the verdict; the page's JS shows the rest. */
export function chromiumDecision(run: ScenarioRun, i: number): Decision {
  const x = run.cdp[i]!;
  const js = run.js[i]!;
  const preflight = chromiumPreflight(run, i);
  const cors = x.request.failed?.corsErrorStatus;
  if (cors) return { verdict: 'blocked', corsError: cors.corsError, failedParameter: cors.failedParameter, preflight };
  if (x.request.failed || !js.ok) return { verdict: 'failed', preflight };
  const readable = js.headers ?? [];
  if (js.type === 'opaque') return { verdict: 'opaque', preflight, readable };
  const crossOrigin =
    run.frameOrigin === 'null' || x.request.hops.some((h) => new URL(h.url).origin !== run.frameOrigin);
  const verdict = js.type === 'cors' || (js.type === 'xhr' && crossOrigin) ? 'allowed' : 'not-cors';
  return { verdict, preflight, readable };
}

/** Same-origin requests without an Origin header are not CORS exchanges: the worker does not record them. */
export function plainSameOrigin(run: ScenarioRun, i: number): boolean {
  const sentOrigin = run.observed[i]!.request.headers.some((h) => h.name.toLowerCase() === 'origin');
  return chromiumDecision(run, i).verdict === 'not-cors' && !sentOrigin;
}

function enginePreflight(e: Evaluation): PreflightFate {
  if (e.preflight.seen) return 'sent';
  if (!e.preflight.needed) return 'none';
  return e.preflight.cached ? 'cached' : 'missing';
}

/**
 * The engine's Evaluation reduced to a Decision. Exposure is added when `withReadable` (JS got a
 * response) and the engine claims it as certain: when it says exposure rests on an assumption
 * (credentials mode unknown with ACEH '*'), it is not held to it.
 */
export function engineDecision(e: Evaluation, withReadable: boolean): Decision {
  const preflight = enginePreflight(e);
  if (e.verdict === 'blocked')
    return { verdict: 'blocked', corsError: e.reason?.code, failedParameter: e.reason?.failedParameter, preflight };
  if (e.verdict === 'failed') return { verdict: 'failed', preflight };
  return withReadable && e.confidence === 'certain'
    ? { verdict: e.verdict, preflight, readable: [...e.exposure.readable].sort() }
    : { verdict: e.verdict, preflight };
}

/** A Decision without `readable`, for comparing with an engine result that does not claim exposure. */
export function withoutReadable(d: Decision): Decision {
  const { readable: _readable, ...rest } = d;
  return rest;
}

/** The facts only a page-side observer knows (webRequest cannot see them). */
export function pageHints(
  call: PageCall,
): Pick<ObservedExchange, 'credentials' | 'mode' | 'forcedPreflight' | 'redirectMode'> {
  return {
    credentials: call.credentials ?? 'same-origin',
    mode: call.mode ?? 'cors',
    forcedPreflight: call.api === 'xhr' && call.uploadListener === true && call.body !== undefined,
    redirectMode: call.redirect ?? 'follow',
  };
}

/** The verdict part of a Decision (what the scenario table records). */
export function verdictOf(
  d: Pick<Decision, 'verdict' | 'corsError' | 'failedParameter'>,
): Pick<Decision, 'verdict' | 'corsError' | 'failedParameter'> {
  return d.verdict === 'blocked'
    ? { verdict: d.verdict, corsError: d.corsError, failedParameter: d.failedParameter }
    : { verdict: d.verdict };
}

/** The table's record of Chromium's result for call `i`. */
export function recordedResult(scenario: Scenario, i: number): ChromiumResult {
  const r = Array.isArray(scenario.chromium) ? scenario.chromium[i] : scenario.chromium;
  if (!r) throw new Error(`scenario ${scenario.id} records no result for call ${i + 1}`);
  return r;
}

/** The scenario table's record of Chromium's result, expanded. */
export function recordedVerdict(
  result: ChromiumResult,
  expand: (template: string) => string,
): ReturnType<typeof verdictOf> {
  if (result.verdict === 'blocked')
    return { verdict: 'blocked', corsError: result.corsError, failedParameter: expand(result.failedParameter ?? '') };
  return { verdict: result.verdict };
}
