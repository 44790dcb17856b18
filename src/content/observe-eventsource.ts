/**
 * EventSource: always mode 'cors'; credentials 'include' with withCredentials, else 'same-origin'
 * (HTML "EventSource(url, eventSourceInitDict)"). The outcome is the first `open` or `error`.
 * The constructor is wrapped with a Proxy, so `new`, `instanceof`, statics and the prototype stay native.
 */
import { errorOutcome, reportableUrl } from './call-facts.ts';
import type { Intrinsics, ObservedScope } from './intrinsics.ts';
import { patchValue, type Patch } from './patch.ts';
import type { Reporter } from './reporter.ts';

export function observeEventSource(scope: ObservedScope, x: Intrinsics, reporter: Reporter): Patch | null {
  const proto = scope.EventSource?.prototype;
  const get = { url: x.getter(proto, 'url'), withCredentials: x.getter(proto, 'withCredentials') };
  return patchValue<typeof EventSource>(
    scope,
    'EventSource',
    (original) =>
      new Proxy(original, {
        construct(target, args: unknown[], newTarget) {
          const at = reporter.now();
          let source: EventSource;
          try {
            source = x.construct(target, args, newTarget) as EventSource;
          } catch (error) {
            // A URL that does not parse: the constructor throws before any request.
            const url = reporter.active && typeof args[0] === 'string' ? reportableUrl(x.resolve(args[0])) : null;
            if (url !== null) {
              const id = reporter.start({
                api: 'eventsource',
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
              });
              reporter.end(id, () => errorOutcome(x, scope, error));
            }
            throw error;
          }
          if (!reporter.active) return source;
          try {
            const url = reportableUrl(get.url(source));
            if (url === null) return source;
            const id = reporter.start({
              api: 'eventsource',
              url,
              method: 'GET',
              mode: 'cors',
              credentials: get.withCredentials(source) ? 'include' : 'same-origin',
              redirect: 'follow',
              headers: [{ name: 'Accept', value: 'text/event-stream' }],
              body: false,
              streamBody: false,
              uploadListener: false,
              at,
            });
            let ended = false;
            const end = (kind: 'open' | 'error') => {
              if (ended) return;
              ended = true;
              reporter.end(id, () =>
                kind === 'open'
                  ? { kind: 'response', type: null, status: 200, redirected: false, url }
                  : { kind: 'error', name: 'error', message: 'EventSource error event' },
              );
            };
            x.listen(source, 'open', () => end('open'));
            x.listen(source, 'error', () => end('error'));
          } catch {
            // Not observable; the page keeps its EventSource.
          }
          return source;
        },
      }),
  );
}
