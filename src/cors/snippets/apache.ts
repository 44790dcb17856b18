/**
 * Apache httpd: mod_setenvif for the allow-list, mod_headers with `always` (error responses too),
 * mod_rewrite answering the preflight in the translate phase, which in server context runs before
 * authentication (in <Directory>, <Location> or .htaccess it runs after it).
 */
import { printableAscii, regexLiteral } from '../snippet-literals.ts';
import { allowedMethods, MAX_AGE_SECONDS, preamble, SECURE, type SnippetInput } from './common.ts';

/** A quoted mod_headers value: `%` is its format character, so a literal one is `%%`. */
const headerValue = (value: string) => `"${value.replace(/%/g, '%%')}"`;

/** Apache reads `${NAME}` in any configuration line as a Define, and `"` and `\` end or escape a quoted value. */
const apacheWritable = (value: string) => printableAscii(value) && !/["\\]|\$\{/.test(value);

export function apache(s: SnippetInput): string {
  if (!printableAscii(s.origin) || ![...s.methods, ...s.headers, ...s.expose].every(apacheWritable)) {
    return [
      `# ${SECURE}`,
      `# No Apache snippet: an observed value holds characters Apache configuration cannot spell safely`,
      `# (outside printable ASCII, a quote, a backslash or "\${"). Use another snippet, or write the value by hand.`,
    ].join('\n');
  }
  const preflightOnly = `"expr=%{REQUEST_METHOD} == 'OPTIONS' && -n reqenv('CORS_ALLOW_ORIGIN')"`;
  return [
    ...preamble('apache', '#', [
      'In the <VirtualHost> (server context), with mod_headers, mod_rewrite and mod_setenvif enabled. There,',
      'mod_rewrite answers the preflight (204) before authentication (Require, AuthType) and the backend run;',
      'in a <Directory>, <Location> or .htaccess it would run after authentication. "always" puts the headers',
      'on every status: 401/403 from authentication or the backend, 404s, and the 502/504 mod_proxy writes',
      "when the backend is down. The backend's own CORS headers are removed, so there is one value of each.",
    ]),
    `SetEnvIf Origin "^${regexLiteral(s.origin)}$" CORS_ALLOW_ORIGIN=$0`,
    `Header unset Access-Control-Allow-Origin`,
    `Header unset Access-Control-Allow-Credentials`,
    `Header unset Access-Control-Expose-Headers`,
    `Header always set Access-Control-Allow-Origin "%{CORS_ALLOW_ORIGIN}e" env=CORS_ALLOW_ORIGIN`,
    ...(s.credentials ? [`Header always set Access-Control-Allow-Credentials "true" env=CORS_ALLOW_ORIGIN`] : []),
    ...(s.expose.length
      ? [`Header always set Access-Control-Expose-Headers ${headerValue(s.expose.join(', '))} env=CORS_ALLOW_ORIGIN`]
      : []),
    `Header always merge Vary Origin`,
    ``,
    `RewriteEngine On`,
    `RewriteCond %{REQUEST_METHOD} =OPTIONS`,
    `RewriteCond %{HTTP:Access-Control-Request-Method} .`,
    `RewriteRule ^ - [R=204,L]`,
    `Header always set Access-Control-Allow-Methods ${headerValue(allowedMethods(s).join(', '))} ${preflightOnly}`,
    ...(s.headers.length
      ? [`Header always set Access-Control-Allow-Headers ${headerValue(s.headers.join(', '))} ${preflightOnly}`]
      : []),
    `Header always set Access-Control-Max-Age "${MAX_AGE_SECONDS}" ${preflightOnly}`,
  ].join('\n');
}
