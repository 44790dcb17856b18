/** Cloudflare Workers: a wrapper around the Worker's fetch handler. */
import { ERROR_PATH, preamble, type SnippetInput } from './common.ts';
import { allowListLine, preflightHeaderLines, responseHeaderLines } from './fetch-api.ts';

export function cloudflareWorkers(s: SnippetInput): string {
  return [
    ...preamble('cloudflare-workers', '//', [
      'Wrap your fetch handler: export default { fetch: withCors(yourFetch) }. It answers preflights itself',
      `(204) before your code and its authentication run, and adds the headers to whatever your code returns. ${ERROR_PATH}`,
      "An exception becomes a 500 with the headers: uncaught, it would become Cloudflare's error 1101 page,",
      'which has none.',
    ]),
    allowListLine(s),
    ``,
    `export function withCors(handler) {`,
    `  return async (request, env, ctx) => {`,
    `    const origin = request.headers.get('Origin') ?? '';`,
    `    const allowed = corsAllowedOrigins.has(origin);`,
    `    if (request.method === 'OPTIONS' && request.headers.has('Access-Control-Request-Method')) {`,
    `      const headers = new Headers({ Vary: 'Origin' });`,
    `      if (allowed) {`,
    ...preflightHeaderLines(s, '        ', 'headers'),
    `      }`,
    `      return new Response(null, { status: 204, headers });`,
    `    }`,
    `    let response;`,
    `    try {`,
    `      response = await handler(request, env, ctx);`,
    `    } catch (error) {`,
    `      console.error(error);`,
    `      response = new Response('Internal Server Error', { status: 500 });`,
    `    }`,
    `    if (response.webSocket) return response;`,
    `    // The headers of a Response from fetch() are immutable: copy it before adding to them.`,
    `    response = new Response(response.body, response);`,
    `    if (allowed) {`,
    ...responseHeaderLines(s, '      ', 'response.headers'),
    `    }`,
    `    response.headers.append('Vary', 'Origin');`,
    `    return response;`,
    `  };`,
    `}`,
  ].join('\n');
}
