/**
 * One grouped exchange → the engine's input → an ExchangeRecord, the same record the extension
 * stores, so the report, the Markdown and the panel show a HAR exactly as a live capture. What the
 * HAR could not show travels as `gaps` (the engine then lists the reasons still possible instead of
 * guessing one); how the origin and the outcome were read is added to the assumptions.
 */
import { evaluate } from '../cors/index.ts';
import { sameOrigin } from '../cors/origin.ts';
import type { ObservedExchange, ObservedPreflight, ObservedResponse, RedirectHop } from '../cors/types.ts';
import { type CapturedPreflight, type CapturedResponse, type ExchangeRecord, newRecord } from '../shared/exchange.ts';
import type { WireEntry } from './entry.ts';
import type { EntryGroup } from './grouping.ts';
import { type DocumentIndex, isDocument, pageUrlOf, resolveOrigin } from './origin.ts';
import { gapsOf, hasResponse, outcomeOf, type Producer, provisionalHeaders, resourceType } from './producer.ts';

export type NotAnExchange = 'navigation' | 'same-origin' | 'origin-unknown' | 'not-http';

const statusLine = (e: WireEntry) => (e.httpVersion ? `${e.httpVersion} ${e.status} ${e.statusText}`.trim() : null);
const end = (e: WireEntry) => e.startedAt + Math.max(0, e.time ?? 0);

function observedResponse(e: WireEntry): ObservedResponse | null {
  return hasResponse(e)
    ? { status: e.status, statusLine: statusLine(e) ?? undefined, headers: e.responseHeaders }
    : null;
}

function preflightOf(p: WireEntry): { observed: ObservedPreflight; captured: CapturedPreflight } {
  const response = observedResponse(p);
  const error = p.error ?? (response ? null : 'no response (status 0 in the HAR)');
  return {
    observed: {
      request: { method: p.method, url: p.url, headers: p.requestHeaders },
      response,
      outcome: error ? { kind: 'failed', error } : { kind: 'completed' },
      ...(p.redirectURL ? { redirectedTo: p.redirectURL } : {}),
    },
    captured: {
      requestId: `har:${p.index}`,
      url: p.url,
      method: p.method,
      startedAt: p.startedAt,
      durationMs: p.time,
      requestHeaders: p.requestHeaders,
      status: response ? p.status : null,
      statusLine: response ? statusLine(p) : null,
      responseHeaders: p.responseHeaders,
      outcome: error ? 'failed' : 'completed',
      error,
      redirectedTo: p.redirectURL || null,
    },
  };
}

/**
 * Chromium ends a no-cors response it does not hand over in full with net::ERR_ABORTED once the
 * status is in, and DevTools and Playwright then keep neither the browser's request headers nor
 * the response headers (demo gallery, no-cors-opaque). A CORS request that passed shows both.
 */
function abortedOpaque(producer: Producer, first: WireEntry, last: WireEntry): string | null {
  if (producer.browser !== 'chromium' || last.error !== 'net::ERR_ABORTED' || !hasResponse(last)) return null;
  if (last.responseHeaders.length > 0 || !provisionalHeaders(producer, first)) return null;
  return 'inferred: net::ERR_ABORTED after the status arrived, with no response headers recorded, is how Chromium ends a no-cors (opaque) response; a CORS request that passed would show its headers';
}

export function toRecord(
  group: EntryGroup,
  producer: Producer,
  docs: DocumentIndex,
  seq: number,
): ExchangeRecord | NotAnExchange {
  const first = group.hops[0]!;
  const last = group.hops[group.hops.length - 1]!;
  if (isDocument(first)) return 'navigation';
  // data:, blob:, ws: and extension URLs: webRequest's CORS exchanges are http(s) requests.
  if (!/^https?:/i.test(first.url)) return 'not-http';
  const origin = resolveOrigin(group, docs);
  if (!origin) return 'origin-unknown';
  const crossOrigin =
    origin.origin === 'null' || group.preflight !== null || group.hops.some((h) => !sameOrigin(origin.origin, h.url));
  if (!crossOrigin) return 'same-origin';

  const redirects: RedirectHop[] = group.hops.slice(0, -1).map((h, i) => ({
    url: h.url,
    status: h.status,
    headers: h.responseHeaders,
    location: h.redirectURL,
    requestHeaders: group.hops[i + 1]!.requestHeaders,
  }));
  const response = observedResponse(last);
  const outcome = outcomeOf(producer, last);
  const preflight = group.preflight ? preflightOf(group.preflight) : null;
  const gaps = gapsOf(producer, {
    provisional: provisionalHeaders(producer, first),
    failedWithoutResponse: outcome.browserOutcome === 'failed' && !response,
    preflightPaired: preflight !== null,
  });
  if (outcome.verdictNotRecorded) gaps.outcome = outcome.verdictNotRecorded;
  const opaque = abortedOpaque(producer, first, last);
  const observed: ObservedExchange = {
    initiator: origin.origin,
    initiatorSource: origin.source,
    request: { method: first.method, url: first.url, headers: first.requestHeaders },
    preflight: preflight?.observed ?? null,
    redirects,
    response,
    outcome: outcome.outcome,
    browser: producer.browser,
    gaps,
    ...(opaque ? { mode: 'no-cors' as const, modeSource: opaque } : {}),
  };
  const evaluation = evaluate(observed);
  const notes = [
    origin.inferred
      ? `The origin ${origin.origin} is taken from ${origin.source}: the HAR has no Origin header for this request, and a request from an iframe of another origin (or a sandboxed one, origin null) would differ.`
      : null,
    outcome.note,
    outcome.verdictNotRecorded
      ? `${outcome.verdictNotRecorded}: the verdict comes from the headers, under ${producer.browser === 'firefox' ? "Firefox's" : "Chromium's"} rules.`
      : null,
  ].filter((n): n is string => n !== null);
  if (notes.length) {
    evaluation.assumptions.push(...notes);
    if (origin.inferred && evaluation.confidence === 'certain') evaluation.confidence = 'inferred';
  }
  const captured: CapturedResponse | null = response
    ? {
        status: response.status,
        statusLine: response.statusLine ?? null,
        headers: response.headers,
        fromCache: last.fromCache,
        ip: last.serverIp,
      }
    : null;
  const duration = end(last) - first.startedAt;
  const record = newRecord(
    {
      id: `har:${first.index}`,
      requestId: `har:${first.index}`,
      seq,
      tabId: 0,
      frameId: 0,
      parentFrameId: -1,
      documentId: null,
      pageUrl: pageUrlOf(group, docs),
      initiator: origin.origin,
      url: first.url,
      method: first.method,
      type: resourceType(first),
      startedAt: first.startedAt,
    },
    {
      urlChain: group.hops.map((h) => h.url),
      durationMs: duration > 0 ? duration : null,
      requestHeaders: first.requestHeaders,
      response: captured,
      redirects,
      preflight: preflight?.captured ?? null,
      browserOutcome: outcome.browserOutcome,
      browserError: outcome.browserError,
      endedBy: outcome.endedBy,
      // What judged it here judges it again wherever it is shown (the panel's what-if, the worker).
      ...(producer.browser === 'firefox' ? { browser: producer.browser } : {}),
      ...(origin.inferred ? { initiatorSource: origin.source } : {}),
      ...(opaque ? { inferredMode: { mode: 'no-cors' as const, why: opaque } } : {}),
      ...(Object.keys(gaps).length ? { gaps } : {}),
    },
  );
  return { ...record, evaluation };
}
