/**
 * Caddy (Caddyfile): a header_regexp matcher for the allow-list, deferred header operations (so they
 * replace what the backend sent), a handle that answers preflights, and handle_errors for the errors
 * Caddy writes itself (a 502 when the backend is down).
 */
import { printableAscii, regexLiteral } from '../snippet-literals.ts';
import { allowedMethods, MAX_AGE_SECONDS, preamble, SECURE, type SnippetInput } from './common.ts';

/** A quoted Caddyfile token: `"` is escaped, and `{`/`}` would open a placeholder, so they are escaped too. */
const caddyValue = (value: string) => `"${value.replace(/["{}]/g, (c) => `\\${c}`)}"`;
const caddyWritable = (value: string) => printableAscii(value) && !value.includes('\\');

export function caddy(s: SnippetInput): string {
  if (!printableAscii(s.origin) || ![...s.methods, ...s.headers, ...s.expose].every(caddyWritable)) {
    return [
      `# ${SECURE}`,
      `# No Caddy snippet: an observed value holds characters a Caddyfile cannot spell safely`,
      `# (outside printable ASCII, or a backslash). Use another snippet, or write the value by hand.`,
    ].join('\n');
  }
  const responseHeaders = (indent: string) => [
    `${indent}header {`,
    `${indent}\t-Access-Control-Allow-Origin`,
    `${indent}\t-Access-Control-Allow-Credentials`,
    `${indent}\t-Access-Control-Expose-Headers`,
    `${indent}\t+Vary Origin`,
    `${indent}}`,
    `${indent}header @cors_allowed {`,
    `${indent}\tAccess-Control-Allow-Origin {http.request.header.Origin}`,
    ...(s.credentials ? [`${indent}\tAccess-Control-Allow-Credentials true`] : []),
    ...(s.expose.length ? [`${indent}\tAccess-Control-Expose-Headers ${caddyValue(s.expose.join(', '))}`] : []),
    `${indent}\tdefer`,
    `${indent}}`,
  ];
  return [
    ...preamble('caddy', '#', [
      'In the site block, with your reverse_proxy or file_server. Caddy orders directives itself: the handle',
      'for preflights answers (204) before reverse_proxy, so before any authentication behind it. "defer" sets',
      "the headers as the response is written, replacing the backend's own CORS headers; handle_errors adds them",
      'to the errors Caddy writes itself (502 when the backend is down). If the site has a handle_errors block',
      'already, put these header lines in it.',
    ]),
    `@cors_allowed header_regexp Origin "^${regexLiteral(s.origin)}$"`,
    `@cors_preflight {`,
    `\tmethod OPTIONS`,
    `\theader Access-Control-Request-Method *`,
    `}`,
    ...responseHeaders(''),
    `handle @cors_preflight {`,
    `\theader @cors_allowed {`,
    `\t\tAccess-Control-Allow-Methods ${caddyValue(allowedMethods(s).join(', '))}`,
    ...(s.headers.length ? [`\t\tAccess-Control-Allow-Headers ${caddyValue(s.headers.join(', '))}`] : []),
    `\t\tAccess-Control-Max-Age ${MAX_AGE_SECONDS}`,
    `\t}`,
    `\trespond 204`,
    `}`,
    `handle_errors {`,
    ...responseHeaders('\t'),
    `}`,
  ].join('\n');
}
