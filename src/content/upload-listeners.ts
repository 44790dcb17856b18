/**
 * Which XMLHttpRequestUpload objects have event listeners, the way Blink counts them
 * (EventTarget::HasEventListeners: any type, via addEventListener or an on… attribute). The page's
 * calls go to the native methods unchanged; the observer only keeps count, through properties
 * defined on XMLHttpRequestUpload.prototype that shadow the inherited ones.
 */
import type { Intrinsics, ObservedScope } from './intrinsics.ts';
import { shadow, type Patch } from './patch.ts';

const HANDLER_ATTRIBUTES = ['onloadstart', 'onprogress', 'onabort', 'onerror', 'onload', 'ontimeout', 'onloadend'];

interface Registered {
  type: string;
  callback: unknown;
  capture: boolean;
}

export interface UploadListeners {
  has(upload: object | undefined): boolean;
  patch: Patch | null;
}

/** addEventListener's third argument: a boolean, or an options object whose `capture` counts. */
function captureOf(options: unknown): boolean {
  if (typeof options === 'object' && options !== null) {
    const d = Reflect.getOwnPropertyDescriptor(options, 'capture');
    return !!(d && 'value' in d && d.value);
  }
  return !!options;
}

export function trackUploadListeners(scope: ObservedScope, x: Intrinsics): UploadListeners {
  const proto = scope.XMLHttpRequestUpload?.prototype;
  const listeners = x.weakMap<object, Registered[]>();
  const handlers = x.weakMap<object, Set<string>>();
  const target = scope.EventTarget.prototype;
  const add = target.addEventListener;
  const remove = target.removeEventListener;

  const properties: Record<string, PropertyDescriptor> = {
    addEventListener: {
      writable: true,
      value: new Proxy(add, {
        apply(fn, self: object, args: unknown[]) {
          const result = x.apply(fn, self, args);
          const [type, callback, options] = args;
          if (typeof type === 'string' && callback) {
            const list = listeners.get(self) ?? [];
            const capture = captureOf(options);
            if (!list.some((l) => l.type === type && l.callback === callback && l.capture === capture))
              list.push({ type, callback, capture });
            listeners.set(self, list);
          }
          return result;
        },
      }),
    },
    removeEventListener: {
      writable: true,
      value: new Proxy(remove, {
        apply(fn, self: object, args: unknown[]) {
          const result = x.apply(fn, self, args);
          const [type, callback, options] = args;
          const list = listeners.get(self);
          const capture = captureOf(options);
          if (list)
            listeners.set(
              self,
              list.filter((l) => !(l.type === type && l.callback === callback && l.capture === capture)),
            );
          return result;
        },
      }),
    },
  };
  const base = scope.XMLHttpRequestEventTarget?.prototype;
  for (const name of HANDLER_ATTRIBUTES) {
    const inherited = base ? Reflect.getOwnPropertyDescriptor(base, name) : undefined;
    if (!inherited?.get || !inherited.set) continue;
    const { get: getHandler, set: setHandler } = inherited;
    properties[name] = {
      enumerable: inherited.enumerable,
      get: new Proxy(getHandler, {}),
      set: new Proxy(setHandler, {
        apply(fn, self: object, args: unknown[]) {
          const result = x.apply(fn, self, args);
          const set = handlers.get(self) ?? new Set<string>();
          if (typeof args[0] === 'function' || (typeof args[0] === 'object' && args[0] !== null)) set.add(name);
          else set.delete(name);
          handlers.set(self, set);
          return result;
        },
      }),
    };
  }

  return {
    has: (upload) => !!upload && ((listeners.get(upload)?.length ?? 0) > 0 || (handlers.get(upload)?.size ?? 0) > 0),
    patch: shadow(proto, properties),
  };
}
