/**
 * FastAPI / Starlette. CORSMiddleware wraps the whole app instead of app.add_middleware(): Starlette
 * builds ServerErrorMiddleware outside every added middleware, so the 500 of an unhandled exception
 * never passes through an added CORSMiddleware (https://github.com/Kludex/starlette/issues/1116).
 */
import { pyString } from '../snippet-literals.ts';
import { allowedMethods, ERROR_PATH, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

export function fastapi(s: SnippetInput): string {
  const list = (values: string[]) => `[${values.map(pyString).join(', ')}]`;
  return [
    ...preamble('fastapi', '#', [
      'Put it at the end of the module that creates the app, after every route and add_middleware(), and',
      "serve the wrapped app (uvicorn main:app). Wrapping puts CORS outside Starlette's ServerErrorMiddleware,",
      'which app.add_middleware(CORSMiddleware, ...) cannot: there, the 500 of an unhandled exception has no',
      `CORS headers. ${ERROR_PATH} Preflights are answered before any authentication middleware or dependency.`,
      'Starlette adds Vary: Origin only to responses it allows; behind a shared cache, send Vary: Origin on every response.',
    ]),
    `from starlette.middleware.cors import CORSMiddleware`,
    ``,
    `app = CORSMiddleware(`,
    `    app,`,
    `    allow_origins=${list([s.origin])},  # the allow-list; an allow_origin_regex must be anchored and name each trusted host`,
    `    allow_credentials=${s.credentials ? 'True' : 'False'},`,
    `    allow_methods=${list(allowedMethods(s))},`,
    `    allow_headers=${list(s.headers)},`,
    `    expose_headers=${list(s.expose)},`,
    `    max_age=${MAX_AGE_SECONDS},`,
    `)`,
  ].join('\n');
}
