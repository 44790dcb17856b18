/** Koa with @koa/cors: an allow-list function, and keepHeadersOnError so Koa's error handler keeps the headers. */
import { jsString } from '../snippet-literals.ts';
import { allowedMethods, ERROR_PATH, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

export function koa(s: SnippetInput): string {
  const list = (values: string[]) => `[${values.map(jsString).join(', ')}]`;
  return [
    ...preamble('koa', '//', [
      'Make it the first app.use(): it answers preflights itself (204) before any authentication middleware',
      `runs. ${ERROR_PATH} Koa's error handler drops every header set before an`,
      'error; keepHeadersOnError hands the CORS headers back to it.',
    ]),
    `import cors from '@koa/cors';`,
    ``,
    `const corsAllowedOrigins = new Set(${list([s.origin])});`,
    ``,
    `app.use(cors({`,
    `  // The allow-list: @koa/cors sends no CORS headers when this returns ''.`,
    `  origin: (ctx) => (corsAllowedOrigins.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),`,
    ...(s.credentials ? [`  credentials: true,`] : []),
    `  allowMethods: ${list(allowedMethods(s))},`,
    `  allowHeaders: ${list(s.headers)},`,
    ...(s.expose.length ? [`  exposeHeaders: ${list(s.expose)},`] : []),
    `  maxAge: ${MAX_AGE_SECONDS},`,
    `  keepHeadersOnError: true,`,
    `}));`,
  ].join('\n');
}
