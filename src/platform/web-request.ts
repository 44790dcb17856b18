/**
 * webRequest, and its browser differences, in one place. Chromium hides preflights, `Origin`,
 * `Cookie` and the headers of blocked responses unless a listener asks for 'extraHeaders' (Chrome
 * 79+, https://developer.chrome.com/docs/extensions/reference/api/webRequest#life-cycle-of-requests);
 * Firefox rejects that value ("Invalid enumeration value") and shows them anyway.
 *
 * Only onSendHeaders and onHeadersReceived ask for 'extraHeaders': they are almost the whole cost
 * of observing (docs/architecture.md, "What observing costs"), and one such listener is enough to
 * make preflights and blocked responses visible to the plain ones.
 */

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
  /** Adds one listener per event for the target; the set is removed as a whole. */
  listen(target: ListenerTarget, handle: WebRequestHandler): ListenerSet;
}

export function supportsExtraHeaders(): boolean {
  return typeof chrome !== 'undefined' && !!chrome.webRequest?.OnSendHeadersOptions?.EXTRA_HEADERS;
}

/** The extraInfoSpec for a header-carrying event, with 'extraHeaders' where the browser has it. */
function headerSpec<T extends string>(kind: T): (T | 'extraHeaders')[] {
  return supportsExtraHeaders() ? [kind, 'extraHeaders'] : [kind];
}

type AnyEvent = {
  addListener(cb: (d: never) => void, filter: chrome.webRequest.RequestFilter, spec?: string[]): void;
  removeListener(cb: (d: never) => void): void;
};

export const chromeWebRequest: WebRequestHost = {
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
      const cb = (d: never) => handle(name, d as RequestDetails);
      // Firefox rejects an explicit `undefined` extraInfoSpec ("Incorrect argument types").
      if (spec) event.addListener(cb, filter, spec);
      else event.addListener(cb, filter);
      added.push([event, cb]);
    }
    return {
      remove: () => {
        for (const [event, cb] of added) event.removeListener(cb);
      },
      extraHeadersCount: supportsExtraHeaders() ? 2 : 0,
    };
  },
};
