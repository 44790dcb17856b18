/** Django with django-cors-headers, appended to settings.py. */
import { isPlainOrigin, pyString } from '../snippet-literals.ts';
import { allowedMethods, ERROR_PATH, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

export function django(s: SnippetInput): string {
  const list = (values: string[]) => `[${values.map(pyString).join(', ')}]`;
  // django-cors-headers' system check rejects an allowed origin that is not scheme://host[:port];
  // anything else (only a hand-made request sends one) is matched by an anchored, escaped pattern.
  const plain = isPlainOrigin(s.origin);
  return [
    ...preamble('django', '#', [
      'Append to settings.py. CorsMiddleware goes first in MIDDLEWARE: it answers preflights before any',
      'authentication middleware runs, and adds the headers to every response that passes back through it,',
      `whatever wrote it: ${ERROR_PATH}`,
    ]),
    ...(plain ? [] : ['import re', '']),
    `INSTALLED_APPS = [*INSTALLED_APPS, "corsheaders"]`,
    `MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", *MIDDLEWARE]`,
    ``,
    ...(plain
      ? [`CORS_ALLOWED_ORIGINS = ${list([s.origin])}  # the allow-list, compared exactly`]
      : [`CORS_ALLOWED_ORIGIN_REGEXES = [r"^" + re.escape(${pyString(s.origin)}) + r"\\Z"]  # exactly this origin`]),
    `CORS_ALLOW_CREDENTIALS = ${s.credentials ? 'True' : 'False'}`,
    `CORS_ALLOW_METHODS = ${list(allowedMethods(s))}`,
    `CORS_ALLOW_HEADERS = ${list(s.headers)}`,
    `CORS_EXPOSE_HEADERS = ${list(s.expose)}`,
    `CORS_PREFLIGHT_MAX_AGE = ${MAX_AGE_SECONDS}`,
  ].join('\n');
}
