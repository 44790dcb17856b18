/**
 * Next.js: proxy.ts (middleware.ts before Next.js 16). It answers preflights itself: a route handler
 * without an OPTIONS export gets Next.js's automatic OPTIONS answer, which has no CORS headers.
 */
import { jsString } from '../snippet-literals.ts';
import { ERROR_PATH, pathOf, preamble, type SnippetInput } from './common.ts';
import { allowListLine, preflightHeaderLines, responseHeaderLines } from './fetch-api.ts';

/** The matcher for the failing URL's first path segment (`/api/:path*`), or every path. */
function matcher(url: string): string {
  const first = pathOf(url).split('/')[1] ?? '';
  return /^[A-Za-z0-9._~-]+$/.test(first) ? `/${first}/:path*` : '/:path*';
}

export function nextjs(s: SnippetInput): string {
  return [
    ...preamble('nextjs', '//', [
      'proxy.ts at the project root (Next.js 15 and older: middleware.ts, exporting `middleware`). It answers',
      'preflights itself (204) before any route handler or auth check runs: a route handler without an OPTIONS',
      "export would get Next.js's automatic OPTIONS answer, which has no CORS headers. The headers it sets on",
      `NextResponse.next() stay on the route's response whatever its status: ${ERROR_PATH}`,
    ]),
    `import { NextResponse, type NextRequest } from 'next/server';`,
    ``,
    allowListLine(s),
    ``,
    `export function proxy(request: NextRequest) {`,
    `  const origin = request.headers.get('origin') ?? '';`,
    `  const allowed = corsAllowedOrigins.has(origin);`,
    `  if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {`,
    `    const headers = new Headers({ Vary: 'Origin' });`,
    `    if (allowed) {`,
    ...preflightHeaderLines(s, '      ', 'headers'),
    `    }`,
    `    return new NextResponse(null, { status: 204, headers });`,
    `  }`,
    `  const response = NextResponse.next();`,
    `  if (allowed) {`,
    ...responseHeaderLines(s, '    ', 'response.headers'),
    `  }`,
    `  response.headers.append('Vary', 'Origin');`,
    `  return response;`,
    `}`,
    ``,
    `export const config = { matcher: ${jsString(matcher(s.url))} };`,
  ].join('\n');
}
