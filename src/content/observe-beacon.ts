/**
 * navigator.sendBeacon(url, data): a POST with credentials 'include'. Its mode is 'cors' when the
 * body is a Blob whose type is not a CORS-safelisted Content-Type, else 'no-cors' (Beacon §3.2,
 * step 7). JavaScript learns only whether the beacon was queued.
 */
import { errorOutcome, pageHeader, reportableUrl } from './call-facts.ts';
import type { Intrinsics, ObservedScope } from './intrinsics.ts';
import { patchValue, type Patch } from './patch.ts';
import type { Reporter } from './reporter.ts';

const SAFELISTED_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export function observeBeacon(scope: ObservedScope, x: Intrinsics, reporter: Reporter): Patch | null {
  const blobType = x.getter(scope.Blob?.prototype, 'type');
  const contentTypeOf = (data: unknown): string | null => {
    if (typeof data === 'string') return 'text/plain;charset=UTF-8';
    if (x.isInstance(data, scope.Blob)) return (blobType(data as object) as string) || null;
    if (x.isInstance(data, scope.URLSearchParams)) return 'application/x-www-form-urlencoded;charset=UTF-8';
    if (x.isInstance(data, scope.FormData)) return 'multipart/form-data';
    return null;
  };
  return patchValue<Navigator['sendBeacon']>(
    scope.Navigator?.prototype,
    'sendBeacon',
    (original) =>
      new Proxy(original, {
        apply(target, thisArg, args: unknown[]) {
          let id = 0;
          if (reporter.active && typeof args[0] === 'string') {
            try {
              const url = reportableUrl(x.resolve(args[0]));
              const data = args[1];
              const type = contentTypeOf(data);
              const essence = (type ?? '').split(';')[0]!.trim().toLowerCase();
              const cors = x.isInstance(data, scope.Blob) && type !== null && !SAFELISTED_TYPES.includes(essence);
              const header = type === null ? null : pageHeader('Content-Type', type);
              if (url !== null) {
                id = reporter.start({
                  api: 'beacon',
                  url,
                  method: 'POST',
                  mode: cors ? 'cors' : 'no-cors',
                  credentials: 'include',
                  redirect: 'follow',
                  headers: header ? [header] : [],
                  body: data !== undefined && data !== null,
                  streamBody: false,
                  uploadListener: false,
                  at: reporter.now(),
                });
              }
            } catch {
              id = 0;
            }
          }
          let accepted: unknown;
          try {
            accepted = x.apply(target, thisArg, args);
          } catch (error) {
            if (id) reporter.end(id, () => errorOutcome(x, scope, error));
            throw error;
          }
          if (id) reporter.end(id, () => ({ kind: 'queued', accepted: accepted === true }));
          return accepted;
        },
      }),
  );
}
