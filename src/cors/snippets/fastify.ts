/** Fastify with @fastify/cors (an array origin is compared exactly; a single string would be sent to everyone). */
import { jsString } from '../snippet-literals.ts';
import { allowedMethods, ERROR_PATH, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

export function fastify(s: SnippetInput): string {
  const list = (values: string[]) => `[${values.map(jsString).join(', ')}]`;
  return [
    ...preamble('fastify', '//', [
      'Register it before your authentication hooks and routes: @fastify/cors answers preflights in its',
      'onRequest hook (204), and hooks registered after it never see them (preflights carry no credentials).',
      `The headers it sets there stay on the reply when a hook refuses or a handler throws: ${ERROR_PATH}`,
    ]),
    `import cors from '@fastify/cors';`,
    ``,
    `await fastify.register(cors, {`,
    `  origin: ${list([s.origin])}, // the allow-list, as an array: a single string would be sent to every origin`,
    ...(s.credentials ? [`  credentials: true,`] : []),
    `  methods: ${list(allowedMethods(s))},`,
    `  allowedHeaders: ${list(s.headers)}, // an explicit list: without one, the requested headers are echoed`,
    ...(s.expose.length ? [`  exposedHeaders: ${list(s.expose)},`] : []),
    `  maxAge: ${MAX_AGE_SECONDS},`,
    `});`,
  ].join('\n');
}
