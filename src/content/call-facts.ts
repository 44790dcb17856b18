/**
 * Reading a call's arguments without running page code: only data properties are read (a getter
 * or a toString the page defined is never invoked, so the API itself is the only one that does),
 * native objects are read through captured native getters, and anything unreadable is reported
 * as unknown rather than guessed.
 */
import type { CredentialsMode, RequestMode } from '../cors/types.ts';
import {
  PAGE_LIMITS,
  PAGE_VALUE_HEADERS,
  type JsOutcome,
  type PageHeader,
  type RedirectMode,
} from '../shared/page-facts.ts';
import type { Intrinsics, ObservedScope } from './intrinsics.ts';

const NORMALIZED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
const FETCH_MODES: readonly RequestMode[] = ['cors', 'no-cors', 'same-origin', 'navigate'];
const CREDENTIALS: readonly CredentialsMode[] = ['omit', 'same-origin', 'include'];
const REDIRECTS: readonly RedirectMode[] = ['follow', 'error', 'manual'];

/** Fetch "normalize a method": only the six standard names are upper-cased (`patch` stays `patch`). */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.includes(upper) ? upper : method;
}

/** The value of a data property found on `target` or its prototypes; undefined for accessors and absent keys. */
export function dataProperty(target: unknown, key: string): unknown {
  if (typeof target !== 'object' || target === null) return undefined;
  for (let o: object | null = target; o; o = Reflect.getPrototypeOf(o)) {
    const d = Reflect.getOwnPropertyDescriptor(o, key);
    if (d) return 'value' in d ? d.value : undefined;
  }
  return undefined;
}

/** An enum member given by the page, `fallback` when absent, null when the API will reject it. */
export function member<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T | null {
  if (value === undefined) return fallback;
  return allowed.includes(value as T) ? (value as T) : null;
}

export const fetchMode = (v: unknown, fallback: RequestMode = 'cors') => member(v, FETCH_MODES, fallback);
export const credentialsMode = (v: unknown, fallback: CredentialsMode = 'same-origin') =>
  member(v, CREDENTIALS, fallback);
export const redirectMode = (v: unknown, fallback: RedirectMode = 'follow') => member(v, REDIRECTS, fallback);

export function pageHeader(name: string, value: unknown): PageHeader | null {
  if (name === '' || name.length > PAGE_LIMITS.headerNameChars) return null;
  const keep = PAGE_VALUE_HEADERS.has(name.toLowerCase()) && typeof value === 'string';
  return { name, value: keep ? (value as string).slice(0, PAGE_LIMITS.headerValueChars) : null };
}

/** Reads header names (and the values the safelist needs) from a Headers object, a list of pairs or a record. */
export class HeaderReader {
  private readonly forEach: ((this: Headers, fn: (value: string, name: string) => void) => void) | undefined;
  private readonly HeadersCtor: typeof Headers | undefined;

  constructor(
    private readonly x: Intrinsics,
    scope: ObservedScope,
  ) {
    this.HeadersCtor = scope.Headers;
    this.forEach = scope.Headers?.prototype.forEach;
  }

  read(init: unknown): PageHeader[] {
    const out: PageHeader[] = [];
    const add = (name: unknown, value: unknown) => {
      if (typeof name !== 'string' || out.length >= PAGE_LIMITS.headers) return;
      const h = pageHeader(name, value);
      if (h) out.push(h);
    };
    if (this.x.isInstance(init, this.HeadersCtor) && this.forEach) {
      this.x.apply(this.forEach, init, [(value: string, name: string) => add(name, value)]);
    } else if (Array.isArray(init)) {
      for (let i = 0; i < init.length; i++) {
        const pair = dataProperty(init, String(i));
        if (Array.isArray(pair)) add(dataProperty(pair, '0'), dataProperty(pair, '1'));
      }
    } else if (typeof init === 'object' && init !== null) {
      for (const name of Object.keys(init)) add(name, dataProperty(init, name));
    }
    return out;
  }
}

/** What a rejection or a thrown exception looked like, read without running page code. */
export function errorOutcome(x: Intrinsics, scope: ObservedScope, error: unknown): JsOutcome {
  const isDomException = x.isInstance(error, scope.DOMException);
  const read = (key: string) =>
    isDomException ? x.getter(scope.DOMException.prototype, key)(error as object) : dataProperty(error, key);
  const name = read('name');
  const message = read('message');
  return {
    kind: 'error',
    name: typeof name === 'string' ? name.slice(0, 128) : typeof error,
    message: typeof message === 'string' ? message.slice(0, PAGE_LIMITS.textChars) : '',
  };
}

/** A URL as the observer reports it: absolute, bounded; null when it cannot be reported. */
export function reportableUrl(url: unknown): string | null {
  return typeof url === 'string' && url.length <= PAGE_LIMITS.urlChars ? url : null;
}
