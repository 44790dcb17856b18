/**
 * The header-setting lines shared by the snippets written against the Fetch API's Headers and
 * Response (Next.js proxy, Cloudflare Workers): the same names and values in the same order.
 */
import { jsString } from '../snippet-literals.ts';
import { allowedMethods, MAX_AGE_SECONDS, type SnippetInput } from './common.ts';

/** `<target>.set(...)` lines for the actual response of an allowed origin. */
export function responseHeaderLines(s: SnippetInput, indent: string, target: string): string[] {
  return [
    `${indent}${target}.set('Access-Control-Allow-Origin', origin);`,
    ...(s.credentials ? [`${indent}${target}.set('Access-Control-Allow-Credentials', 'true');`] : []),
    ...(s.expose.length
      ? [`${indent}${target}.set('Access-Control-Expose-Headers', ${jsString(s.expose.join(', '))});`]
      : []),
  ];
}

/** `<target>.set(...)` lines for an allowed origin's preflight. */
export function preflightHeaderLines(s: SnippetInput, indent: string, target: string): string[] {
  return [
    `${indent}${target}.set('Access-Control-Allow-Origin', origin);`,
    ...(s.credentials ? [`${indent}${target}.set('Access-Control-Allow-Credentials', 'true');`] : []),
    `${indent}${target}.set('Access-Control-Allow-Methods', ${jsString(allowedMethods(s).join(', '))});`,
    ...(s.headers.length
      ? [`${indent}${target}.set('Access-Control-Allow-Headers', ${jsString(s.headers.join(', '))});`]
      : []),
    `${indent}${target}.set('Access-Control-Max-Age', '${MAX_AGE_SECONDS}');`,
  ];
}

/** The allow-list declaration. */
export const allowListLine = (s: SnippetInput) => `const corsAllowedOrigins = new Set([${jsString(s.origin)}]);`;
