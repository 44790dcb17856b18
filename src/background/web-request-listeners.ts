/**
 * Adds and removes one set of webRequest listeners for one filter. Only onSendHeaders and
 * onHeadersReceived ask for 'extraHeaders': they are almost the whole cost of observing
 * (../shared/notes/listener-cost.md), and one such listener is enough to make preflights and
 * blocked responses visible to the plain ones.
 */
import { headerSpec, supportsExtraHeaders } from '../platform/web-request.ts';

export type WebRequestEventName =
  | 'beforeRequest'
  | 'sendHeaders'
  | 'headersReceived'
  | 'beforeRedirect'
  | 'completed'
  | 'errorOccurred';

export type WebRequestHandler = (
  event: WebRequestEventName,
  details: chrome.webRequest.WebRequestDetails & Record<string, unknown>,
) => void;

export interface ListenerSet {
  remove(): void;
  /** How many of its listeners use 'extraHeaders' (0 on Firefox). */
  extraHeadersCount: number;
}

type AnyEvent = {
  addListener(cb: (d: never) => void, filter: chrome.webRequest.RequestFilter, spec?: string[]): void;
  removeListener(cb: (d: never) => void): void;
};

export function addListenerSet(filter: chrome.webRequest.RequestFilter, handle: WebRequestHandler): ListenerSet {
  const wr = chrome.webRequest;
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
    const cb = (d: never) => handle(name, d);
    event.addListener(cb, filter, spec);
    added.push([event, cb]);
  }
  return {
    remove: () => {
      for (const [event, cb] of added) event.removeListener(cb);
    },
    extraHeadersCount: supportsExtraHeaders() ? 2 : 0,
  };
}
