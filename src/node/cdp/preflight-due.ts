/**
 * Whether an ended request with no preflight reported is still owed one. Chromium reports a
 * preflight apart from its request: the preflight's events come from the browser process (the
 * network service's DevTools observer), the request's from the renderer, and under load the
 * preflight's can arrive after the request's end — measured in Chromium 156 with 8 tabs on 2 busy
 * cores: 3 of 45 preflighted PUTs ended (loadingFinished and both extra-info events in) 1 to 170 ms
 * before their preflight's requestWillBeSent. A request is "from the preflight cache" only when no
 * preflight came, so the log must know when one is still to come.
 *
 * The only other reason a needed preflight is not sent is Chromium's preflight cache. A request no
 * earlier preflight could serve ('sure') waits for its own; one an earlier preflight may serve
 * ('unless-cached') waits only a moment.
 */
import { CHROMIUM } from '../../cors/browser-rules.ts';
import { combinedHeader } from '../../cors/headers.ts';
import { parseUrl, sameOrigin } from '../../cors/origin.ts';
import { analysePreflightNeed } from '../../cors/preflight-need.ts';
import type { CdpExchange, CdpRequest } from './network-log.ts';
import { initiatorOf, requestHeadersAt } from './record.ts';

export type PreflightDue = 'sure' | 'unless-cached' | null;

/** Preflight answers remembered at most (Chromium's cache holds far fewer in practice). */
const MAX_ANSWERS = 5000;

/**
 * The preflight answers seen in the browser (every tab: the cache is the network service's), as
 * when each could stop serving from Chromium's cache (counted from when the answer was heard, a
 * little after Chromium stored it). Keyed by origin and URL only — Chromium's key
 * also holds the credentials mode and the network isolation key — so it may think a cached answer
 * applies when it does not: then a request waits less, and a preflight that still comes late is
 * folded in when it arrives (network-log.ts).
 */
export class PreflightAnswers {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Notes a preflight that got an answer (a 2xx: only a passed preflight is cached). */
  note(p: CdpRequest): void {
    const response = p.wireResponses[0] ?? p.response;
    const first = p.hops[0];
    const origin = first ? combinedHeader(requestHeadersAt(p, 0), 'Origin') : null;
    if (!response || !first || origin === null || response.status < 200 || response.status > 299) return;
    const seconds = CHROMIUM.preflightMaxAge(combinedHeader(response.headers, 'Access-Control-Max-Age'));
    if (seconds <= 0) return;
    const key = `${origin}|${first.url}`;
    this.until.delete(key);
    this.until.set(key, this.now() + seconds * 1000);
    if (this.until.size > MAX_ANSWERS) this.until.delete(this.until.keys().next().value!);
  }

  /** Whether an answer seen for this origin and URL may still be in Chromium's cache. */
  mayServe(origin: string, url: string): boolean {
    return (this.until.get(`${origin}|${url}`) ?? 0) >= this.now();
  }
}

/**
 * For a request with no preflight reported: whether one is owed, by the request as it went on the
 * wire (its method and headers, to another origin) — the engine's own rule (preflight-need.ts).
 */
export function preflightDue(x: CdpExchange, frameOrigin: string | null, answers: PreflightAnswers): PreflightDue {
  const r = x.request;
  const first = r.hops[0];
  if (!first || x.preflights.length > 0 || r.resourceType === 'Document') return null;
  const initiator = initiatorOf(x, frameOrigin);
  if (!parseUrl(first.url) || initiator === '' || sameOrigin(initiator, first.url)) return null;
  if (!analysePreflightNeed(first.method, requestHeadersAt(r, 0), false).needed) return null;
  return answers.mayServe(initiator, first.url) ? 'unless-cached' : 'sure';
}
