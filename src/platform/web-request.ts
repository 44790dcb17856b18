/**
 * webRequest, and its browser differences, in one place. Chromium hides preflights, `Origin`,
 * `Cookie` and the headers of blocked responses unless a listener asks for 'extraHeaders' (Chrome
 * 79+, https://developer.chrome.com/docs/extensions/reference/api/webRequest#life-cycle-of-requests);
 * Firefox rejects that value ("Invalid enumeration value") and shows them anyway.
 *
 * Only onSendHeaders and onHeadersReceived ask for 'extraHeaders': they are almost the whole cost
 * of observing (docs/architecture.md, "What observing costs"), and one such listener is enough to
 * make preflights and blocked responses visible to the plain ones. Asking for it on onSendHeaders
 * alone costs the same (measured: 0.99× the page time, 1.05× the CPU, within noise); onSendHeaders
 * needs it itself: a plain onSendHeaders is shown no `Origin` even while onHeadersReceived asks.
 *
 * Each event is needed, although onBeforeRequest and onBeforeRedirect look derivable. A bare
 * listener set without them (onSendHeaders and onHeadersReceived with 'extraHeaders', onCompleted,
 * onErrorOccurred) costs 0.92× the page time and 0.96× the browser CPU of these six (same-round
 * medians over 9 rounds, each against no extension: the events it saves are dispatches to the
 * worker). But the capture needs onBeforeRequest: it is the only event of a request before its
 * preflight, so without it every preflight arrives first and becomes an exchange of its own that
 * its request absorbs later. Measured with the capture, that costs more than it saves (1.26× the
 * page time, 1.02× the CPU of the capture with all six, 7 rounds), and a preflighted request would
 * appear only once its preflight is over. onBeforeRedirect costs nothing where nothing redirects.
 *
 * Firefox also names the requester differently: no `initiator` or `documentId`, but the URL of
 * the document that made the request (`originUrl`). Its host hands the capture Chromium's shape.
 * What Firefox does in another order (its events around a preflight, how a blocked request ends)
 * is the capture's business, keyed on `browser` (capture.ts).
 */
import type { BrowserProfile } from '../shared/exchange.ts';

export type WebRequestEventName =
  | 'beforeRequest'
  | 'sendHeaders'
  | 'headersReceived'
  | 'beforeRedirect'
  | 'completed'
  | 'errorOccurred';

export interface HttpHeader {
  name: string;
  value?: string;
  binaryValue?: ArrayLike<number>;
}

/** The part of webRequest's event details the capture reads (every event carries the first block). */
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
  requestHeaders?: HttpHeader[];
  responseHeaders?: HttpHeader[];
  statusCode?: number;
  statusLine?: string;
  fromCache?: boolean;
  ip?: string;
  redirectUrl?: string;
  error?: string;
}

export type WebRequestHandler = (event: WebRequestEventName, details: RequestDetails) => void;

/** Which requests a listener set hears: every tab, or one. */
export type ListenerTarget = number | 'all';

export interface ListenerSet {
  remove(): void;
  /** How many of its listeners use 'extraHeaders' (0 on Firefox). */
  extraHeadersCount: number;
}

export interface WebRequestHost {
  /** Whose webRequest this is: the order and the ends of its events differ (capture.ts). */
  readonly browser: BrowserProfile;
  /** Adds one listener per event for the target; the set is removed as a whole. */
  listen(target: ListenerTarget, handle: WebRequestHandler): ListenerSet;
}

export function supportsExtraHeaders(): boolean {
  return typeof chrome !== 'undefined' && !!chrome.webRequest?.OnSendHeadersOptions?.EXTRA_HEADERS;
}

type AnyEvent = {
  addListener(cb: (d: never) => void, filter: chrome.webRequest.RequestFilter, spec?: string[]): void;
  removeListener(cb: (d: never) => void): void;
};

/** A host on the browser's `chrome.webRequest`, asking for 'extraHeaders' where the browser has it. */
function webRequestHost(
  browser: BrowserProfile,
  extraHeaders: () => boolean,
  toDetails: (raw: never) => RequestDetails,
): WebRequestHost {
  /** The extraInfoSpec for a header-carrying event. */
  const headerSpec = <T extends string>(kind: T): (T | 'extraHeaders')[] =>
    extraHeaders() ? [kind, 'extraHeaders'] : [kind];
  return {
    browser,
    listen(target, handle) {
      const wr = chrome.webRequest;
      const filter: chrome.webRequest.RequestFilter =
        target === 'all' ? { urls: ['<all_urls>'] } : { urls: ['<all_urls>'], tabId: target };
      const plan: [WebRequestEventName, AnyEvent, string[] | undefined][] = [
        ['beforeRequest', wr.onBeforeRequest as unknown as AnyEvent, undefined],
        ['sendHeaders', wr.onSendHeaders as unknown as AnyEvent, headerSpec('requestHeaders')],
        ['headersReceived', wr.onHeadersReceived as unknown as AnyEvent, headerSpec('responseHeaders')],
        ['beforeRedirect', wr.onBeforeRedirect as unknown as AnyEvent, ['responseHeaders']],
        ['completed', wr.onCompleted as unknown as AnyEvent, ['responseHeaders']],
        ['errorOccurred', wr.onErrorOccurred as unknown as AnyEvent, undefined],
      ];
      const added: [AnyEvent, (d: never) => void][] = [];
      for (const [name, event, spec] of plan) {
        const cb = (d: never) => handle(name, toDetails(d));
        // Firefox rejects an explicit `undefined` extraInfoSpec ("Incorrect argument types").
        if (spec) event.addListener(cb, filter, spec);
        else event.addListener(cb, filter);
        added.push([event, cb]);
      }
      return {
        remove: () => {
          for (const [event, cb] of added) event.removeListener(cb);
        },
        extraHeadersCount: extraHeaders() ? 2 : 0,
      };
    },
  };
}

export const chromeWebRequest: WebRequestHost = webRequestHost('chromium', supportsExtraHeaders, (d) => d);

/** What Firefox's details carry instead of `initiator` (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/webRequest/onBeforeRequest#details). */
export interface FirefoxRequesterFields {
  /** The URL of the document (or worker, or extension page) that made the request. */
  originUrl?: string;
  /** The URL of the document the request will be loaded into. */
  documentUrl?: string;
}

/**
 * Firefox's details in Chromium's shape: `initiator` is the origin of `originUrl`, serialized as
 * Chromium does ("null" for an opaque origin such as a `data:` document's). A document with an
 * opaque origin gets no `originUrl` at all (a sandboxed iframe, measured in ESR 153, whose
 * requests carry `Origin: null`): a tab's subresource request without one is such a document's,
 * initiator "null". Navigations and requests of no tab keep no initiator, as in Chromium.
 */
export function fromFirefoxDetails(d: RequestDetails & FirefoxRequesterFields): RequestDetails {
  if (d.initiator !== undefined) return d;
  if (d.originUrl !== undefined) return { ...d, initiator: originOf(d.originUrl) };
  if (d.tabId < 0 || NAVIGATIONS.has(d.type)) return d;
  return { ...d, initiator: 'null' };
}

/** Request types that load a document (Firefox has no 'outermost_frame'). */
const NAVIGATIONS = new Set(['main_frame', 'sub_frame']);

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

/** Firefox's webRequest: no 'extraHeaders' (it shows everything without it). */
export const firefoxWebRequest: WebRequestHost = webRequestHost('firefox', () => false, fromFirefoxDetails);
