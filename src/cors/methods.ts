/** Methods: the CORS-safelisted set and Fetch's normalization (https://fetch.spec.whatwg.org/#concept-method-normalize). */

const SAFELISTED = new Set(['GET', 'HEAD', 'POST']);
const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/** CORS-safelisted method. The method is compared as sent: `get` was normalized to `GET` already. */
export function isSafelistedMethod(method: string): boolean {
  return SAFELISTED.has(method);
}

/** Fetch normalizes only these six methods; `patch` stays `patch`. */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED.has(upper) ? upper : method;
}

/** A method that is not upper-case and that Fetch does not normalize (e.g. `patch`). */
export function isUnnormalizedLowercase(method: string): boolean {
  return method !== method.toUpperCase() && normalizeMethod(method) === method;
}
