/**
 * Records Chromium's own view of every request over CDP (Network domain): each hop as blink sent
 * it (requestWillBeSent), the raw wire headers (…ExtraInfo, with Origin, Cookie and repeated
 * headers), the response, and the end (loadingFinished, or loadingFailed with corsErrorStatus —
 * the browser's verdict). A preflight is its own request whose initiator names the request it
 * was sent for (initiator.type 'preflight').
 */
import type { CDPSession } from 'playwright-core';
import type { Header } from '../../../src/cors/types.ts';

export interface CdpResponse {
  status: number;
  headers: Header[];
}

export interface CdpCorsErrorStatus {
  corsError: string;
  failedParameter: string;
}

export interface CdpRequest {
  id: string;
  /** CDP resource type of the first requestWillBeSent (Fetch, XHR, Other for preflights). */
  resourceType: string | undefined;
  frameId: string | undefined;
  /** On a preflight: the id of the request it was sent for. */
  preflightFor: string | undefined;
  /** One entry per hop, as blink sent it (no Origin/Cookie; present even when the hop never left). */
  hops: { url: string; method: string; headers: Header[] }[];
  /** The 3xx response that ended hop i (index i), from the next requestWillBeSent. */
  redirectResponses: CdpResponse[];
  /** Request headers on the wire, one entry per hop that was sent (requestWillBeSentExtraInfo). */
  wireRequests: Header[][];
  /** Responses as received, one per hop that got one (responseReceivedExtraInfo; raw header lines). */
  wireResponses: CdpResponse[];
  /** The response delivered to the renderer (absent when CORS blocked it). */
  response: CdpResponse | undefined;
  finished: boolean;
  /** blockedReason: why the browser refused it outside CORS (`mixed-content`, `csp`, `other`). */
  failed: { errorText: string; corsErrorStatus?: CdpCorsErrorStatus; blockedReason?: string } | undefined;
}

/** CDP `Headers` objects fold repeated headers into one value joined with "\n". */
function headersFromObject(obj: Record<string, string> | undefined): Header[] {
  return Object.entries(obj ?? {}).flatMap(([name, value]) =>
    String(value)
      .split('\n')
      .map((v) => ({ name, value: v })),
  );
}

/** Parses an HTTP/1.1 header block ("HTTP/1.1 200 OK\r\nName: value\r\n…") into wire-order lines. */
function headersFromText(text: string): Header[] {
  return text
    .split('\r\n')
    .slice(1)
    .filter((line) => line.includes(':'))
    .map((line) => {
      const colon = line.indexOf(':');
      return { name: line.slice(0, colon), value: line.slice(colon + 1).trim() };
    });
}

interface WillBeSent {
  requestId: string;
  type?: string;
  frameId?: string;
  initiator: { type: string; requestId?: string };
  request: { url: string; method: string; headers: Record<string, string> };
  redirectResponse?: { status: number; headers: Record<string, string> };
}

export class NetworkRecorder {
  readonly requests = new Map<string, CdpRequest>();
  private lastEventAt = Date.now();
  private readonly listeners: [string, (p: never) => void][] = [];

  private constructor(private readonly cdp: CDPSession) {}

  static async start(cdp: CDPSession): Promise<NetworkRecorder> {
    const r = new NetworkRecorder(cdp);
    r.listen('Network.requestWillBeSent', (p: WillBeSent) => r.willBeSent(p));
    r.listen('Network.requestWillBeSentExtraInfo', (p: { requestId: string; headers: Record<string, string> }) => {
      r.get(p.requestId).wireRequests.push(headersFromObject(p.headers));
    });
    r.listen(
      'Network.responseReceivedExtraInfo',
      (p: { requestId: string; statusCode: number; headers: Record<string, string>; headersText?: string }) => {
        r.get(p.requestId).wireResponses.push({
          status: p.statusCode,
          headers: p.headersText ? headersFromText(p.headersText) : headersFromObject(p.headers),
        });
      },
    );
    r.listen(
      'Network.responseReceived',
      (p: { requestId: string; response: { status: number; headers: Record<string, string> } }) => {
        r.get(p.requestId).response = { status: p.response.status, headers: headersFromObject(p.response.headers) };
      },
    );
    r.listen('Network.loadingFinished', (p: { requestId: string }) => {
      r.get(p.requestId).finished = true;
    });
    r.listen(
      'Network.loadingFailed',
      (p: { requestId: string; errorText: string; corsErrorStatus?: CdpCorsErrorStatus; blockedReason?: string }) => {
        r.get(p.requestId).failed = {
          errorText: p.errorText,
          ...(p.corsErrorStatus ? { corsErrorStatus: p.corsErrorStatus } : {}),
          ...(p.blockedReason ? { blockedReason: p.blockedReason } : {}),
        };
      },
    );
    // Not Network.setCacheDisabled: it also bypasses the preflight cache (measured in Chromium 156:
    // two identical PUTs under Max-Age 60 sent two preflights), which the Max-Age scenarios observe.
    // Unique URLs and validator-less replies keep the HTTP cache out instead.
    await cdp.send('Network.enable');
    return r;
  }

  stop(): void {
    for (const [event, fn] of this.listeners) this.cdp.off(event as never, fn as never);
    this.listeners.length = 0;
  }

  /** Requests the page made (not preflights) whose first URL's path starts with `pathPrefix`, on any origin, in start order. */
  pageRequests(pathPrefix: string): CdpRequest[] {
    return [...this.requests.values()].filter(
      (r) =>
        r.preflightFor === undefined &&
        r.hops[0] !== undefined &&
        new URL(r.hops[0].url).pathname.startsWith(pathPrefix),
    );
  }

  /** The preflights Chromium sent for a request, in order (a redirected request may need one per URL). */
  preflightsOf(id: string): CdpRequest[] {
    return [...this.requests.values()].filter((r) => r.preflightFor === id);
  }

  /**
   * Waits until every given request has ended and its responses' extra-info arrived, then for a
   * short quiet spell: CDP may deliver an ExtraInfo event after the loading event it belongs to.
   */
  async settle(requests: CdpRequest[], timeoutMs = 5000, quietMs = 30): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const complete = (r: CdpRequest) =>
      (r.finished || r.failed !== undefined) &&
      r.wireResponses.length >= r.redirectResponses.length + (r.response ? 1 : 0);
    const done = () =>
      requests.every(
        (r) =>
          complete(r) &&
          this.preflightsOf(r.id).every((p) => p.finished || p.failed !== undefined || p.wireResponses.length > 0),
      );
    while (Date.now() < deadline && (!done() || Date.now() - this.lastEventAt < quietMs)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (!done())
      throw new Error(
        `CDP did not report the end of ${requests.map((r) => r.hops[0]?.url).join(', ')} within ${timeoutMs} ms`,
      );
  }

  private listen<T>(event: string, fn: (p: T) => void): void {
    const wrapped = (p: T) => {
      this.lastEventAt = Date.now();
      fn(p);
    };
    this.cdp.on(event as never, wrapped as never);
    this.listeners.push([event, wrapped as (p: never) => void]);
  }

  private get(id: string): CdpRequest {
    let r = this.requests.get(id);
    if (!r) {
      r = {
        id,
        resourceType: undefined,
        frameId: undefined,
        preflightFor: undefined,
        hops: [],
        redirectResponses: [],
        wireRequests: [],
        wireResponses: [],
        response: undefined,
        finished: false,
        failed: undefined,
      };
      this.requests.set(id, r);
    }
    return r;
  }

  private willBeSent(p: WillBeSent): void {
    const r = this.get(p.requestId);
    if (r.hops.length === 0) {
      r.resourceType = p.type;
      r.frameId = p.frameId;
      r.preflightFor = p.initiator.type === 'preflight' ? p.initiator.requestId : undefined;
    }
    if (p.redirectResponse)
      r.redirectResponses.push({
        status: p.redirectResponse.status,
        headers: headersFromObject(p.redirectResponse.headers),
      });
    r.hops.push({ url: p.request.url, method: p.request.method, headers: headersFromObject(p.request.headers) });
  }
}
