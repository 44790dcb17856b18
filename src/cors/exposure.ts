/**
 * Which response headers JavaScript can read (https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name,
 * "CORS-filtered response"). ACEH `*` means "all" only without credentials.
 */
import { combinedHeader, parseTokenList } from './headers.ts';
import type { Exposure, Header } from './types.ts';

const SAFELISTED = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]);
const NEVER = new Set(['set-cookie', 'set-cookie2']);

export function computeExposure(
  headers: readonly Header[],
  kind: 'cors' | 'basic' | 'opaque',
  credentialsIncluded: boolean,
): Exposure {
  const readable: string[] = [];
  const hidden: Exposure['hidden'] = [];
  const aceh = parseTokenList(combinedHeader(headers, 'Access-Control-Expose-Headers'));
  const exposed = new Set(aceh.ok ? aceh.items.map((n) => n.toLowerCase()) : []);
  const star = exposed.has('*') && !credentialsIncluded;
  for (const name of new Set(headers.map((h) => h.name.toLowerCase()))) {
    if (NEVER.has(name)) hidden.push({ name, why: 'Set-Cookie is never readable from JavaScript' });
    else if (kind === 'opaque') hidden.push({ name, why: 'opaque (no-cors) responses expose no headers' });
    else if (kind === 'basic' || SAFELISTED.has(name)) readable.push(name);
    else if (exposed.has(name)) readable.push(name);
    else if (star) readable.push(name);
    else if (exposed.has('*'))
      hidden.push({
        name,
        why: `Access-Control-Expose-Headers '*' does not mean "all" for a credentialed request; list '${name}' by name`,
      });
    else hidden.push({ name, why: `not CORS-safelisted and not in Access-Control-Expose-Headers` });
  }
  return { readable, hidden };
}
