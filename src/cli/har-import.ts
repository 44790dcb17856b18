/**
 * Offline analysis: a HAR from any browser (Chrome DevTools, Firefox, Playwright) → exchange
 * records judged by the same engine. HARs lose things webRequest sees: DevTools often leaves
 * preflights out and never records the CORS reason, so every guess is stated on the exchange.
 */
import type { Entry, Har } from 'har-format';
import { combinedHeader } from '../cors/headers.ts';
import { originOf } from '../cors/origin.ts';
import type { Header, RedirectHop } from '../cors/types.ts';
import type { CapturedPreflight, ExchangeRecord } from '../shared/exchange.ts';
import { toObserved } from '../shared/observed.ts';
import { evaluate } from '../cors/index.ts';

type HarEntry = Entry & {
  _error?: string;
  _failureText?: string;
  _initiator?: { url?: string };
  _resourceType?: string;
};

const headersOf = (h: { name: string; value: string }[] | undefined): Header[] =>
  (h ?? []).map(({ name, value }) => ({ name: String(name), value: String(value ?? '') }));
const acrmOf = (e: HarEntry) =>
  e.request.method === 'OPTIONS' ? combinedHeader(headersOf(e.request.headers), 'Access-Control-Request-Method') : null;
const failed = (e: HarEntry) => e.response.status <= 0 || !!e._error || !!e._failureText;
const started = (e: HarEntry) => Date.parse(e.startedDateTime) || 0;

export class HarFormatError extends Error {}

export function parseHar(text: string): Har {
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch (e) {
    throw new HarFormatError(`not JSON: ${(e as Error).message}`);
  }
  const entries = (har as Har | null)?.log?.entries;
  if (!Array.isArray(entries)) throw new HarFormatError('not a HAR file (no log.entries array)');
  return har as Har;
}

/** The page origin for an entry: its Origin header, else its initiator, else its page's URL. */
function initiatorOf(e: HarEntry, pages: Map<string, string>): string {
  const origin = combinedHeader(headersOf(e.request.headers), 'Origin');
  if (origin !== null) return origin;
  if (e._initiator?.url) return originOf(e._initiator.url);
  const page = e.pageref ? pages.get(e.pageref) : undefined;
  return page ? originOf(page) : '';
}

export function harToRecords(har: Har): ExchangeRecord[] {
  const entries = [...(har.log.entries as HarEntry[])].sort((a, b) => started(a) - started(b));
  const pages = new Map((har.log.pages ?? []).map((p) => [p.id, p.title]));
  const used = new Set<HarEntry>();
  const records: ExchangeRecord[] = [];
  for (const [i, e] of entries.entries()) {
    if (used.has(e) || acrmOf(e) !== null) continue;
    used.add(e);
    // Redirect hops are separate entries: follow redirectURL while the next entry continues the chain.
    const hops: RedirectHop[] = [];
    let last = e;
    while (last.response.redirectURL) {
      const next = entries.find(
        (n) => !used.has(n) && n.request.url === last.response.redirectURL && started(n) >= started(last),
      );
      if (!next) break;
      hops.push({
        url: last.request.url,
        status: last.response.status,
        headers: headersOf(last.response.headers),
        location: last.response.redirectURL,
        requestHeaders: headersOf(next.request.headers),
      });
      used.add(next);
      last = next;
    }
    const pf = entries.find(
      (p) =>
        !used.has(p) &&
        acrmOf(p) === e.request.method &&
        p.request.url === e.request.url &&
        started(p) <= started(last),
    );
    if (pf) used.add(pf);
    const preflight: CapturedPreflight | null = pf
      ? {
          requestId: `har-${entries.indexOf(pf)}`,
          url: pf.request.url,
          method: 'OPTIONS',
          startedAt: started(pf),
          durationMs: pf.time ?? null,
          requestHeaders: headersOf(pf.request.headers),
          status: failed(pf) ? null : pf.response.status,
          statusLine: null,
          responseHeaders: headersOf(pf.response.headers),
          outcome: failed(pf) ? 'failed' : 'completed',
          error: pf._error ?? pf._failureText ?? null,
          redirectedTo: pf.response.redirectURL || null,
        }
      : null;
    const isFailed = failed(last);
    const captured = {
      id: `har:${i}`,
      requestId: `har-${i}`,
      seq: i + 1,
      tabId: 0,
      frameId: 0,
      parentFrameId: -1,
      documentId: null,
      pageUrl: (e.pageref && pages.get(e.pageref)) || '',
      initiator: initiatorOf(e, pages),
      url: e.request.url,
      urlChain: [e.request.url, ...hops.map((h) => h.location)],
      method: e.request.method,
      type: e._resourceType ?? 'xmlhttprequest',
      startedAt: started(e),
      durationMs:
        entries
          .slice(i)
          .filter((x) => x === last || hops.some((h) => h.url === x.request.url))
          .reduce((t, x) => t + (x.time ?? 0), 0) || null,
      requestHeaders: headersOf(e.request.headers),
      response:
        last.response.status > 0
          ? {
              status: last.response.status,
              statusLine: null,
              headers: headersOf(last.response.headers),
              fromCache: false,
              ip: last.serverIPAddress ?? null,
            }
          : null,
      redirects: hops,
      preflight,
      preflightCached: false,
      preflightCachedFrom: null,
      browserOutcome: isFailed ? ('failed' as const) : ('completed' as const),
      browserError: isFailed ? (last._error ?? last._failureText ?? 'net::ERR_FAILED') : null,
      endedBy: null,
    };
    const evaluation = evaluate(toObserved(captured));
    if (evaluation.preflight.needed && !preflight) {
      evaluation.assumptions.push(
        'The HAR holds no preflight for this request. HAR exports often leave preflights out, so "served from the preflight cache" is a guess here.',
      );
      if (evaluation.confidence === 'certain') evaluation.confidence = 'inferred';
    }
    if (!captured.initiator) continue; // a navigation or a request with no known origin: not an exchange
    records.push({ ...captured, evaluation });
  }
  return records;
}
