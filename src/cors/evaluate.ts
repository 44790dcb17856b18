/**
 * evaluate(observed) → verdict, reason, trace, preflight analysis, exposure, fix.
 * Follows the browser it explains (see browser-rules.ts) and reconciles the header-level checks
 * with what the browser actually did: the browser is the judge, the headers are the explanation.
 */
import { rulesFor, type BrowserRules } from './browser-rules.ts';
import { runChecks, type CheckRun, type CheckFailure } from './checks.ts';
import { explain } from './explanations.ts';
import { computeExposure } from './exposure.ts';
import { exchangeFindings } from './findings/index.ts';
import { buildFix } from './fix.ts';
import type { StackEvidenceResponse } from './stack-detection.ts';
import { parseUrl, sameOrigin } from './origin.ts';
import { listPossibleReasons, possibleReasons } from './possible-reasons.ts';
import { LOCAL_NETWORK_ACCESS_ERROR, netErrorMeaning } from './net-errors.ts';
import { orbNote } from './orb.ts';
import { analysePreflightNeed, type PreflightNeed } from './preflight-need.ts';
import type { CorsErrorCode } from './reason-codes.ts';
import { noCorsForeignRedirect } from './redirects.ts';
import { rendererDecision } from './renderer-decision.ts';
import { resolveContext, type RequestContext } from './request-context.ts';
import { sanitizeExchange } from './sanitize.ts';
import type {
  Confidence,
  Evaluation,
  ObservedExchange,
  ObservedResponse,
  PossibleReason,
  PreflightAnalysis,
  Reason,
  TraceStep,
  Verdict,
} from './types.ts';

/** Evaluates one exchange. Never throws: malformed input yields a verdict with a clear reason. */
export function evaluate(input: ObservedExchange | unknown): Evaluation {
  const ex = sanitizeExchange(input);
  const result = evaluateWith(ex, rulesFor(ex.browser));
  if ((ex.browser ?? 'chromium') === 'chromium') result.browserNotes.push(...compareWithFirefox(ex, result));
  return result;
}

interface Decided {
  verdict: Verdict;
  /** Blocked with no code: the reasons the recording leaves possible. */
  possible?: PossibleReason[];
  run: CheckRun | null;
  code: (Omit<CheckFailure, 'code' | 'where'> & { code: CorsErrorCode; where: Reason['where'] }) | null;
  failure: string | null;
  credentialsIncluded: boolean;
  confidence: Confidence;
  assumptions: string[];
  notes: string[];
}

/** `verdictOnly`: skip the fix and the findings (the Firefox comparison needs the verdict, reason and trace). */
export function evaluateWith(ex: ObservedExchange, rules: BrowserRules, verdictOnly = false): Evaluation {
  const ctx = resolveContext(ex);
  const steps: TraceStep[] = [
    {
      rule: 'origin',
      title: 'Request origin',
      result: 'info',
      detail: `${ctx.origin ?? 'unknown'} (${ctx.originSource})`,
    },
    { rule: 'mode', title: 'Request mode', result: 'info', detail: `${ctx.mode} (${ctx.modeSource})` },
    {
      rule: 'credentials',
      title: 'Credentials mode',
      result: 'info',
      detail: `${ctx.credentialsMode} (${ctx.credentialsSource})`,
    },
  ];
  const need = analysePreflightNeed(
    ex.request.method,
    ex.request.headers,
    ex.forcedPreflight === true,
    ex.preflight?.request,
    rules,
  );
  const decided = unfinishedUnlessBlocked(decide(ex, ctx, need, rules, steps), ex, steps);
  return finish(ex, ctx, need, decided, steps, rules, verdictOnly);
}

function decide(
  ex: ObservedExchange,
  ctx: RequestContext,
  need: PreflightNeed,
  rules: BrowserRules,
  steps: TraceStep[],
): Decided {
  const base = {
    run: null,
    code: null,
    failure: null,
    credentialsIncluded: ctx.credentialsIncluded === true,
    confidence: 'certain' as Confidence,
    assumptions: [] as string[],
    notes: [] as string[],
  };
  const url = parseUrl(ex.request.url);
  const origin = ctx.origin;
  /** Blocked by the browser for a reason no response header carries (the request as made, a permission). */
  const blockedBy = (code: CorsErrorCode, step: TraceStep, failedParameter = ''): Decided => {
    steps.push(step);
    return {
      ...base,
      verdict: 'blocked',
      code: {
        code,
        failedParameter,
        header: null,
        where: 'request',
        status: null,
        url: ex.request.url,
        origin: origin ?? 'null',
      },
    };
  };
  const blockedBefore = (code: CorsErrorCode, detail: string, failedParameter = ''): Decided =>
    blockedBy(code, { rule: 'renderer', title: 'Request allowed to start', result: 'fail', detail }, failedParameter);
  if (!url) {
    steps.push({
      rule: 'url',
      title: 'URL parses',
      result: 'fail',
      detail: `'${ex.request.url.slice(0, 200)}' is not a valid URL`,
    });
    return { ...base, verdict: 'failed', failure: 'The request URL could not be parsed.' };
  }
  if (origin === null) {
    steps.push({
      rule: 'initiator',
      title: 'Initiator known',
      result: 'info',
      detail: 'no initiator: the browser itself (or the user) started this request, so CORS does not apply',
    });
    return { ...base, verdict: 'not-cors' };
  }
  if (ctx.mode === 'navigate' || ctx.mode === 'websocket') {
    steps.push({
      rule: 'mode-not-cors',
      title: 'CORS applies',
      result: 'info',
      detail: `${ctx.mode} requests are not subject to the CORS read check`,
    });
    return { ...base, verdict: 'not-cors' };
  }
  if (ex.cspViolation) {
    const directive = ex.cspViolation.directive;
    steps.push({
      rule: 'csp',
      title: "Allowed by the page's Content-Security-Policy",
      result: 'fail',
      detail: `the page's ${directive} directive does not list ${url.origin === 'null' ? url.href : url.origin}`,
    });
    return {
      ...base,
      verdict: 'failed',
      failure: `The page's Content-Security-Policy (${directive}) refused this request before it was sent; CORS was never involved and no server header on ${url.host || url.href} can change it. Add ${url.origin === 'null' ? `the ${url.protocol} scheme` : url.origin} to ${directive} in the page's policy.`,
    };
  }
  const renderer = rendererDecision({ url, origin, api: ex.api, mode: ctx.mode, redirectMode: ex.redirectMode });
  if (renderer?.kind === 'blocked') return blockedBefore(renderer.code, renderer.detail, renderer.failedParameter);
  if (renderer?.kind === 'failed') {
    steps.push({ rule: 'renderer', title: 'Request allowed to start', result: 'fail', detail: renderer.detail });
    return { ...base, verdict: 'failed', failure: renderer.failure };
  }
  if (renderer?.kind === 'local') {
    const failed = ex.outcome.kind === 'failed' ? ex.outcome.error : null;
    steps.push({ rule: 'scheme', title: 'Scheme', result: failed ? 'fail' : 'info', detail: renderer.detail });
    return failed
      ? {
          ...base,
          verdict: 'failed',
          failure: `The ${url.protocol} URL could not be read (${failed}); CORS was not involved.`,
        }
      : { ...base, verdict: 'not-cors' };
  }
  const crossOrigin = !sameOrigin(origin, url);
  const lnaError = [ex.outcome, ex.preflight?.outcome].some(
    (o) => o?.kind === 'failed' && o.error === LOCAL_NETWORK_ACCESS_ERROR,
  );
  // Chromium reports this as a CORS error (CDP corsErrorStatus), in mode 'no-cors' too.
  if (lnaError)
    return blockedBy('LocalNetworkAccessPermissionDenied', {
      rule: 'local-network-access',
      title: 'Local Network Access allowed',
      result: 'fail',
      detail: `${LOCAL_NETWORK_ACCESS_ERROR}: the user has not allowed this site to reach ${url.host}`,
    });
  if (ctx.mode === 'no-cors') {
    const leftOrigin = crossOrigin || (ex.redirects ?? []).some((h) => !sameOrigin(origin, h.location));
    const foreign = noCorsForeignRedirect((ex.redirects ?? []).map((h) => h.location));
    if (ex.outcome.kind === 'failed' || foreign) {
      const why =
        foreign ??
        `The no-cors request failed: ${netErrorMeaning(ex.outcome.kind === 'failed' ? ex.outcome.error : 'net::ERR_FAILED')}; CORS was not involved.`;
      steps.push({ rule: 'no-cors', title: 'no-cors request', result: 'fail', detail: why });
      return { ...base, verdict: 'failed', failure: why };
    }
    steps.push({
      rule: 'no-cors',
      title: 'no-cors request',
      result: 'info',
      detail: leftOrigin
        ? 'a cross-origin no-cors response is opaque: JavaScript gets status 0, no headers and no body'
        : 'same-origin no-cors request',
    });
    const orb = leftOrigin && ex.response ? orbNote(ex.response.headers) : null;
    return { ...base, verdict: leftOrigin ? 'opaque' : 'not-cors', notes: orb ? [orb] : [] };
  }

  const runWith = (credentialsIncluded: boolean) =>
    runChecks({
      ex,
      origin,
      credentialsIncluded,
      preflightNeeded: need.needed,
      requestHeaderNames: need.checkOrder,
      headerOrderKnown: need.orderKnown,
      rules,
    });
  const known = ctx.credentialsIncluded;
  const omit = runWith(known ?? false);
  const include = known === null ? runWith(true) : null;
  const failed = ex.outcome.kind === 'failed' ? ex.outcome.error : null;
  const isCorsFailure = failed === rules.corsBlockError;

  const fromRun = (
    run: CheckRun,
    credentialsIncluded: boolean,
    confidence: Confidence,
    assumptions: string[] = [],
  ): Decided => {
    steps.push(...run.steps);
    // The checks' own assumptions (which of several disallowed headers Chromium names first) make a
    // reason a guess even when the credentials mode is known (page-side facts).
    const decidedConfidence = run.assumptions.length > 0 && confidence === 'certain' ? 'inferred' : confidence;
    const common = {
      ...base,
      run,
      credentialsIncluded,
      confidence: decidedConfidence,
      assumptions: [...assumptions, ...run.assumptions],
      notes: [...run.notes],
    };
    if (run.failure) return { ...common, verdict: 'blocked', code: run.failure };
    if (run.networkFailure) return { ...common, verdict: 'failed', failure: run.networkFailure };
    if (run.opaqueRedirect) return { ...common, verdict: 'opaque' };
    return { ...common, verdict: run.corsFlag ? 'allowed' : 'not-cors' };
  };

  // Passing checks prove nothing when the recording lacks the headers that decide (HAR gaps).
  const evidenceMissing = unrecordedStages(ex, need).length > 0;
  const decided = ((): Decided => {
    // Credentials unknown and the two assumptions disagree: let the browser's outcome decide.
    if (include && !sameFailure(omit, include)) {
      const omitPasses = !omit.failure && !omit.networkFailure;
      if (rules.blocksEndInError && isCorsFailure && omitPasses && include.failure && !evidenceMissing) {
        return fromRun(include, true, 'inferred', [
          `Credentials mode inferred as 'include': without credentials these headers pass, yet the browser blocked the read (the credentials mode is ${ctx.credentialsSource}).`,
        ]);
      }
      if (rules.blocksEndInError && ex.outcome.kind === 'completed' && omitPasses) {
        return fromRun(omit, false, 'certain', [
          `Credentials were not included: with credentials these headers would have failed (${include.failure?.code ?? 'a network error'}), and the browser completed the request.`,
        ]);
      }
      const other = include.failure
        ? `with credentials included it would fail with ${include.failure.code}`
        : 'with credentials included it would pass';
      return fromRun(omit, false, 'inferred', [
        `Credentials mode unknown (${ctx.credentialsSource}): assumed 'omit', the fetch default; ${other}.`,
      ]);
    }
    if (known === null && !omit.failure && !omit.networkFailure && exposureDependsOnCredentials(omit.finalResponse)) {
      return fromRun(omit, false, 'inferred', [
        `Credentials mode unknown (${ctx.credentialsSource}): Access-Control-Expose-Headers '*' exposes every header only to a request without credentials; assumed 'omit', the fetch default.`,
      ]);
    }
    return fromRun(omit, known ?? false, 'certain');
  })();
  return reconcileWithOutcome(decided, ex, ctx, need, steps, rules);
}

/**
 * The stages whose deciding headers the recording lacks: the response when it was not recorded,
 * the preflight when preflights are not recorded and one was needed, or may have been (a request
 * with a body can have one forced by an XHR upload listener or a streamed body, unseen in headers).
 */
function unrecordedStages(ex: ObservedExchange, need: PreflightNeed): ('preflight' | 'response')[] {
  const gaps = ex.gaps ?? {};
  const stages: ('preflight' | 'response')[] = [];
  const bodyless = /^(GET|HEAD)$/i.test(ex.request.method);
  if (!ex.preflight && gaps.preflight && (need.needed || !bodyless)) stages.push('preflight');
  if (!ex.response && gaps.response) stages.push('response');
  return stages;
}

/**
 * The browser's CORS failure with a recording that lacks the headers to explain it: the verdict is
 * the browser's (blocked) and the reason is stated as unknown, with the candidates that remain.
 */
function blockedUnrecorded(
  decided: Decided,
  ex: ObservedExchange,
  ctx: RequestContext,
  need: PreflightNeed,
  steps: TraceStep[],
  rules: BrowserRules,
): Decided | null {
  const gaps = ex.gaps ?? {};
  const missing = unrecordedStages(ex, need);
  if (missing.length === 0) return null;
  const responseMissing = missing.includes('response');
  const preflightMissing = missing.includes('preflight');
  const unsafeMethod = need.because.find((c) => c.kind === 'method')?.subject ?? null;
  const possible = possibleReasons({
    preflight: preflightMissing,
    response: responseMissing,
    unsafeMethod,
    unsafeHeaders: need.checkOrder,
    credentialsPossible: ctx.credentialsMode === 'unknown' || ctx.credentialsMode === 'include',
  });
  const gapText = [preflightMissing ? gaps.preflight : null, responseMissing ? gaps.response : null].filter(
    (g): g is string => !!g,
  );
  const forced =
    preflightMissing && !need.needed
      ? '; a preflight the request does not show may have been forced by an XHR upload listener or a streamed body'
      : '';
  const browser = rules.profile === 'firefox' ? 'Firefox' : 'Chromium';
  const why = `The browser blocked the read: it ended the request with ${rules.corsBlockError}, ${browser}'s CORS failure. The recording cannot say why (${gapText.join('; ')}${forced}): the reason is one of ${listPossibleReasons(possible)}.${
    responseMissing
      ? ` A fetch with redirect: 'error' that met a redirect ends with the same ${rules.corsBlockError}; that would not be a CORS block.`
      : ''
  }`;
  steps.push({ rule: 'outcome', title: 'Browser outcome', result: 'fail', detail: why });
  return {
    ...decided,
    verdict: 'blocked',
    code: null,
    possible,
    confidence: 'inferred',
    assumptions: [...decided.assumptions, why],
  };
}

/**
 * A request whose end was not seen is no evidence of a read, so it is never "allowed": it is
 * `unfinished`, saying what was seen. A failed check is final, though — the browser refuses the
 * read when the failing headers arrive, whatever came after.
 */
function unfinishedUnlessBlocked(decided: Decided, ex: ObservedExchange, steps: TraceStep[]): Decided {
  if (ex.outcome.kind !== 'unknown' || (decided.verdict !== 'allowed' && decided.verdict !== 'opaque')) return decided;
  // The end was recorded, only not the browser's verdict (a Firefox HAR): the headers decide.
  if (ex.gaps?.outcome) return decided;
  const seen = ex.response
    ? `The response headers (status ${ex.response.status}) were seen and pass the CORS checks so far, but not the end of the request.`
    : ex.preflight && !ex.preflight.response
      ? 'The preflight was sent but no answer to it was seen.'
      : 'No response was seen.';
  const why = `The request had not finished when it was last seen. ${seen}`;
  steps.push({ rule: 'outcome', title: 'Browser outcome', result: 'info', detail: why, decisive: true });
  return { ...decided, verdict: 'unfinished', failure: why };
}

/**
 * The browser is the judge: where the headers and the browser's outcome disagree, the outcome wins
 * and the trace says why. A request that failed was not read, in any browser; a completed one was
 * read only where a block ends in an error (Chromium: Firefox completes the requests it blocks).
 */
function reconcileWithOutcome(
  decided: Decided,
  ex: ObservedExchange,
  ctx: RequestContext,
  need: PreflightNeed,
  steps: TraceStep[],
  rules: BrowserRules,
): Decided {
  const failed = ex.outcome.kind === 'failed' ? ex.outcome.error : null;
  if (decided.verdict === 'allowed' && failed) {
    const isCorsFailure = failed === rules.corsBlockError;
    const unrecorded = isCorsFailure ? blockedUnrecorded(decided, ex, ctx, need, steps, rules) : null;
    if (unrecorded) return unrecorded;
    const why = isCorsFailure
      ? `The browser failed the request with ${failed} although every CORS check passes on the headers the server sent; something outside CORS stopped it — most often another extension rewriting the response headers after webRequest saw them (declarativeNetRequest modifyHeaders), else opaque-response blocking or the page navigating away.`
      : `The request failed: ${netErrorMeaning(failed)}.`;
    steps.push({ rule: 'outcome', title: 'Browser outcome', result: 'fail', detail: why });
    return { ...decided, verdict: 'failed', failure: why, confidence: isCorsFailure ? 'unknown' : 'certain' };
  }
  if (decided.verdict === 'blocked' && ex.outcome.kind === 'completed' && rules.blocksEndInError) {
    const note = `The headers the server sent fail ${decided.code!.code}, yet the browser completed the request and let the page read it; the browser's verdict is shown. Another extension probably added CORS headers after webRequest saw the response (declarativeNetRequest modifyHeaders, a CORS unblocker); without it the page would be blocked. If no such extension is installed, please report this disagreement.`;
    steps.push({ rule: 'outcome', title: 'Browser outcome', result: 'info', detail: note });
    return { ...decided, verdict: 'allowed', code: null, confidence: 'inferred', notes: [...decided.notes, note] };
  }
  return decided;
}

/** ACEH '*' means "all" only without credentials, so what JavaScript can read depends on the unknown mode. */
function exposureDependsOnCredentials(response: ObservedResponse | null): boolean {
  if (!response) return false;
  const readable = (credentials: boolean) => computeExposure(response.headers, 'cors', credentials).readable.join(',');
  return readable(false) !== readable(true);
}

function sameFailure(a: CheckRun, b: CheckRun): boolean {
  if (a.failure && b.failure)
    return a.failure.code === b.failure.code && a.failure.failedParameter === b.failure.failedParameter;
  return !a.failure && !b.failure && a.networkFailure === b.networkFailure;
}

function finish(
  ex: ObservedExchange,
  ctx: RequestContext,
  need: PreflightNeed,
  d: Decided,
  steps: TraceStep[],
  rules: BrowserRules,
  verdictOnly: boolean,
): Evaluation {
  const origin = ctx.origin ?? 'null';
  const run = d.run;
  const responseHeaders = run?.finalResponse?.headers ?? ex.response?.headers ?? [];
  const kind = d.verdict === 'opaque' ? 'opaque' : d.verdict === 'allowed' ? 'cors' : 'basic';
  const exposure =
    d.verdict === 'blocked' || d.verdict === 'failed'
      ? {
          readable: [],
          hidden: [...new Set(responseHeaders.map((h) => h.name.toLowerCase()))].map((name) => ({
            name,
            why: 'the response was not readable at all',
          })),
        }
      : computeExposure(responseHeaders, kind, d.credentialsIncluded);

  const crossOrigin = ctx.origin !== null && !sameOrigin(ctx.origin, ex.request.url);
  const preflightApplies = need.needed && crossOrigin && (ctx.mode === 'cors' || ctx.mode === 'unknown');
  const preflight: PreflightAnalysis = {
    needed: preflightApplies,
    because: preflightApplies ? need.because : [],
    requestHeaders: preflightApplies ? need.requestHeaders : '',
    seen: !!ex.preflight,
    cached: run?.preflightCached ?? false,
    maxAgeSeconds: run?.maxAgeSeconds ?? null,
    summary: preflightSummary(
      preflightApplies,
      need,
      !!ex.preflight,
      run?.preflightCached ?? false,
      run?.maxAgeSeconds ?? null,
      rules,
      ctx.observer,
      ex.gaps?.preflight,
    ),
  };

  let reason: Reason | null = null;
  let fix = null;
  if (d.code) {
    const text = explain(d.code.code, {
      origin: d.code.origin,
      url: d.code.url,
      method: ex.request.method,
      failedParameter: d.code.failedParameter,
      status: d.code.status,
      location: d.code.location ?? null,
      invalidToken: d.code.invalidToken ?? null,
    });
    reason = {
      code: d.code.code,
      failedParameter: d.code.failedParameter,
      header: d.code.header,
      where: d.code.where,
      ...text,
      confidence: d.confidence,
      assumptions: d.assumptions,
    };
    fix = verdictOnly
      ? null
      : buildFix({
          code: d.code.code,
          origin: d.code.origin,
          pageOrigin: origin,
          url: d.code.url,
          method: ex.request.method,
          requestHeaders: preflight.requestHeaders ? preflight.requestHeaders.split(',') : [],
          credentials: d.credentialsIncluded,
          preflightNeeded: preflightApplies,
          hiddenHeaders: [],
          where: d.code.where,
          status: d.code.status,
          responses: evidenceResponses(ex),
        });
  }
  markDecisive(steps, d.verdict);
  if (d.verdict === 'allowed')
    steps.push({
      rule: 'verdict',
      title: 'JavaScript may read the response',
      result: 'pass',
      detail: `${exposure.readable.length} response header(s) readable, ${exposure.hidden.length} hidden`,
      decisive: true,
    });
  return {
    verdict: d.verdict,
    reason,
    failure: d.failure,
    ...(d.possible ? { possibleReasons: d.possible } : {}),
    trace: steps,
    preflight,
    exposure,
    fix,
    confidence: d.confidence,
    assumptions: d.assumptions,
    browserNotes: d.notes,
    effectiveOrigin: run?.effectiveOrigin ?? ctx.origin,
    credentials: {
      mode:
        d.confidence === 'inferred' && d.credentialsIncluded && ctx.credentialsMode === 'unknown'
          ? 'include'
          : ctx.credentialsMode,
      source: ctx.credentialsSource,
    },
    mode: { mode: ctx.mode, source: ctx.modeSource },
    findings: verdictOnly
      ? []
      : exchangeFindings(ex, {
          origin: ctx.origin,
          effectiveOrigin: run?.effectiveOrigin ?? ctx.origin,
          credentialsIncluded: d.credentialsIncluded,
          preflightNeeded: preflightApplies,
        }),
  };
}

function markDecisive(steps: TraceStep[], verdict: Verdict): void {
  if (verdict === 'allowed') return;
  for (let i = steps.length - 1; i >= 0; i--) {
    if (steps[i]!.result === 'fail') {
      steps[i]!.decisive = true;
      return;
    }
  }
  const last = steps[steps.length - 1];
  if (last) last.decisive = true;
}

function preflightSummary(
  needed: boolean,
  need: PreflightNeed,
  seen: boolean,
  cached: boolean,
  maxAge: number | null,
  rules: BrowserRules,
  observer: string,
  unrecorded?: string,
): string {
  if (!needed)
    return seen
      ? `A preflight was sent although the visible request is simple (a header ${observer} did not show, such as Authorization under webRequest, or an upload listener forced it).`
      : 'No preflight: a simple request (safelisted method and headers).';
  const why = need.because.map((c) => c.detail).join('; ');
  if (cached) return `A preflight was needed (${why}) but came from the preflight cache.`;
  if (!seen && unrecorded) return `A preflight was needed (${why}), but ${unrecorded}.`;
  if (!seen) return `A preflight was needed (${why}) but none was observed.`;
  const cache =
    maxAge === null
      ? ''
      : maxAge === 0
        ? ' It will not be cached (Max-Age 0).'
        : ` ${rules.profile === 'chromium' ? 'Chromium' : 'Firefox'} caches it for ${maxAge} s.`;
  return `Preflight sent because ${why}.${cache}`;
}

function compareWithFirefox(ex: ObservedExchange, chromium: Evaluation): string[] {
  const credentials = chromium.credentials.mode === 'unknown' ? undefined : chromium.credentials.mode;
  const ff = evaluateWith(
    { ...ex, credentials: ex.credentials ?? credentials, outcome: { kind: 'headers-only' }, browser: 'firefox' },
    rulesFor('firefox'),
    true,
  );
  const notes: string[] = [];
  if (ff.preflight.needed && !chromium.preflight.needed) {
    const only = ff.preflight.because.filter(
      (c) => !chromium.preflight.because.some((k) => k.kind === c.kind && k.subject === c.subject),
    );
    notes.push(
      `Firefox would send a preflight for this request (${only.map((c) => c.detail).join('; ')}); Chromium safelists it.`,
    );
  }
  if (ff.verdict === chromium.verdict && ff.reason?.code === chromium.reason?.code) return notes;
  if (chromium.verdict === 'failed' || ff.verdict === 'failed') return notes;
  const what = ff.reason ? `block it (${ff.reason.firefoxReason ?? ff.reason.code})` : `allow the read`;
  return [...notes, `Firefox would ${what}: ${firefoxDifference(chromium, ff)}`];
}

function firefoxDifference(chromium: Evaluation, ff: Evaluation): string {
  const decisive = (e: Evaluation) => e.trace.find((s) => s.decisive && s.result === 'fail')?.detail;
  return decisive(ff) ?? decisive(chromium) ?? 'the browsers apply this rule differently';
}

/** The exchange's responses, for telling which server stack answered (stack-detection.ts). */
function evidenceResponses(ex: ObservedExchange): StackEvidenceResponse[] {
  const out: StackEvidenceResponse[] = [];
  const pre = ex.preflight?.response;
  if (pre) out.push({ role: 'preflight', status: pre.status, headers: pre.headers, body: pre.body });
  for (const hop of ex.redirects ?? []) out.push({ role: 'redirect', status: hop.status, headers: hop.headers });
  if (ex.response)
    out.push({ role: 'response', status: ex.response.status, headers: ex.response.headers, body: ex.response.body });
  return out;
}
