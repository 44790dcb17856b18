/**
 * Chromium's own view of each request of one tab, from the DevTools protocol's Network domain:
 * each hop as blink sent it (requestWillBeSent), the raw wire headers (…ExtraInfo, with Origin,
 * Cookie, Authorization and repeated headers), the response, and the end (loadingFinished, or
 * loadingFailed with corsErrorStatus — the browser's verdict). A preflight is its own request whose
 * initiator names the request it was sent for (initiator.type 'preflight'): the exact link.
 *
 * A request is handed on (`settled`) once it ended, the extra-info events it was promised have
 * arrived, and the preflight it is owed, if any, was reported (preflight-due.ts): they come from
 * the network service and the browser, the other events from the renderer, in no fixed order (CDP:
 * hasExtraInfo, redirectHasExtraInfo). A failed request promises nothing, so it waits a short
 * grace. Settled requests are kept a while for events that come later still — a late preflight
 * too — (the record is then settled again), and then forgotten: memory holds only what is in flight.
 */
import type Protocol from 'devtools-protocol';
import type { Header } from '../../cors/types.ts';
import type { CdpEvent, CdpMessage } from './channel.ts';
import type { PreflightDue } from './preflight-due.ts';
import { headersFromObject, headersFromText } from './wire.ts';

/** The Network events the log reads. */
export const NETWORK_EVENTS: readonly CdpEvent[] = [
  'Network.requestWillBeSent',
  'Network.requestWillBeSentExtraInfo',
  'Network.responseReceived',
  'Network.responseReceivedExtraInfo',
  'Network.requestServedFromCache',
  'Network.loadingFinished',
  'Network.loadingFailed',
];

/**
 * Network.enable's parameters: response bodies are never read, so none are buffered (nor request
 * bodies copied into the events) — DevTools keeps those copies for its Network panel.
 */
export const NETWORK_ENABLE = { maxTotalBufferSize: 0, maxResourceBufferSize: 0, maxPostDataSize: 0 };

export interface CdpResponse {
  status: number;
  statusLine: string | null;
  headers: Header[];
}

export interface CdpFinalResponse extends CdpResponse {
  url: string;
  fromCache: boolean;
  ip: string | null;
}

export interface CdpHop {
  url: string;
  method: string;
  /** The headers blink prepared (no Origin, Cookie or other network-added headers). */
  headers: Header[];
  /** Epoch ms (wallTime) and monotonic seconds when this hop started. */
  wallMs: number;
  timestamp: number;
}

export interface CdpRequest {
  id: string;
  resourceType: Protocol.Network.ResourceType | undefined;
  frameId: string | undefined;
  loaderId: string;
  documentURL: string;
  /** On a preflight: the id of the request it was sent for. */
  preflightFor: string | undefined;
  /** One entry per hop, as blink sent it (present even when the hop never left). */
  hops: CdpHop[];
  /** The 3xx response that ended hop i (index i), from the next requestWillBeSent. */
  redirectResponses: CdpResponse[];
  /** Request headers on the wire, one entry per hop that was sent (requestWillBeSentExtraInfo). */
  wireRequests: Header[][];
  /** Responses as received, one per hop that got one (responseReceivedExtraInfo; raw header lines). */
  wireResponses: CdpResponse[];
  /** The response delivered to the renderer (absent when CORS blocked it). */
  response: CdpFinalResponse | undefined;
  /** Extra-info events promised by the protocol and not yet arrived. */
  extraInfoPromised: number;
  /** Monotonic seconds of the end. */
  endedAt: number | undefined;
  finished: boolean;
  failed: { errorText: string; canceled: boolean; corsErrorStatus?: Protocol.Network.CorsErrorStatus } | undefined;
}

/** A request the page made and the preflights Chromium sent for it (a redirected request may need one per URL). */
export interface CdpExchange {
  request: CdpRequest;
  preflights: CdpRequest[];
  /** A preflight is owed (no earlier one could serve it from Chromium's cache) and none was reported (yet). */
  preflightUnreported?: boolean;
}

export interface NetworkLogOptions {
  /** A request (not a preflight) started: `r` has its first hop. */
  started?(r: CdpRequest): void;
  /** A request ended and its promised events arrived; called again if a late event changes it. */
  settled(x: CdpExchange): void;
  /**
   * A request ended whose start was never reported: a child target (a worker, a sandboxed srcdoc
   * iframe) that ran before this session could watch it. Its URL is known only if a response reached the page.
   */
  missed?(r: CdpRequest): void;
  /** For a request with no preflight reported: whether one is owed (preflight-due.ts; default: never). */
  preflightDue?(x: CdpExchange): PreflightDue;
  /** A preflight got (or changed) its response. */
  preflightAnswered?(p: CdpRequest): void;
  /** How long a failed request waits for extra-info events that may still come (default 100 ms). */
  graceMs?: number;
  /** How long an ended request waits for a preflight it is surely owed (default 5 s). */
  preflightWaitMs?: number;
  /** How long a settled request is kept for later events (default 5 s). */
  keepMs?: number;
  now?(): number;
}

/** Requests with events but no requestWillBeSent (a worker's request, half reported here) are dropped after this. */
const ORPHAN_MS = 30_000;
/** Settled requests kept for late events, at most. */
const MAX_KEPT = 2000;
/**
 * How long an ended request an earlier preflight may serve from the cache waits for one of its own
 * (seen up to 170 ms late under load), and how often one surely owed a preflight looks again
 * whether an answer seen meanwhile (an identical request's, in another tab) may serve it instead.
 */
const CACHED_PREFLIGHT_GRACE_MS = 300;

const ended = (r: CdpRequest) => r.finished || r.failed !== undefined;

export class NetworkLog {
  private readonly live = new Map<string, CdpRequest>();
  /** Actual request id → its preflights (a preflight may be reported before its request). */
  private readonly preflights = new Map<string, CdpRequest[]>();
  private readonly kept = new Map<string, { x: CdpExchange; until: number }>();
  /** Requests reported missed: their later events (a second session's copy, a late extra info) are ignored. */
  private readonly missedIds = new Set<string>();
  /** Preflight id → the kept request it belongs to. */
  private readonly keptPreflights = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly createdAt = new Map<string, number>();
  /** When each ended request's end was heard. */
  private readonly endHeard = new Map<string, number>();
  private readonly graceMs: number;
  private readonly keepMs: number;
  private readonly preflightWaitMs: number;
  private readonly now: () => number;
  private lastSweep = 0;

  constructor(private readonly o: NetworkLogOptions) {
    this.graceMs = o.graceMs ?? 100;
    this.keepMs = o.keepMs ?? 5000;
    this.preflightWaitMs = o.preflightWaitMs ?? 5000;
    this.now = o.now ?? Date.now;
  }

  /** The page's requests still in flight, with their preflights so far. */
  *inFlight(): Iterable<CdpExchange> {
    for (const r of this.live.values()) if (r.preflightFor === undefined && r.hops.length > 0) yield this.exchangeOf(r);
  }

  /** A request with its preflights so far, saying whether the one it is owed is still unreported. */
  private exchangeOf(r: CdpRequest): CdpExchange {
    const x: CdpExchange = { request: r, preflights: this.preflights.get(r.id) ?? [] };
    if (x.preflights.length === 0 && this.o.preflightDue?.(x) === 'sure') x.preflightUnreported = true;
    return x;
  }

  /** Requests heard of only by events after their start (see `missed`), not yet ended. */
  startsUnseen(): number {
    let n = 0;
    for (const r of this.live.values()) if (r.hops.length === 0) n++;
    return n;
  }

  /** Feeds one event; events of other domains are ignored. */
  handle({ method, params }: CdpMessage): void {
    switch (method) {
      case 'Network.requestWillBeSent':
        return this.willBeSent(params as Protocol.Network.RequestWillBeSentEvent);
      case 'Network.requestWillBeSentExtraInfo': {
        const p = params as Protocol.Network.RequestWillBeSentExtraInfoEvent;
        return this.touch(p.requestId, (r) => {
          r.wireRequests.push(headersFromObject(p.headers));
          r.extraInfoPromised--;
        });
      }
      case 'Network.responseReceivedExtraInfo': {
        const p = params as Protocol.Network.ResponseReceivedExtraInfoEvent;
        return this.touch(p.requestId, (r) => {
          const parsed = p.headersText ? headersFromText(p.headersText) : null;
          r.wireResponses.push({
            status: p.statusCode,
            statusLine: parsed?.statusLine ?? null,
            headers: parsed?.headers ?? headersFromObject(p.headers),
          });
          r.extraInfoPromised--;
        });
      }
      case 'Network.responseReceived': {
        const p = params as Protocol.Network.ResponseReceivedEvent;
        return this.touch(p.requestId, (r) => {
          const fromCache = !!(p.response.fromDiskCache || p.response.fromPrefetchCache);
          r.response = {
            url: p.response.url,
            status: p.response.status,
            statusLine: null,
            headers: headersFromObject(p.response.headers),
            fromCache,
            ip: p.response.remoteIPAddress ?? null,
          };
          if (p.hasExtraInfo) r.extraInfoPromised += 2;
        });
      }
      case 'Network.requestServedFromCache':
        return this.touch((params as Protocol.Network.RequestServedFromCacheEvent).requestId, (r) => {
          if (r.response) r.response.fromCache = true;
        });
      case 'Network.loadingFinished': {
        const p = params as Protocol.Network.LoadingFinishedEvent;
        return this.touch(p.requestId, (r) => {
          r.finished = true;
          r.endedAt = p.timestamp;
        });
      }
      case 'Network.loadingFailed': {
        const p = params as Protocol.Network.LoadingFailedEvent;
        return this.touch(p.requestId, (r) => {
          r.failed = {
            errorText: p.errorText,
            canceled: p.canceled === true,
            ...(p.corsErrorStatus ? { corsErrorStatus: p.corsErrorStatus } : {}),
          };
          r.endedAt = p.timestamp;
        });
      }
    }
  }

  /** Settles everything still in flight as it stands (the tab closed): nothing is silently dropped. */
  flush(): void {
    for (const r of [...this.live.values()]) if (r.preflightFor === undefined && r.hops.length > 0) this.settle(r);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private willBeSent(p: Protocol.Network.RequestWillBeSentEvent): void {
    if (p.initiator.type === 'preflight') this.adoptLatePreflight(p.requestId, p.initiator.requestId);
    this.touch(p.requestId, (r) => {
      const first = r.hops.length === 0;
      if (first) {
        r.resourceType = p.type;
        r.frameId = p.frameId;
        r.loaderId = p.loaderId;
        r.documentURL = p.documentURL;
        r.preflightFor = p.initiator.type === 'preflight' ? p.initiator.requestId : undefined;
        if (r.preflightFor !== undefined && !this.keptPreflights.has(r.id)) this.linkPreflight(r);
      }
      if (p.redirectResponse) {
        r.redirectResponses.push({
          status: p.redirectResponse.status,
          statusLine: null,
          headers: headersFromObject(p.redirectResponse.headers),
        });
        if (p.redirectHasExtraInfo) r.extraInfoPromised += 2;
      }
      r.hops.push({
        url: p.request.url + (p.request.urlFragment ?? ''),
        method: p.request.method,
        headers: headersFromObject(p.request.headers),
        wallMs: p.wallTime * 1000,
        timestamp: p.timestamp,
      });
      if (first && r.preflightFor === undefined) this.o.started?.(r);
    });
  }

  /**
   * A preflight first reported after its request settled (its events came late: preflight-due.ts)
   * joins the kept request, which is then settled again with it; its own events follow it there.
   */
  private adoptLatePreflight(id: string, requestId: string | undefined): void {
    const owner = this.kept.get(requestId ?? '');
    if (!owner || this.keptPreflights.has(id) || owner.x.preflights.some((p) => p.id === id)) return;
    const p = this.live.get(id) ?? blank(id);
    this.live.delete(id);
    this.createdAt.delete(id);
    owner.x.preflights.push(p);
    owner.x.preflightUnreported = undefined;
    this.keptPreflights.set(id, owner.x.request.id);
  }

  private linkPreflight(p: CdpRequest): void {
    const list = this.preflights.get(p.preflightFor!) ?? [];
    list.push(p);
    this.preflights.set(p.preflightFor!, list);
  }

  /** Applies an event to its request (live, or kept after settling) and settles what is ready. */
  private touch(id: string, apply: (r: CdpRequest) => void): void {
    if (this.missedIds.has(id)) return;
    const kept = this.kept.get(id);
    if (kept) {
      apply(kept.x.request);
      return this.o.settled(kept.x);
    }
    const owner = this.kept.get(this.keptPreflights.get(id) ?? '');
    if (owner) {
      const p = owner.x.preflights.find((q) => q.id === id)!;
      apply(p);
      this.o.preflightAnswered?.(p);
      return this.o.settled(owner.x);
    }
    let r = this.live.get(id);
    if (!r) {
      r = blank(id);
      this.live.set(id, r);
      this.createdAt.set(id, this.now());
    }
    apply(r);
    if (r.preflightFor !== undefined) this.o.preflightAnswered?.(r);
    this.check(r.preflightFor !== undefined ? this.live.get(r.preflightFor) : r);
    this.sweep();
  }

  /**
   * Settles an ended request whose promised events and owed preflight are in, or waits for them
   * until a deadline counted from when its end was heard.
   */
  private check(r: CdpRequest | undefined): void {
    if (!r || !ended(r) || !this.live.has(r.id)) return;
    if (r.hops.length === 0) {
      this.live.delete(r.id);
      this.createdAt.delete(r.id);
      this.missedIds.add(r.id);
      if (this.missedIds.size > MAX_KEPT) this.missedIds.delete(this.missedIds.values().next().value!);
      return this.o.missed?.(r);
    }
    const now = this.now();
    const heard = this.endHeard.get(r.id) ?? now;
    this.endHeard.set(r.id, heard);
    const linked = this.preflights.get(r.id) ?? [];
    const waits: number[] = [];
    const preflightsDone = linked.every((p) => ended(p) || p.wireResponses.length > 0);
    // A failed request promises no extra info, and a CORS-blocked response arrives only as extra info.
    if (!preflightsDone || r.extraInfoPromised > 0 || !(r.finished || r.wireResponses.length >= r.hops.length))
      waits.push(r.finished ? this.keepMs : this.graceMs);
    const due = linked.length === 0 ? (this.o.preflightDue?.({ request: r, preflights: linked }) ?? null) : null;
    if (due === 'unless-cached') waits.push(CACHED_PREFLIGHT_GRACE_MS);
    if (due === 'sure') waits.push(this.preflightWaitMs);
    const deadline = heard + Math.max(0, ...waits);
    if (now >= deadline) return this.settle(r);
    // While a preflight is owed, look again soon: an answer seen meanwhile may serve it from the cache.
    const at = due === 'sure' ? Math.min(deadline, now + CACHED_PREFLIGHT_GRACE_MS) : deadline;
    const timer = this.timers.get(r.id);
    if (timer) clearTimeout(timer);
    this.timers.set(
      r.id,
      setTimeout(() => this.check(r), at - now),
    );
  }

  private settle(r: CdpRequest): void {
    const timer = this.timers.get(r.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(r.id);
    if (!this.live.has(r.id)) return;
    const x = this.exchangeOf(r);
    this.live.delete(r.id);
    this.createdAt.delete(r.id);
    this.endHeard.delete(r.id);
    const preflights = x.preflights;
    this.preflights.delete(r.id);
    for (const p of preflights) {
      this.live.delete(p.id);
      this.createdAt.delete(p.id);
    }
    this.kept.set(r.id, { x, until: this.now() + this.keepMs });
    for (const p of preflights) this.keptPreflights.set(p.id, r.id);
    if (this.kept.size > MAX_KEPT) this.forget(this.kept.keys().next().value!);
    this.o.settled(x);
  }

  /** Forgets settled requests past their keep time, and events that never got a request. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [id, k] of this.kept) {
      if (k.until > now) break;
      this.forget(id);
    }
    for (const [id, at] of this.createdAt) {
      if (at > now - ORPHAN_MS) break;
      const r = this.live.get(id);
      if (r && r.hops.length > 0 && !ended(r)) continue;
      this.live.delete(id);
      this.createdAt.delete(id);
      if (r?.preflightFor === undefined) continue;
      // A preflight whose request was never reported here.
      const siblings = (this.preflights.get(r.preflightFor) ?? []).filter((p) => p !== r);
      if (siblings.length) this.preflights.set(r.preflightFor, siblings);
      else this.preflights.delete(r.preflightFor);
    }
  }

  private forget(id: string): void {
    for (const p of this.kept.get(id)?.x.preflights ?? []) this.keptPreflights.delete(p.id);
    this.kept.delete(id);
  }
}

function blank(id: string): CdpRequest {
  return {
    id,
    resourceType: undefined,
    frameId: undefined,
    loaderId: '',
    documentURL: '',
    preflightFor: undefined,
    hops: [],
    redirectResponses: [],
    wireRequests: [],
    wireResponses: [],
    response: undefined,
    extraInfoPromised: 0,
    endedAt: undefined,
    finished: false,
    failed: undefined,
  };
}
