/** Express with the `cors` package. */
import { jsString } from '../snippet-literals.ts';
import { allowedMethods, ERROR_PATH, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

export function express(s: SnippetInput): string {
  const list = (values: string[]) => `[${values.map(jsString).join(', ')}]`;
  return [
    ...preamble('express', '//', [
      'Register it before authentication and your routes: it answers OPTIONS preflights itself (204),',
      'and preflights never carry cookies or Authorization, so auth placed first would reject them.',
      `Registered first, it sets the headers before any route, auth check or error handler answers: ${ERROR_PATH}`,
    ]),
    `import cors from 'cors';`,
    ``,
    `app.use(cors({`,
    `  origin: ${list([s.origin])}, // the allow-list: add each trusted origin; cors echoes only these`,
    ...(s.credentials ? [`  credentials: true,`] : []),
    `  methods: ${list(allowedMethods(s))},`,
    `  allowedHeaders: ${list(s.headers)}, // an explicit list: without one, cors echoes whatever is requested`,
    ...(s.expose.length ? [`  exposedHeaders: ${list(s.expose)},`] : []),
    `  maxAge: ${MAX_AGE_SECONDS},`,
    `}));`,
  ].join('\n');
}
