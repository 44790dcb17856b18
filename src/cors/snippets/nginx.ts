/** nginx: a `map` allow-list for http {} and a location that answers preflights in the rewrite phase. */
import { commentText, NGINX_DOLLAR_VARIABLE, nginxMapKey, nginxValue, nginxWritable } from '../snippet-literals.ts';
import { allowedMethods, MAX_AGE_SECONDS, pathOf, preamble, SECURE, type SnippetInput } from './common.ts';

/** The comment line that starts the nginx snippet's `server {}` part (the rest goes in `http {}`). */
export const NGINX_SERVER_PART = '# In the server {} block:';

export function nginx(s: SnippetInput): string {
  const values = [s.origin, ...s.methods, ...s.headers, ...s.expose];
  if (!values.every(nginxWritable)) {
    return [
      `# ${SECURE}`,
      `# No nginx snippet: an observed value holds bytes outside printable ASCII, which nginx`,
      `# configuration cannot spell safely. Use one of the other snippets, or write the value by hand.`,
    ].join('\n');
  }
  const needsDollar = values.some((v) => v.includes('$'));
  const add = (indent: string, name: string, value: string) => `${indent}add_header ${name} ${value} always;`;
  const both = (indent: string) => [
    add(indent, 'Access-Control-Allow-Origin', '$cors_allow_origin'),
    ...(s.credentials ? [add(indent, 'Access-Control-Allow-Credentials', '"true"')] : []),
    add(indent, 'Vary', 'Origin'),
  ];
  return [
    ...preamble('nginx', '#', [
      '"always" puts the headers on every status: the 401/403 of auth_request or the upstream, 404s, and the',
      '502/504 nginx writes itself when the upstream is down.',
      'In the http {} block: the allow-list. Any other origin maps to "", and nginx omits a header whose value is empty.',
    ]),
    `map $http_origin $cors_allow_origin {`,
    `    default "";`,
    `    ${nginxMapKey(s.origin)} $http_origin;`,
    `}`,
    ...(needsDollar ? [`geo $${NGINX_DOLLAR_VARIABLE} { default "$"; } # a literal "$" for the values below`] : []),
    ``,
    NGINX_SERVER_PART,
    `# put these lines in the location that serves ${commentText(pathOf(s.url))}: add_header is not inherited`,
    `# into a location that has add_header lines of its own.`,
    `location / {`,
    `    # Answered in the rewrite phase, before auth_request/auth_basic and the upstream:`,
    `    # preflights never carry cookies or Authorization.`,
    `    if ($request_method = OPTIONS) {`,
    ...both('        '),
    add('        ', 'Access-Control-Allow-Methods', nginxValue(allowedMethods(s).join(', '))),
    ...(s.headers.length ? [add('        ', 'Access-Control-Allow-Headers', nginxValue(s.headers.join(', ')))] : []),
    add('        ', 'Access-Control-Max-Age', String(MAX_AGE_SECONDS)),
    `        return 204;`,
    `    }`,
    `    # CORS is answered here only: the upstream's own CORS headers would make a second value.`,
    `    proxy_hide_header Access-Control-Allow-Origin;`,
    `    proxy_hide_header Access-Control-Allow-Credentials;`,
    `    proxy_hide_header Access-Control-Expose-Headers;`,
    ...both('    '),
    ...(s.expose.length ? [add('    ', 'Access-Control-Expose-Headers', nginxValue(s.expose.join(', ')))] : []),
    `    proxy_pass http://backend; # your upstream`,
    `}`,
  ].join('\n');
}
