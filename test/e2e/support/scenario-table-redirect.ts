/**
 * Redirects of CORS requests: 3xx responses need ACAO, the Origin becomes `null` after a
 * cross-origin hop (redirect taint), userinfo in Location, non-http schemes, the 20-hop limit, and
 * preflighted requests that are redirected (a new preflight per URL).
 */
import {
  ACAO_PAGE,
  ALLOWED,
  acac,
  acam,
  acao,
  blocked,
  failed,
  fetchCall,
  ok,
  preflightOk,
  redirect,
} from './scenario-builders.ts';
import type { Endpoint, Reply, Scenario } from './scenario-types.ts';

/** A GET to api `a`, redirected (302) by `hop` to `to`, answered there by `target`. */
const via = (
  id: string,
  description: string,
  hop: Reply,
  target: Reply,
  chromium: Scenario['chromium'],
  start = '{api}{base}/a',
): Scenario => ({
  id,
  description,
  endpoints: { a: { actual: hop }, b: { actual: target } },
  calls: [fetchCall(start)],
  chromium,
});

/** A chain of `n` redirects on the api origin, each with ACAO, ending in an allowed 200. */
const chain = (n: number): Record<string, Endpoint> =>
  Object.fromEntries(
    Array.from({ length: n + 1 }, (_, i) => [
      `h${i}`,
      { actual: i < n ? redirect(302, `{api}{base}/h${i + 1}`, ACAO_PAGE) : ok(ACAO_PAGE) },
    ]),
  );

export const REDIRECT_SCENARIOS: Scenario[] = [
  via(
    'rd-same-origin-ok',
    '302 with ACAO → same api origin, ACAO',
    redirect(302, '{api}{base}/b', ACAO_PAGE),
    ok(ACAO_PAGE),
    ALLOWED,
  ),
  via(
    'rd-3xx-no-acao',
    '302 without ACAO (the CORS check runs on the redirect too)',
    redirect(302, '{api}{base}/b'),
    ok(ACAO_PAGE),
    blocked('MissingAllowOriginHeader'),
  ),
  via(
    'rd-3xx-acao-mismatch',
    '302 whose ACAO names another origin',
    redirect(302, '{api}{base}/b', acao('http://127.0.0.1:1')),
    ok(ACAO_PAGE),
    blocked('AllowOriginMismatch', 'http://127.0.0.1:1'),
  ),
  via(
    'rd-target-no-acao',
    '302 ok → target without ACAO',
    redirect(302, '{api}{base}/b', ACAO_PAGE),
    ok(),
    blocked('MissingAllowOriginHeader'),
  ),
  via(
    'rd-taint-target-page',
    'api → api2: Origin becomes null, target ACAO names the page',
    redirect(302, '{api2}{base}/b', ACAO_PAGE),
    ok(ACAO_PAGE),
    blocked('AllowOriginMismatch', '{page}'),
  ),
  via(
    'rd-taint-target-null',
    "api → api2: target ACAO 'null'",
    redirect(302, '{api2}{base}/b', ACAO_PAGE),
    ok(acao('null')),
    ALLOWED,
  ),
  via(
    'rd-taint-target-star',
    "api → api2: target ACAO '*'",
    redirect(302, '{api2}{base}/b', ACAO_PAGE),
    ok(acao('*')),
    ALLOWED,
  ),
  via(
    'rd-taint-target-reflect',
    'api → api2: target reflects the Origin it got',
    redirect(302, '{api2}{base}/b', ACAO_PAGE),
    ok(acao('{origin}')),
    ALLOWED,
  ),
  via(
    'rd-back-to-page-origin',
    'api → the page origin: tainted, so the page origin needs ACAO too',
    redirect(302, '{page}{base}/b', ACAO_PAGE),
    ok(),
    blocked('MissingAllowOriginHeader'),
  ),
  via(
    'rd-same-origin-first',
    'page origin → api: the first hop needs no ACAO',
    redirect(302, '{api}{base}/b'),
    ok(ACAO_PAGE),
    ALLOWED,
    '{page}{base}/a',
  ),
  via(
    'rd-same-origin-first-missing',
    'page origin → api without ACAO',
    redirect(302, '{api}{base}/b'),
    ok(),
    blocked('MissingAllowOriginHeader'),
    '{page}{base}/a',
  ),
  via(
    'rd-307',
    '307 keeps the method; ACAO on both',
    redirect(307, '{api}{base}/b', ACAO_PAGE),
    ok(ACAO_PAGE),
    ALLOWED,
  ),
  {
    id: 'rd-taint-credentials-null',
    description: "credentialed, api → api2 (cookie there): target ACAO 'null' + ACAC true",
    endpoints: {
      a: { actual: redirect(302, '{api2}{base}/b', ACAO_PAGE, acac('true')) },
      b: { actual: ok(acao('null'), acac('true')) },
    },
    calls: [fetchCall('{api}{base}/a', { credentials: 'include' })],
    cookie: true,
    chromium: ALLOWED,
  },
  {
    id: 'rd-taint-credentials-star',
    description: "credentialed, api → api2: target ACAO '*'",
    endpoints: {
      a: { actual: redirect(302, '{api2}{base}/b', ACAO_PAGE, acac('true')) },
      b: { actual: ok(acao('*'), acac('true')) },
    },
    calls: [fetchCall('{api}{base}/a', { credentials: 'include' })],
    cookie: true,
    chromium: blocked('WildcardOriginNotAllowed'),
  },
  via(
    'rd-userinfo',
    'redirect to a URL with user:password@',
    redirect(302, 'http://user:secret@{api2-host}{base}/b', ACAO_PAGE),
    ok(acao('*')),
    blocked('RedirectContainsCredentials'),
  ),
  via(
    'rd-userinfo-same-origin',
    'redirect to user:password@ on the same api origin',
    redirect(302, 'http://user:secret@{api-host}{base}/b', ACAO_PAGE),
    ok(ACAO_PAGE),
    blocked('RedirectContainsCredentials'),
  ),
  via(
    'rd-to-mailto',
    'redirect to a mailto: URL: followed into the CORS layer, which refuses the scheme',
    redirect(302, 'mailto:a@example.com', ACAO_PAGE),
    ok(),
    blocked('CorsDisabledScheme'),
  ),
  via(
    'rd-to-data-url',
    'redirect to a data: URL',
    redirect(302, 'data:text/plain,hi', ACAO_PAGE),
    ok(),
    failed('net::ERR_UNSAFE_REDIRECT'),
  ),
  {
    id: 'rd-20-hops',
    description: '20 redirects are allowed',
    endpoints: chain(20),
    calls: [fetchCall('{api}{base}/h0')],
    chromium: ALLOWED,
  },
  {
    id: 'rd-21-hops',
    description: '21 redirects: too many',
    endpoints: chain(21),
    calls: [fetchCall('{api}{base}/h0')],
    chromium: failed('net::ERR_TOO_MANY_REDIRECTS'),
  },
  {
    id: 'rd-put-preflight-each-url',
    description: 'PUT redirected 307 to another URL: preflighted again there',
    endpoints: {
      a: { preflight: preflightOk(ACAO_PAGE, acam('PUT')), actual: redirect(307, '{api}{base}/b', ACAO_PAGE) },
      b: { preflight: preflightOk(ACAO_PAGE, acam('PUT')), actual: ok(ACAO_PAGE) },
    },
    calls: [fetchCall('{api}{base}/a', { method: 'PUT', body: 'x' })],
    chromium: ALLOWED,
  },
  {
    id: 'rd-put-second-preflight-fails',
    description: 'PUT redirected 307: the second URL refuses the preflight',
    endpoints: {
      a: { preflight: preflightOk(ACAO_PAGE, acam('PUT')), actual: redirect(307, '{api}{base}/b', ACAO_PAGE) },
      b: { preflight: preflightOk(acam('PUT')), actual: ok(ACAO_PAGE) },
    },
    calls: [fetchCall('{api}{base}/a', { method: 'PUT', body: 'x' })],
    chromium: blocked('PreflightMissingAllowOriginHeader'),
  },
];
