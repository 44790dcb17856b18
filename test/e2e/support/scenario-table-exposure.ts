/**
 * What JavaScript can read once a response passes (ACEH, `*` vs credentials, Set-Cookie), the
 * preflight cache (Max-Age hits, identical concurrent requests), request modes (no-cors)
 * and conditional responses (304).
 */
import {
  ACAO_PAGE,
  ALLOWED,
  API2_R,
  API_R,
  OPAQUE,
  acac,
  acah,
  acam,
  aceh,
  blocked,
  fetchCall,
  maxAge,
  ok,
  preflightOk,
  reply,
} from './scenario-builders.ts';
import type { Scenario } from './scenario-types.ts';

const EXTRA = [
  ['X-A', '1'],
  ['X-B', '2'],
  ['Content-Language', 'de'],
  ['Set-Cookie', 'k=v'],
] as const;

const exposing = (id: string, description: string, exposeHeaders: string | null, credentials: boolean): Scenario => ({
  id,
  description,
  endpoints: {
    r: {
      actual: ok(
        ACAO_PAGE,
        ...(credentials ? [acac('true')] : []),
        ...(exposeHeaders === null ? [] : [aceh(exposeHeaders)]),
        ...EXTRA,
      ),
    },
  },
  calls: [fetchCall(credentials ? API2_R : API_R, credentials ? { credentials: 'include' } : {})],
  chromium: ALLOWED,
});

const IF_NONE_MATCH =
  'the HTTP cache adds If-None-Match itself when it revalidates, so on the wire it does not show that the page set it';

const PUT = fetchCall(API_R, { method: 'PUT', body: 'x' });

export const EXPOSURE_SCENARIOS: Scenario[] = [
  exposing('ex-default', 'no ACEH: only CORS-safelisted response headers are readable', null, false),
  exposing('ex-listed', "ACEH 'X-A': X-A readable, X-B hidden", 'X-A', false),
  exposing('ex-star', "ACEH '*' without credentials: all but Set-Cookie", '*', false),
  exposing('ex-star-credentials', "ACEH '*' with credentials is literal", '*', true),
  exposing('ex-listed-credentials', "ACEH 'x-a, x-b' with credentials", 'x-a, x-b', true),
  exposing('ex-set-cookie', 'ACEH naming Set-Cookie still hides it', 'Set-Cookie, X-B', false),

  {
    id: 'cache-max-age-hit',
    description: 'Max-Age 60: the second identical PUT is not preflighted',
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE, acam('PUT'), maxAge('60')), actual: ok(ACAO_PAGE) } },
    calls: [PUT, PUT],
    chromium: ALLOWED,
  },
  {
    id: 'cache-max-age-zero',
    description: 'Max-Age 0: every PUT is preflighted',
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE, acam('PUT'), maxAge('0')), actual: ok(ACAO_PAGE) } },
    calls: [PUT, PUT],
    chromium: ALLOWED,
  },
  {
    id: 'cache-header-not-covered',
    description: 'cached entry allows PUT, the next request adds a header the entry lacks',
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE, acam('PUT'), maxAge('60')), actual: ok(ACAO_PAGE) } },
    calls: [PUT, fetchCall(API_R, { method: 'PUT', body: 'x', headers: [['X-Custom', '1']] })],
    chromium: [ALLOWED, blocked('HeaderDisallowedByPreflightResponse', 'x-custom')],
  },
  {
    id: 'concurrent-identical',
    description: 'two identical PUTs at once',
    concurrent: true,
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE, acam('PUT'), acah('x-custom')), actual: ok(ACAO_PAGE) } },
    calls: [
      fetchCall(API_R, { method: 'PUT', headers: [['X-Custom', '1']] }),
      fetchCall(API_R, { method: 'PUT', headers: [['X-Custom', '1']] }),
    ],
    chromium: ALLOWED,
  },

  {
    id: 'no-cors-opaque',
    description: 'mode no-cors without ACAO: opaque',
    endpoints: { r: { actual: ok() } },
    calls: [fetchCall(API_R, { mode: 'no-cors' })],
    chromium: OPAQUE,
  },
  {
    id: 'no-cors-with-acao',
    description: 'mode no-cors with ACAO: still opaque',
    endpoints: { r: { actual: ok(ACAO_PAGE) } },
    calls: [fetchCall(API_R, { mode: 'no-cors' })],
    chromium: OPAQUE,
  },
  {
    id: 'no-cors-redirect',
    description: 'mode no-cors redirected to another origin: opaque, no CORS check on the hop',
    endpoints: { r: { actual: { status: 302, headers: [['Location', '{api2}{base}/b']] } }, b: { actual: ok() } },
    calls: [fetchCall(API_R, { mode: 'no-cors' })],
    chromium: OPAQUE,
  },
  {
    id: 'no-cors-post',
    description: 'mode no-cors POST text/plain: opaque, never preflighted',
    endpoints: { r: { actual: ok() } },
    calls: [fetchCall(API_R, { mode: 'no-cors', method: 'POST', body: 'x' })],
    chromium: OPAQUE,
  },

  {
    id: 'status-304-no-acao',
    description: 'If-None-Match answered 304 without ACAO',
    endpoints: {
      r: { preflight: preflightOk(ACAO_PAGE, acah('if-none-match')), actual: reply(304, ['ETag', '"v1"']) },
    },
    calls: [fetchCall(API_R, { headers: [['If-None-Match', '"v1"']] })],
    chromium: blocked('MissingAllowOriginHeader'),
    preflightCauseHidden: IF_NONE_MATCH,
  },
  {
    id: 'status-304-acao',
    description: 'If-None-Match answered 304 with ACAO',
    endpoints: {
      r: { preflight: preflightOk(ACAO_PAGE, acah('if-none-match')), actual: reply(304, ACAO_PAGE, ['ETag', '"v1"']) },
    },
    calls: [fetchCall(API_R, { headers: [['If-None-Match', '"v1"']] })],
    chromium: ALLOWED,
    preflightCauseHidden: IF_NONE_MATCH,
  },
];
