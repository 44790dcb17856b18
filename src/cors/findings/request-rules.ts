/** Rules about the request itself: what reached the server although CORS was never asked. */
import { combinedHeader, quote } from '../headers.ts';
import { sameOrigin } from '../origin.ts';
import type { Finding, ObservedExchange } from '../types.ts';
import { finding } from './trust.ts';

/** The enctypes an HTML form can send; each is a CORS-safelisted Content-Type, so no preflight asks first. */
const FORM_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

export interface RequestFacts {
  origin: string | null;
  credentialsIncluded: boolean;
  preflightNeeded: boolean;
}

/**
 * CORS only withholds the answer: a simple cross-origin POST runs on the server either way
 * (https://fetch.spec.whatwg.org/#http-cors-protocol: no preflight for safelisted requests). A 2xx to the POST itself
 * (no redirect in between) says the server acted on it.
 */
export function formPostAccepted(ex: ObservedExchange, facts: RequestFacts): Finding | null {
  const contentType = combinedHeader(ex.request.headers, 'Content-Type');
  const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const status = ex.response?.status ?? 0;
  if (ex.request.method.toUpperCase() !== 'POST' || facts.preflightNeeded || !FORM_CONTENT_TYPES.has(essence))
    return null;
  if (
    facts.origin === null ||
    sameOrigin(facts.origin, ex.request.url) ||
    (ex.redirects ?? []).length > 0 ||
    status < 200 ||
    status > 299
  )
    return null;
  return finding(
    'form-post-accepted',
    facts.credentialsIncluded ? 'medium' : 'low',
    `A cross-origin POST with Content-Type ${essence} from ${quote(facts.origin)} was answered ${status}${facts.credentialsIncluded ? ' with credentials sent' : ''}: CORS never stops such a request, only the reading of its answer, so this endpoint needs its own CSRF defence.`,
    [
      { header: 'Origin', value: facts.origin },
      { header: 'Content-Type', value: contentType! },
    ],
    'Require a CSRF token, or a JSON body or custom header that forces a preflight; check Origin or Sec-Fetch-Site on the server; use SameSite cookies.',
  );
}
