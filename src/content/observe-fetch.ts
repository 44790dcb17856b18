/**
 * fetch(): the call's mode, credentials, redirect mode and headers, and what JavaScript got.
 *
 * The page receives a promise that settles with exactly the value (or the very rejection reason)
 * fetch produced, one reaction later. Returning fetch's own promise would need a reaction on it to
 * see the outcome, and that reaction would mark a rejection the page never handles as handled —
 * hiding the console's "Uncaught (in promise) TypeError: Failed to fetch" and the page's
 * unhandledrejection handlers, which is precisely what someone debugging CORS is looking at.
 * A synchronous throw from fetch (a wrong `this`) is rethrown as is.
 */
import type { JsResponseType, PageCall } from '../shared/page-facts.ts';
import {
  credentialsMode,
  dataProperty,
  errorOutcome,
  fetchMode,
  HeaderReader,
  normalizeMethod,
  redirectMode,
  reportableUrl,
} from './call-facts.ts';
import type { Intrinsics, ObservedScope } from './intrinsics.ts';
import { patchValue, type Patch } from './patch.ts';
import type { Reporter } from './reporter.ts';

const RESPONSE_TYPES: readonly JsResponseType[] = ['basic', 'cors', 'opaque', 'opaqueredirect', 'default', 'error'];

export function observeFetch(scope: ObservedScope, x: Intrinsics, reporter: Reporter): Patch | null {
  const RequestCtor = scope.Request;
  const request = (key: string) => x.getter(RequestCtor?.prototype, key);
  const req = {
    url: request('url'),
    method: request('method'),
    mode: request('mode'),
    credentials: request('credentials'),
    redirect: request('redirect'),
    headers: request('headers'),
    body: request('body'),
  };
  const response = {
    type: x.getter(scope.Response?.prototype, 'type'),
    status: x.getter(scope.Response?.prototype, 'status'),
    redirected: x.getter(scope.Response?.prototype, 'redirected'),
    url: x.getter(scope.Response?.prototype, 'url'),
  };
  const headers = new HeaderReader(x, scope);
  const then = scope.Promise.prototype.then;

  const describe = (input: unknown, init: unknown): PageCall | null => {
    const at = reporter.now();
    let call: Omit<PageCall, 'url'> & { url: string | null };
    if (x.isInstance(input, RequestCtor)) {
      const r = input as object;
      call = {
        api: 'fetch',
        url: reportableUrl(req.url(r)),
        method: String(req.method(r)),
        mode: fetchMode(req.mode(r)),
        credentials: credentialsMode(req.credentials(r)),
        redirect: redirectMode(req.redirect(r)),
        headers: headers.read(req.headers(r)),
        body: req.body(r) !== null,
        streamBody: false,
        uploadListener: false,
        at,
      };
    } else if (typeof input === 'string' || x.isInstance(input, scope.URL)) {
      // A URL object resolves to its own href; fetch would stringify it the same way.
      const url =
        typeof input === 'string'
          ? x.resolve(input)
          : reportableUrl(x.getter(scope.URL.prototype, 'href')(input as object));
      call = {
        api: 'fetch',
        url,
        method: 'GET',
        mode: 'cors',
        credentials: 'same-origin',
        redirect: 'follow',
        headers: [],
        body: false,
        streamBody: false,
        uploadListener: false,
        at,
      };
    } else {
      // Any other object is stringified by fetch with the page's own toString; calling it twice would show.
      return null;
    }
    if (typeof init === 'object' && init !== null) {
      const method = dataProperty(init, 'method');
      if (typeof method === 'string') call.method = normalizeMethod(method);
      call.mode = fetchMode(dataProperty(init, 'mode'), call.mode ?? 'cors');
      call.credentials = credentialsMode(dataProperty(init, 'credentials'), call.credentials ?? 'same-origin');
      call.redirect = redirectMode(dataProperty(init, 'redirect'), call.redirect ?? 'follow');
      const h = dataProperty(init, 'headers');
      if (h !== undefined) call.headers = headers.read(h);
      const body = dataProperty(init, 'body');
      if (body !== undefined) {
        call.body = body !== null;
        call.streamBody = x.isInstance(body, scope.ReadableStream);
      }
    }
    const url = reportableUrl(call.url);
    return url === null ? null : { ...call, url };
  };

  return patchValue<typeof fetch>(
    scope,
    'fetch',
    (original) =>
      new Proxy(original, {
        apply(target, thisArg, args: unknown[]) {
          let id = 0;
          if (reporter.active) {
            try {
              const call = describe(args[0], args[1]);
              if (call) id = reporter.start(call);
            } catch {
              // The page's arguments defeated the reader (a hostile Proxy): observe nothing, change nothing.
            }
          }
          if (id === 0) return x.apply(target, thisArg, args);
          let promise: Promise<Response>;
          try {
            promise = x.apply(target, thisArg, args) as Promise<Response>;
          } catch (error) {
            reporter.end(id, () => errorOutcome(x, scope, error));
            throw error;
          }
          return x.apply(then, promise, [
            (r: Response) => {
              reporter.end(id, () => {
                const type = response.type(r) as JsResponseType;
                const status = response.status(r);
                return {
                  kind: 'response',
                  type: RESPONSE_TYPES.includes(type) ? type : null,
                  status: typeof status === 'number' ? status : 0,
                  redirected: response.redirected(r) === true,
                  url: reportableUrl(response.url(r)) ?? '',
                };
              });
              return r;
            },
            (error: unknown) => {
              reporter.end(id, () => errorOutcome(x, scope, error));
              throw error;
            },
          ]);
        },
      }),
  );
}
