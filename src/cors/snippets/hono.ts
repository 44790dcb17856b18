/** Hono's built-in cors middleware (an array origin is compared exactly). */
import { jsString } from '../snippet-literals.ts';
import { allowedMethods, ERROR_PATH, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

export function hono(s: SnippetInput): string {
  const list = (values: string[]) => `[${values.map(jsString).join(', ')}]`;
  return [
    ...preamble('hono', '//', [
      'Make it the first app.use(): it answers preflights itself (204) before any authentication middleware',
      'runs. Hono copies the headers it set onto the response that app.onError, notFound or a refusing',
      `middleware returns: ${ERROR_PATH}`,
    ]),
    `import { cors } from 'hono/cors';`,
    ``,
    `app.use(`,
    `  '*',`,
    `  cors({`,
    `    origin: ${list([s.origin])}, // the allow-list, compared exactly`,
    ...(s.credentials ? [`    credentials: true,`] : []),
    `    allowMethods: ${list(allowedMethods(s))},`,
    `    allowHeaders: ${list(s.headers)}, // an empty list echoes the requested headers`,
    ...(s.expose.length ? [`    exposeHeaders: ${list(s.expose)},`] : []),
    `    maxAge: ${MAX_AGE_SECONDS},`,
    `  }),`,
    `);`,
  ].join('\n');
}
