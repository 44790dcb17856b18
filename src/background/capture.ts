/**
 * Turns webRequest events into exchange records: one record per request, its preflight folded in,
 * every redirect hop kept. Knows nothing about storage or readers; it hands records to a sink.
 * The event orders it relies on are in docs/architecture.md ("What webRequest shows").
 */
import { combinedHeader } from '../cors/headers.ts';
import { analysePreflightNeed } from '../cors/preflight-need.ts';
import { comparableUrl, sameOrigin } from '../cors/origin.ts';
import type { BrowserProfile, Header } from '../cors/types.ts';
import { newRecord, type CapturedPreflight, type CapturedRecord } from '../shared/exchange.ts';
import type { HttpHeader, RequestDetails, WebRequestEventName } from '../platform/web-request.ts';
import { awaitsPreflight, findPreflightTarget, type PairingCandidate } from './pairing.ts';
import { webRequestSeesScheme } from './web-request-schemes.ts';
import { attributeTabless, type TablessAttribution } from './tabless-attribution.ts';

export interface CaptureSink {
  /** A record was created (`isNew`: the first time it is passed on) or changed. */
  upsert(record: CapturedRecord, isNew: boolean): void;
  /** A record turned out to be part of another one (an orphaned preflight). */
  remove(record: CapturedRecord): void;
  /** The tab started loading a new top-level document. */
  navigated(tabId: number, url: string, at: number): void;
}

/** What the capture reads from the tabs' session state (upstream of it). */
export interface RecordContext {
  nextSeq(): number;
  pageUrl(tabId: number): string;
}

/** What the capture also reads: where a request webRequest ties to no tab could belong. */
export interface CaptureContext extends RecordContext {
  /** Recorded tabs showing a document of `origin` (for requests webRequest ties to no tab). */
  tabsShowing(origin: string): number[];
}

/** Live state of a request whose record is (or may become) an exchange. */
interface Live {
  record: CapturedRecord;
  currentUrl: string;
  hopSent: boolean;
  hopAnswered: boolean;
  hasPreflightForCurrentHop: boolean;
  published: boolean;
  /** Taken back after a worker restart and not heard of since. */
  adopted?: boolean;
}

/** Requests given up on after a restart, kept in case their events come after all. */
const MAX_DORMANT = 2000;

/** Request types that are navigations (not subject to the CORS read check). */
const NAVIGATIONS = new Set(['main_frame', 'sub_frame', 'outermost_frame']);

/** Bytes as Latin-1 text (a byte per character), in chunks: a 1 MB value would overflow a spread call. */
function latin1(bytes: ArrayLike<number>): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192)
    text += String.fromCharCode(...Array.from({ length: Math.min(8192, bytes.length - i) }, (_, j) => bytes[i + j]!));
  return text;
}

export function toHeaders(headers: HttpHeader[] | undefined): Header[] {
  if (!headers) return [];
  return headers.map((h) => ({
    name: h.name,
    value: h.value ?? (h.binaryValue ? latin1(h.binaryValue) : ''),
  }));
}

/** How long after a restart a request's preflight may still have gone with the stopped worker. */
const PREFLIGHT_LOST_WINDOW_MS = 1000;

export class Capture {
  private live = new Map<string, Live>();
  /** Preflight requestId → the actual request's id (or its own record id when orphaned). */
  private preflights = new Map<string, string>();
  /** Ids of records that are preflights whose request has not been seen. */
  private orphans = new Set<string>();
  /** Adopted requests whose events never came: ended as unseen, revived if one does come. */
  private dormant = new Map<string, Live>();
  /** Requests that ended after a restart with no preflight seen: it may still come (interruptedRequestFor). */
  private endedWithoutPreflight = new Map<string, Live>();
  /** When this worker instance follows a stop: the time the worker was down. */
  private down: { from: number; to: number } | null = null;
  /** Where each tab-less request (by requestId) was put. */
  private tabless = new Map<string, TablessAttribution>();

  constructor(
    private sink: CaptureSink,
    private context: CaptureContext,
    /** Whose webRequest the events come from: Firefox orders a preflight's events differently (pairing.ts). */
    private browser: BrowserProfile = 'chromium',
  ) {}

  /**
   * Re-adopts a record that was in flight when the worker stopped, marking the time the worker was
   * down (events from then may be missing). Its remaining events may still come; if they went to
   * the stopped worker, its end stays unseen. Returns the record as it now stands.
   */
  adopt(stored: CapturedRecord, down: { from: number; to: number }): CapturedRecord {
    const record = { ...stored, interruptions: [...(stored.interruptions ?? []), down] };
    // A preflight still waiting for its request: the request's first events may come now.
    if (record.preflight && record.preflight.requestId === record.requestId) this.orphans.add(record.requestId);
    this.live.set(record.requestId, {
      record,
      currentUrl: record.urlChain.at(-1) ?? record.url,
      hopSent: record.requestHeaders.length > 0,
      hopAnswered: record.response !== null,
      hasPreflightForCurrentHop: !!record.preflight,
      published: true,
      adopted: true,
    });
    if (record.preflight?.outcome === 'pending') this.preflights.set(record.preflight.requestId, record.requestId);
    return record;
  }

  /**
   * Ends the adopted requests no event has come for since: their last events most likely went to
   * the worker as it was being stopped (Chromium does not deliver them again), so their end will
   * not be seen. They stay revivable: a late event takes the record up again.
   */
  giveUpOnAdopted(why: string): void {
    for (const [id, l] of this.live) {
      if (!l.adopted) continue;
      this.giveUp(id, why);
      this.sink.upsert(l.record, false);
    }
  }

  /** Ends one adopted request as unseen (revivable, as above); the caller passes its record on. */
  giveUp(requestId: string, why: string): void {
    const l = this.live.get(requestId);
    if (!l?.adopted) return;
    this.live.delete(requestId);
    l.record.endedBy = why;
    this.dormant.set(requestId, l);
    if (this.dormant.size > MAX_DORMANT) this.dormant.delete(this.dormant.keys().next().value!);
  }

  /** This instance follows a stop: requests first heard of midway were in flight while it was down. */
  restartedAfter(down: { from: number; to: number }): void {
    this.down = down;
  }

  /** How many published requests (of a tab) have not ended. */
  inFlight(tabId?: number): number {
    let n = 0;
    for (const l of this.live.values()) if (l.published && (tabId === undefined || l.record.tabId === tabId)) n++;
    return n;
  }

  /** Ends every in-flight request of a tab (tab closed, recording stopped): never silently dropped. */
  endTab(tabId: number, why: string): void {
    for (const [id, l] of this.live) {
      if (l.record.tabId !== tabId) continue;
      l.record.endedBy = why;
      if (l.published) this.sink.upsert(l.record, false);
      this.live.delete(id);
    }
  }

  handle(event: WebRequestEventName, received: RequestDetails): void {
    const d = this.placed(received);
    if (!d) return;
    this.wake(d.requestId);
    const preflightOf = this.preflights.get(d.requestId);
    if (preflightOf !== undefined) return this.handlePreflight(event, d, preflightOf);
    // A request already under way when recording began or the worker restarted: start its record
    // from what this event carries (every event names the URL, method, tab and initiator).
    if (event !== 'beforeRequest' && !this.live.has(d.requestId) && !NAVIGATIONS.has(d.type)) this.start(d, true);
    switch (event) {
      case 'beforeRequest':
        return this.beforeRequest(d);
      case 'sendHeaders':
        return this.sendHeaders(d);
      case 'headersReceived':
        return this.update(d, (l) => {
          l.hopAnswered = true;
          l.record.response = {
            status: d.statusCode ?? 0,
            statusLine: d.statusLine ?? null,
            headers: toHeaders(d.responseHeaders),
            fromCache: false,
            ip: null,
          };
        });
      case 'beforeRedirect':
        return this.beforeRedirect(d);
      case 'completed':
        return this.finish(d, 'completed');
      case 'errorOccurred':
        return this.finish(d, 'failed');
    }
  }

  /** An event came for an adopted or dormant request: it is being heard again. */
  private wake(requestId: string): void {
    const dormant = this.dormant.get(requestId);
    if (dormant) {
      this.dormant.delete(requestId);
      dormant.record.endedBy = null;
      this.live.set(requestId, dormant);
    }
    const l = this.live.get(requestId);
    if (l) l.adopted = false;
  }

  /**
   * A request tied to no tab is a shared or service worker's own (tabId -1; other extensions'
   * requests carry no initiator webRequest shows us). It is put in the tab it can be attributed
   * to, the same one for all its events, else kept tab-less with the reason.
   */
  private placed(d: RequestDetails): RequestDetails | null {
    if (d.tabId >= 0) return d;
    if (d.initiator === undefined) return null;
    let attribution = this.tabless.get(d.requestId);
    if (!attribution) {
      attribution = attributeTabless(d.initiator, this.context.tabsShowing(d.initiator));
      this.tabless.set(d.requestId, attribution);
    }
    return { ...d, tabId: attribution.tabId };
  }

  private beforeRequest(d: RequestDetails): void {
    if (this.live.has(d.requestId)) return; // the same request continuing after a redirect
    if ((d.type === 'main_frame' || d.type === 'outermost_frame') && d.frameId === 0)
      return this.sink.navigated(d.tabId, d.url, d.timeStamp);
    this.start(d);
  }

  private start(d: RequestDetails, midway = false): void {
    if (NAVIGATIONS.has(d.type) || d.initiator === undefined) return;
    const record = newRecord(
      {
        id: `${d.tabId}:${d.requestId}`,
        requestId: d.requestId,
        seq: this.context.nextSeq(),
        tabId: d.tabId,
        frameId: d.frameId,
        parentFrameId: d.parentFrameId ?? -1,
        documentId: d.documentId ?? null,
        pageUrl: this.context.pageUrl(d.tabId),
        initiator: d.initiator,
        url: d.url,
        method: d.method,
        type: d.type,
        startedAt: d.timeStamp,
      },
      // In flight while the worker was down: first heard of midway, or started before this
      // instance did (its events waited for the worker; a preflight just before it may have gone
      // with the stopped one, whose queued events Chromium drops).
      this.down && (midway || d.timeStamp <= this.down.to) ? { interruptions: [this.down] } : {},
    );
    const tabless = this.tabless.get(d.requestId);
    if (tabless) record.tabless = { why: tabless.why };
    const l: Live = {
      record,
      currentUrl: d.url,
      hopSent: false,
      hopAnswered: false,
      hasPreflightForCurrentHop: false,
      published: false,
    };
    this.live.set(d.requestId, l);
    // An OPTIONS request may turn out to be a preflight once its headers are seen.
    if (d.method === 'OPTIONS') return;
    if (this.orphans.size) this.absorbOrphan(l);
    if (!sameOrigin(d.initiator, d.url) || l.record.preflight) this.publish(l);
  }

  private sendHeaders(d: RequestDetails): void {
    const l = this.live.get(d.requestId);
    if (!l) return;
    const headers = toHeaders(d.requestHeaders);
    const acrm = d.method === 'OPTIONS' ? combinedHeader(headers, 'Access-Control-Request-Method') : null;
    if (acrm !== null && !l.published) return this.becomePreflight(l, d, headers, acrm);
    // The first hop's headers are the request as sent; later hops' are kept on their redirect entries.
    if (l.record.redirects.length === 0) {
      l.record.requestHeaders = headers;
      this.markPreflightMaybeLost(l.record);
    } else l.record.redirects[l.record.redirects.length - 1]!.requestHeaders ??= headers;
    l.hopSent = true;
    if (!l.published && combinedHeader(headers, 'Origin') !== null) return this.publish(l);
    this.changed(l);
  }

  /**
   * A request that needs a preflight, started just after this instance did, with none seen: the
   * preflight ran moments before, and its events may have been queued for the stopped worker
   * (Chromium drops those). Measured: about one PUT in 2 000 over 8 stops.
   */
  private markPreflightMaybeLost(r: CapturedRecord): void {
    if (!this.down || r.preflight || r.interruptions?.length) return;
    if (r.startedAt > this.down.to + PREFLIGHT_LOST_WINDOW_MS) return;
    if (analysePreflightNeed(r.method, r.requestHeaders, false).needed) r.interruptions = [this.down];
  }

  private becomePreflight(l: Live, d: RequestDetails, headers: Header[], acrm: string): void {
    this.live.delete(d.requestId);
    const preflight: CapturedPreflight = {
      requestId: d.requestId,
      url: d.url,
      method: d.method,
      startedAt: l.record.startedAt,
      durationMs: null,
      requestHeaders: headers,
      status: null,
      statusLine: null,
      responseHeaders: [],
      outcome: 'pending',
      error: null,
      redirectedTo: null,
    };
    const target = findPreflightTarget(
      {
        tabId: d.tabId,
        frameId: d.frameId,
        documentId: d.documentId ?? null,
        initiator: d.initiator ?? '',
        url: d.url,
        acrm,
        seq: l.record.seq,
      },
      this.candidates(),
    );
    const actual = target ? this.live.get(target.requestId) : this.interruptedRequestFor(d, acrm);
    if (actual) {
      actual.record.preflight = preflight;
      actual.hasPreflightForCurrentHop = true;
      this.preflights.set(d.requestId, actual.record.requestId);
      return this.changed(actual);
    }
    // No request waiting for it. Either its onBeforeRequest is still on its way (events of two
    // requests can arrive out of order under load) or recording began in between: keep it as an
    // exchange of its own, which the actual request absorbs if it shows up.
    const orphan: Live = {
      ...l,
      record: { ...l.record, method: acrm, preflight },
      hopSent: false,
      hopAnswered: false,
      hasPreflightForCurrentHop: true,
    };
    this.live.set(orphan.record.requestId, orphan);
    this.preflights.set(d.requestId, orphan.record.requestId);
    this.orphans.add(orphan.record.requestId);
    this.publish(orphan);
  }

  /**
   * After a restart, the request a preflight guarded may already be here without it: first heard
   * of midway (its early events went with the stopped worker) and so past the point where pairing
   * expects a preflight. Without this the preflight became a second exchange of the same request
   * (the soak's duplicates: 2–25 per 20 000 requests over 45 stops). Or already over, in this
   * instance or stored by the one before (takeBackEnded): in the soak, a PUT begun just after a
   * restart was seen to its end before its preflight's events, which then came to the next
   * instance and stood beside it as a second, unfinished PUT (3–5 per 20 000 requests, 45 stops).
   */
  private interruptedRequestFor(
    d: { tabId: number; frameId: number; initiator?: string; url: string },
    acrm: string,
  ): Live | undefined {
    for (const requests of [this.live, this.endedWithoutPreflight])
      for (const l of requests.values()) {
        const r = l.record;
        if (!r.interruptions?.length || r.preflight || r.method !== acrm) continue;
        if (r.tabId !== d.tabId || r.frameId !== d.frameId || r.initiator !== d.initiator) continue;
        if (comparableUrl(l.currentUrl) === comparableUrl(d.url)) return l;
      }
    return undefined;
  }

  /**
   * The latest requests an earlier instance stored as ended (startup.ts): those that ended after a
   * restart with no preflight seen may still get it, and a preflight orphaned meanwhile is theirs.
   */
  takeBackEnded(records: CapturedRecord[]): void {
    for (const record of records)
      if (record.interruptions?.length && !record.preflight && !this.live.has(record.requestId))
        this.rememberEndedWithoutPreflight({
          record,
          currentUrl: record.urlChain.at(-1) ?? record.url,
          hopSent: true,
          hopAnswered: true,
          hasPreflightForCurrentHop: false,
          published: true,
        });
    for (const id of [...this.orphans]) {
      const o = (this.live.get(id) ?? this.dormant.get(id))?.record;
      const p = o?.preflight;
      if (!o || !p) continue;
      const owner = this.interruptedRequestFor({ ...o, url: p.url }, o.method);
      if (!owner) continue;
      this.mergeOrphan(o, owner);
      this.changed(owner);
    }
  }

  private rememberEndedWithoutPreflight(l: Live): void {
    this.endedWithoutPreflight.set(l.record.requestId, l);
    if (this.endedWithoutPreflight.size > MAX_DORMANT)
      this.endedWithoutPreflight.delete(this.endedWithoutPreflight.keys().next().value!);
  }

  /**
   * Moves an orphaned preflight into the request it guarded, which arrived after it. Also one given
   * up as unseen meanwhile (dormant): after a few restarts the request's events can come later than
   * the grace, and the preflight then stood beside it as a second, unfinished exchange.
   */
  private absorbOrphan(l: Live): void {
    const r = l.record;
    for (const id of this.orphans) {
      const o = (this.live.get(id) ?? this.dormant.get(id))?.record;
      if (
        !o ||
        o.tabId !== r.tabId ||
        o.frameId !== r.frameId ||
        o.initiator !== r.initiator ||
        comparableUrl(o.url) !== comparableUrl(r.url) ||
        o.method !== r.method
      )
        continue;
      if (o.documentId !== r.documentId && o.documentId !== null && r.documentId !== null) continue;
      return this.mergeOrphan(o, l);
    }
  }

  private mergeOrphan(o: CapturedRecord, owner: Live): void {
    this.orphans.delete(o.requestId);
    this.live.delete(o.requestId);
    this.dormant.delete(o.requestId);
    owner.record.preflight = o.preflight;
    owner.hasPreflightForCurrentHop = true;
    if (o.preflight?.outcome === 'pending') this.preflights.set(o.preflight.requestId, owner.record.requestId);
    this.sink.remove(o);
  }

  private *candidates(): Iterable<PairingCandidate> {
    for (const l of this.live.values()) {
      const r = l.record;
      yield {
        requestId: r.requestId,
        tabId: r.tabId,
        frameId: r.frameId,
        documentId: r.documentId,
        initiator: r.initiator,
        currentUrl: l.currentUrl,
        method: r.method,
        seq: r.seq,
        awaitingPreflight: awaitsPreflight(this.browser, { sent: l.hopSent, answered: l.hopAnswered }),
        hasPreflightForCurrentHop: l.hasPreflightForCurrentHop,
      };
    }
  }

  private handlePreflight(event: WebRequestEventName, d: RequestDetails, ownerId: string): void {
    const owner = this.live.get(ownerId) ?? this.endedWithoutPreflight.get(ownerId);
    const p = owner?.record.preflight;
    if (!owner || !p) return void this.preflights.delete(d.requestId);
    if (event === 'headersReceived' || event === 'completed') {
      p.status = d.statusCode ?? p.status;
      p.statusLine = d.statusLine ?? p.statusLine;
      if (d.responseHeaders) p.responseHeaders = toHeaders(d.responseHeaders);
    }
    if (event === 'beforeRedirect') p.redirectedTo = d.redirectUrl ?? null;
    if (event === 'completed' || event === 'errorOccurred' || event === 'beforeRedirect') {
      p.outcome = event === 'completed' ? 'completed' : 'failed';
      p.error = d.error ?? null;
      p.durationMs = Math.max(0, d.timeStamp - p.startedAt);
      this.preflights.delete(d.requestId);
    }
    this.changed(owner);
  }

  private beforeRedirect(d: RequestDetails): void {
    this.update(d, (l) => {
      const location = d.redirectUrl ?? '';
      // onHeadersReceived (with extraHeaders) saw the full header set; onBeforeRedirect's may lack some.
      const headers = l.record.response?.headers.length ? l.record.response.headers : toHeaders(d.responseHeaders);
      l.record.redirects.push({ url: l.currentUrl, status: d.statusCode ?? 0, headers, location });
      l.record.urlChain.push(location);
      l.record.response = null;
      l.currentUrl = location;
      l.hopSent = false;
      l.hopAnswered = false;
      l.hasPreflightForCurrentHop = false;
      if (!l.published && !sameOrigin(l.record.initiator, location)) this.publish(l);
    });
    // Past a redirect to mailto:, javascript: or a custom scheme webRequest reports nothing more
    // (measured): the request is over for it, and the engine judges it from the redirect.
    const location = d.redirectUrl ?? '';
    if (!webRequestSeesScheme(location))
      this.end(d, `webRequest reports nothing after a redirect to ${location.split(':')[0]}:`);
  }

  /** Ends a request whose end webRequest will never report. */
  private end(d: RequestDetails, why: string): void {
    const l = this.live.get(d.requestId);
    if (!l) return;
    this.live.delete(d.requestId);
    this.tabless.delete(d.requestId);
    l.record.endedBy = why;
    l.record.durationMs = Math.max(0, d.timeStamp - l.record.startedAt);
    if (l.published) this.sink.upsert(l.record, false);
  }

  private finish(d: RequestDetails, outcome: 'completed' | 'failed'): void {
    const l = this.live.get(d.requestId);
    this.tabless.delete(d.requestId);
    if (!l) return;
    this.live.delete(d.requestId);
    this.orphans.delete(d.requestId);
    const r = l.record;
    if (outcome === 'completed') {
      // Prefer onHeadersReceived's extraHeaders set; cache hits may only have onCompleted's.
      const headers = r.response?.headers.length ? r.response.headers : toHeaders(d.responseHeaders);
      r.response = {
        status: d.statusCode ?? r.response?.status ?? 0,
        statusLine: d.statusLine ?? r.response?.statusLine ?? null,
        headers,
        fromCache: d.fromCache === true,
        ip: d.ip ?? null,
      };
    } else {
      r.browserError = d.error ?? 'net::ERR_FAILED';
    }
    r.browserOutcome = outcome;
    r.durationMs = Math.max(0, d.timeStamp - r.startedAt);
    if (l.published) this.sink.upsert(r, false);
    if (r.interruptions?.length && !r.preflight) this.rememberEndedWithoutPreflight(l);
  }

  private update(d: RequestDetails, mutate: (l: Live) => void): void {
    const l = this.live.get(d.requestId);
    if (!l) return;
    mutate(l);
    this.changed(l);
  }

  private publish(l: Live): void {
    l.published = true;
    this.sink.upsert(l.record, true);
  }

  private changed(l: Live): void {
    if (l.published) this.sink.upsert(l.record, false);
  }
}
