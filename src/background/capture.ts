/**
 * Turns webRequest events into exchange records: one record per request, its preflight folded in,
 * every redirect hop kept. Knows nothing about storage or readers; it hands records to a sink.
 * Event order facts it relies on are in ../shared/notes/platform-facts.md §3.
 */
import { combinedHeader } from '../cors/headers.ts';
import { comparableUrl, sameOrigin } from '../cors/origin.ts';
import { webRequestSeesScheme } from '../platform/web-request.ts';
import type { Header } from '../cors/types.ts';
import type { CapturedPreflight, ExchangeRecord } from '../shared/exchange.ts';
import { findPreflightTarget, type PairingCandidate } from './pairing.ts';
import { attributeTabless, type TablessAttribution } from './tabless-attribution.ts';
import type { WebRequestEventName } from './web-request-listeners.ts';

/** The subset of webRequest details the capture reads (all events share it). */
export interface RequestDetails {
  requestId: string;
  url: string;
  method: string;
  tabId: number;
  frameId: number;
  parentFrameId?: number;
  documentId?: string;
  type: string;
  timeStamp: number;
  initiator?: string;
  requestHeaders?: chrome.webRequest.HttpHeader[];
  responseHeaders?: chrome.webRequest.HttpHeader[];
  statusCode?: number;
  statusLine?: string;
  fromCache?: boolean;
  ip?: string;
  redirectUrl?: string;
  error?: string;
}

/** A record without its evaluation: what the capture knows. */
export type CapturedRecord = Omit<ExchangeRecord, 'evaluation'>;

export interface CaptureSink {
  /** A record was created or changed. */
  upsert(record: CapturedRecord): void;
  /** A record turned out to be part of another one (an orphaned preflight). */
  remove(record: CapturedRecord): void;
  /** The tab started loading a new top-level document. */
  navigated(tabId: number, url: string, at: number): void;
  nextSeq(): number;
  pageUrl(tabId: number): string;
  /** Recorded tabs showing a document of `origin` (for requests webRequest ties to no tab). */
  tabsShowing(origin: string): number[];
}

/** Live state of a request whose record is (or may become) an exchange. */
interface Live {
  record: CapturedRecord;
  currentUrl: string;
  hopSent: boolean;
  hasPreflightForCurrentHop: boolean;
  published: boolean;
}

/** Request types that are navigations (not subject to the CORS read check). */
const NAVIGATIONS = new Set(['main_frame', 'sub_frame', 'outermost_frame']);

/** Where a record starts: who asked for what, when; nothing observed yet. */
type RecordOrigin = Pick<
  CapturedRecord,
  | 'id'
  | 'requestId'
  | 'seq'
  | 'tabId'
  | 'frameId'
  | 'parentFrameId'
  | 'documentId'
  | 'pageUrl'
  | 'initiator'
  | 'url'
  | 'method'
  | 'type'
  | 'startedAt'
>;

export function newRecord(start: RecordOrigin, rest: Partial<CapturedRecord> = {}): CapturedRecord {
  return {
    ...start,
    urlChain: [start.url],
    durationMs: null,
    requestHeaders: [],
    response: null,
    redirects: [],
    preflight: null,
    preflightCached: false,
    preflightCachedFrom: null,
    browserOutcome: 'pending',
    browserError: null,
    endedBy: null,
    ...rest,
  };
}

export function toHeaders(headers: chrome.webRequest.HttpHeader[] | undefined): Header[] {
  if (!headers) return [];
  return headers.map((h) => ({
    name: h.name,
    value: h.value ?? (h.binaryValue ? String.fromCharCode(...h.binaryValue) : ''),
  }));
}

export class Capture {
  private live = new Map<string, Live>();
  /** Preflight requestId → the actual request's id (or its own record id when orphaned). */
  private preflights = new Map<string, string>();
  /** Ids of records that are preflights whose request has not been seen. */
  private orphans = new Set<string>();
  /** Where each tab-less request (by requestId) was put. */
  private tabless = new Map<string, TablessAttribution>();

  constructor(private sink: CaptureSink) {}

  /** Re-adopts records that were still in flight when the worker stopped. */
  adopt(record: CapturedRecord): void {
    const last = record.urlChain[record.urlChain.length - 1] ?? record.url;
    this.live.set(record.requestId, {
      record,
      currentUrl: last,
      hopSent: record.requestHeaders.length > 0,
      hasPreflightForCurrentHop: !!record.preflight,
      published: true,
    });
    if (record.preflight && record.preflight.outcome === 'pending')
      this.preflights.set(record.preflight.requestId, record.requestId);
  }

  /** Ends every in-flight request of a tab (tab closed, recording stopped): never silently dropped. */
  endTab(tabId: number, why: string): void {
    for (const [id, l] of this.live) {
      if (l.record.tabId !== tabId) continue;
      l.record.endedBy = why;
      if (l.published) this.sink.upsert(l.record);
      this.live.delete(id);
    }
  }

  handle(event: WebRequestEventName, received: RequestDetails): void {
    const d = this.placed(received);
    if (!d) return;
    const preflightOf = this.preflights.get(d.requestId);
    if (preflightOf !== undefined) return this.handlePreflight(event, d, preflightOf);
    // A request already under way when recording began or the worker restarted: start its record
    // from what this event carries (every event names the URL, method, tab and initiator).
    if (event !== 'beforeRequest' && !this.live.has(d.requestId) && !NAVIGATIONS.has(d.type)) this.start(d);
    switch (event) {
      case 'beforeRequest':
        return this.beforeRequest(d);
      case 'sendHeaders':
        return this.sendHeaders(d);
      case 'headersReceived':
        return this.update(d, (l) => {
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
      attribution = attributeTabless(d.initiator, this.sink.tabsShowing(d.initiator));
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

  private start(d: RequestDetails): void {
    if (NAVIGATIONS.has(d.type) || d.initiator === undefined) return;
    const record = newRecord({
      id: `${d.tabId}:${d.requestId}`,
      requestId: d.requestId,
      seq: this.sink.nextSeq(),
      tabId: d.tabId,
      frameId: d.frameId,
      parentFrameId: d.parentFrameId ?? -1,
      documentId: d.documentId ?? null,
      pageUrl: this.sink.pageUrl(d.tabId),
      initiator: d.initiator,
      url: d.url,
      method: d.method,
      type: d.type,
      startedAt: d.timeStamp,
    });
    const tabless = this.tabless.get(d.requestId);
    if (tabless) record.tabless = { why: tabless.why };
    const l: Live = { record, currentUrl: d.url, hopSent: false, hasPreflightForCurrentHop: false, published: false };
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
    if (l.record.redirects.length === 0) l.record.requestHeaders = headers;
    else l.record.redirects[l.record.redirects.length - 1]!.requestHeaders ??= headers;
    l.hopSent = true;
    if (!l.published && combinedHeader(headers, 'Origin') !== null) return this.publish(l);
    this.changed(l);
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
    if (target) {
      const actual = this.live.get(target.requestId)!;
      actual.record.preflight = preflight;
      actual.hasPreflightForCurrentHop = true;
      this.preflights.set(d.requestId, target.requestId);
      return this.changed(actual);
    }
    // No request waiting for it. Either its onBeforeRequest is still on its way (events of two
    // requests can arrive out of order under load) or recording began in between: keep it as an
    // exchange of its own, which the actual request absorbs if it shows up.
    const orphan: Live = {
      ...l,
      record: { ...l.record, method: acrm, preflight },
      hopSent: false,
      hasPreflightForCurrentHop: true,
    };
    this.live.set(orphan.record.requestId, orphan);
    this.preflights.set(d.requestId, orphan.record.requestId);
    this.orphans.add(orphan.record.requestId);
    this.publish(orphan);
  }

  /** Moves an orphaned preflight into the request it guarded, which arrived after it. */
  private absorbOrphan(l: Live): void {
    const r = l.record;
    for (const id of this.orphans) {
      const o = this.live.get(id)?.record;
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
      this.orphans.delete(id);
      this.live.delete(id);
      r.preflight = o.preflight;
      l.hasPreflightForCurrentHop = true;
      if (o.preflight?.outcome === 'pending') this.preflights.set(o.preflight.requestId, r.requestId);
      this.sink.remove(o);
      return;
    }
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
        awaitingSend: !l.hopSent,
        hasPreflightForCurrentHop: l.hasPreflightForCurrentHop,
      };
    }
  }

  private handlePreflight(event: WebRequestEventName, d: RequestDetails, ownerId: string): void {
    const owner = this.live.get(ownerId);
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
    if (l.published) this.sink.upsert(l.record);
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
    if (l.published) this.sink.upsert(r);
  }

  private update(d: RequestDetails, mutate: (l: Live) => void): void {
    const l = this.live.get(d.requestId);
    if (!l) return;
    mutate(l);
    this.changed(l);
  }

  private publish(l: Live): void {
    l.published = true;
    this.sink.upsert(l.record);
  }

  private changed(l: Live): void {
    if (l.published) this.sink.upsert(l.record);
  }
}
