/**
 * XMLHttpRequest: open() gives the method and URL, setRequestHeader() the headers, send() the
 * credentials flag (withCredentials), the body and whether the upload object has listeners —
 * which makes Chromium force a preflight (Fetch "use-CORS-preflight flag"; xml_http_request.cc
 * checks upload_->HasEventListeners() when the request is created). The outcome comes from the
 * request's own load / error / abort / timeout events, or from what a synchronous send() threw.
 * The observer never touches the upload object's listeners itself: that alone would force a preflight.
 */
import { PAGE_LIMITS, type PageHeader } from '../shared/page-facts.ts';
import { errorOutcome, normalizeMethod, pageHeader, reportableUrl } from './call-facts.ts';
import type { Intrinsics, ObservedScope } from './intrinsics.ts';
import { patchValue, type Patch } from './patch.ts';
import type { Reporter } from './reporter.ts';
import type { UploadListeners } from './upload-listeners.ts';

interface XhrState {
  method: string;
  url: string | null;
  async: boolean;
  headers: PageHeader[];
  /** The id of the call in flight (0: none). */
  call: number;
  listening: boolean;
}

const OUTCOME_EVENTS: Record<string, string> = { error: 'NetworkError', abort: 'AbortError', timeout: 'TimeoutError' };

export function observeXhr(scope: ObservedScope, x: Intrinsics, reporter: Reporter, uploads: UploadListeners): Patch[] {
  const proto = scope.XMLHttpRequest?.prototype;
  if (!proto) return [];
  const states = x.weakMap<XMLHttpRequest, XhrState>();
  const get = {
    withCredentials: x.getter(proto, 'withCredentials'),
    upload: x.getter(proto, 'upload'),
    status: x.getter(proto, 'status'),
    responseURL: x.getter(proto, 'responseURL'),
  };

  const finish = (xhr: XMLHttpRequest, state: XhrState, type: string) => {
    const id = state.call;
    if (id === 0) return;
    state.call = 0;
    reporter.end(id, () => {
      if (type !== 'load')
        return { kind: 'error', name: OUTCOME_EVENTS[type] ?? type, message: `XMLHttpRequest ${type} event` };
      const url = reportableUrl(get.responseURL(xhr)) ?? '';
      // responseURL never has a fragment; the URL given to open() may.
      return {
        kind: 'response',
        type: null,
        status: get.status(xhr) as number,
        redirected: url !== '' && url !== state.url?.split('#')[0],
        url,
      };
    });
  };

  /**
   * Wraps a prototype method: `before` may start a report and return what to do if the call
   * throws; `after` runs once the native call returned. Neither can change the call or its result.
   */
  const wrap = (
    key: string,
    after: (xhr: XMLHttpRequest, args: unknown[]) => void,
    before?: (xhr: XMLHttpRequest, args: unknown[]) => ((error: unknown) => void) | undefined,
  ) =>
    patchValue<(...args: unknown[]) => unknown>(
      proto,
      key,
      (original) =>
        new Proxy(original, {
          apply(target, thisArg: XMLHttpRequest, args: unknown[]) {
            let failed: ((error: unknown) => void) | undefined;
            if (reporter.active && before) {
              try {
                failed = before(thisArg, args);
              } catch {
                failed = undefined;
              }
            }
            let result: unknown;
            try {
              result = x.apply(target, thisArg, args);
            } catch (error) {
              if (failed) failed(error);
              throw error;
            }
            if (reporter.active) {
              try {
                after(thisArg, args);
              } catch {
                // Observing failed; the page's call already succeeded and keeps its result.
              }
            }
            return result;
          },
        }),
    );

  const open = wrap('open', (xhr, args) => {
    const method = args[0];
    const url = args[1];
    states.set(xhr, {
      method: typeof method === 'string' ? normalizeMethod(method) : 'GET',
      url:
        typeof url === 'string'
          ? x.resolve(url)
          : x.isInstance(url, scope.URL)
            ? reportableUrl(x.getter(scope.URL.prototype, 'href')(url as object))
            : null,
      // The async argument is converted to a boolean by the binding; truthiness does that without calling page code.
      async: args.length < 3 || !!args[2],
      headers: [],
      call: 0,
      // A reused request keeps the listeners added for its earlier sends.
      listening: states.get(xhr)?.listening ?? false,
    });
  });

  const setRequestHeader = wrap('setRequestHeader', (xhr, args) => {
    const state = states.get(xhr);
    const h = typeof args[0] === 'string' ? pageHeader(args[0], args[1]) : null;
    if (state && h && state.headers.length < PAGE_LIMITS.headers) state.headers.push(h);
  });

  const send = wrap(
    'send',
    (xhr) => {
      // A synchronous request has finished when send() returns.
      const state = states.get(xhr);
      if (state && !state.async) finish(xhr, state, 'load');
    },
    (xhr, args) => {
      const state = states.get(xhr);
      const url = reportableUrl(state?.url ?? null);
      if (!state || url === null) return;
      const body = args[0] !== undefined && args[0] !== null && state.method !== 'GET' && state.method !== 'HEAD';
      state.call = reporter.start({
        api: 'xhr',
        url,
        method: state.method,
        mode: 'cors',
        credentials: get.withCredentials(xhr) ? 'include' : 'same-origin',
        redirect: 'follow',
        headers: state.headers,
        body,
        streamBody: false,
        uploadListener: uploads.has(get.upload(xhr) as object),
        at: reporter.now(),
      });
      if (state.async && !state.listening) {
        state.listening = true;
        for (const type of ['load', 'error', 'abort', 'timeout'])
          x.listen(xhr, type, () => finish(xhr, states.get(xhr)!, type));
      }
      return (error: unknown) => {
        const id = state.call;
        state.call = 0;
        if (id) reporter.end(id, () => errorOutcome(x, scope, error));
      };
    },
  );

  return [open, setRequestHeader, send].filter((p): p is Patch => p !== null);
}
