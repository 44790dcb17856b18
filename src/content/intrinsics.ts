/**
 * The built-ins the observer calls on page objects and on the window, taken once when it
 * installs. At document_start that is before any page script has run, so a page that later
 * replaces JSON.stringify, EventTarget methods or the Request and Response getters can neither
 * break the observer nor see it call them: each goes through Reflect.apply on the captured native.
 */
export type Getter = (target: object) => unknown;

export interface Intrinsics {
  apply: typeof Reflect.apply;
  construct: typeof Reflect.construct;
  stringify(value: unknown): string;
  /** Epoch milliseconds, the clock webRequest's timeStamp uses. */
  now(): number;
  later(fn: () => void): void;
  listen(target: EventTarget, type: string, fn: (e: Event) => void): void;
  dispatch(type: string, detail: string): void;
  /** Absolute URL against the document's base URL (what fetch, XHR and sendBeacon resolve against); null when it does not parse. */
  resolve(url: string): string | null;
  /** The native getter of `key` on `proto` (or its prototypes), bound for any target; returns undefined when absent. */
  getter(proto: object | undefined, key: string): Getter;
  isInstance(value: unknown, ctor: { prototype: object } | undefined): boolean;
  weakMap<K extends object, V>(): { get(k: K): V | undefined; set(k: K, v: V): void };
}

/** The observer's window: only what it reads, so tests can pass a fake. */
export type ObservedScope = typeof globalThis & Window;

export function captureIntrinsics(scope: ObservedScope): Intrinsics {
  const { apply, construct, getOwnPropertyDescriptor, getPrototypeOf } = Reflect;
  const stringify = JSON.stringify;
  const isPrototypeOf = Object.prototype.isPrototypeOf;
  const performanceNow = scope.performance.now;
  const timeOrigin = scope.performance.timeOrigin;
  const performance = scope.performance;
  const setTimer = scope.setTimeout;
  const addEventListener = scope.EventTarget.prototype.addEventListener;
  const dispatchEvent = scope.EventTarget.prototype.dispatchEvent;
  const CustomEventCtor = scope.CustomEvent;
  const URLCtor = scope.URL;
  const WeakMapCtor = scope.WeakMap;
  const weakGet = WeakMapCtor.prototype.get;
  const weakSet = WeakMapCtor.prototype.set;

  const getter = (proto: object | undefined, key: string): Getter => {
    for (let p: object | null = proto ?? null; p; p = getPrototypeOf(p)) {
      const get = getOwnPropertyDescriptor(p, key)?.get;
      if (get) return (target) => apply(get, target, []);
    }
    return () => undefined;
  };
  const document = scope.document;
  const baseUri = getter(getPrototypeOf(document) ?? undefined, 'baseURI');
  const href = getter(URLCtor.prototype, 'href');

  return {
    apply,
    construct,
    stringify: (value) => apply(stringify, JSON, [value]) as string,
    now: () => timeOrigin + (apply(performanceNow, performance, []) as number),
    later: (fn) => void apply(setTimer, scope, [fn, 0]),
    listen: (target, type, fn) => void apply(addEventListener, target, [type, fn]),
    dispatch: (type, detail) => void apply(dispatchEvent, scope, [construct(CustomEventCtor, [type, { detail }])]),
    resolve: (url) => {
      try {
        return href(construct(URLCtor, [url, baseUri(document) as string])) as string;
      } catch {
        return null;
      }
    },
    getter,
    isInstance: (value, ctor) =>
      !!ctor &&
      typeof value === 'object' &&
      value !== null &&
      (apply(isPrototypeOf, ctor.prototype, [value]) as boolean),
    weakMap: <K extends object, V>() => {
      const map = construct(WeakMapCtor, []) as WeakMap<K, V>;
      return {
        get: (k: K) => apply(weakGet, map, [k]) as V | undefined,
        set: (k: K, v: V) => void apply(weakSet, map, [k, v]),
      };
    },
  };
}
