/**
 * The conformance corpus for issue 14, items 1–6: requests nobody on this project wrote the matrix
 * for — calls the renderer refuses, redirects out of http(s), preflights answered with statuses
 * that look like redirects, XHR with user:password@, blob: URLs, and redirect modes 'manual' and
 * 'error'. Each `chromium` is what Chromium 156 did (CDP corsErrorStatus or Audits issue, and
 * what JavaScript got); the test re-checks it on every run.
 */
import {
  ACAO_PAGE,
  ALLOWED,
  NOT_CORS,
  OPAQUE,
  acah,
  acam,
  acao,
  blocked,
  failed,
  ok,
  preflightOk,
  redirect,
  reply,
} from './scenario-builders.ts';
import type { ConformanceCase } from './conformance-types.ts';
import type { ChromiumResult, Reply } from './scenario-types.ts';

const R = '{api}{base}/r';
const PAGE_R = '{page}{base}/r';
const redirecting = (reply: Reply) => ({ r: { actual: reply } });

/** Redirects to every kind of non-http(s) Location, in the modes and APIs that treat them differently. */
const FOREIGN: [name: string, location: string, cors: ChromiumResult, noCors: ChromiumResult][] = [
  ['mailto', 'mailto:a@example.com', blocked('CorsDisabledScheme'), failed('net::ERR_UNKNOWN_URL_SCHEME')],
  ['facetime', 'facetime:a@example.org', blocked('CorsDisabledScheme'), failed('net::ERR_UNKNOWN_URL_SCHEME')],
  ['custom', 'foo://bar/baz', blocked('CorsDisabledScheme'), failed('net::ERR_UNKNOWN_URL_SCHEME')],
  ['invalidurl', 'invalidurl:', blocked('CorsDisabledScheme'), failed('net::ERR_UNKNOWN_URL_SCHEME')],
  ['javascript', 'javascript:void(0)', blocked('CorsDisabledScheme'), failed('net::ERR_UNKNOWN_URL_SCHEME')],
  ['ftp', 'ftp://127.0.0.1/f', blocked('CorsDisabledScheme'), failed('net::ERR_UNKNOWN_URL_SCHEME')],
  ['data', 'data:text/plain,hi', failed('net::ERR_UNSAFE_REDIRECT'), failed('net::ERR_UNSAFE_REDIRECT')],
  ['about', 'about:blank', failed('net::ERR_UNSAFE_REDIRECT'), failed('net::ERR_UNSAFE_REDIRECT')],
  ['blob', 'blob:{api}/0000', failed('net::ERR_UNSAFE_REDIRECT'), failed('net::ERR_UNSAFE_REDIRECT')],
  ['file', 'file:///etc/hostname', failed('net::ERR_UNSAFE_REDIRECT'), failed('net::ERR_UNSAFE_REDIRECT')],
];

const redirectOutOfHttp: ConformanceCase[] = FOREIGN.flatMap(([name, location, cors, noCors]) => [
  {
    id: `c2-${name}-fetch`,
    item: 2,
    description: `fetch() redirected (302, ACAO ok) to ${location}`,
    endpoints: redirecting(redirect(302, location, ACAO_PAGE)),
    call: { api: 'fetch', url: R },
    chromium: cors,
  },
  {
    id: `c2-${name}-xhr`,
    item: 2,
    description: `XHR redirected (302, ACAO ok) to ${location}`,
    endpoints: redirecting(redirect(302, location, ACAO_PAGE)),
    call: { api: 'xhr', url: R },
    chromium: cors,
  },
  {
    id: `c2-${name}-no-cors`,
    item: 2,
    description: `fetch() in mode 'no-cors' redirected to ${location}`,
    endpoints: redirecting(redirect(302, location)),
    call: { api: 'fetch', url: R, mode: 'no-cors' },
    chromium: noCors,
  },
]);

const directSchemes: ConformanceCase[] = [
  ['ftp', 'ftp://127.0.0.1/{base}'],
  ['ws', 'ws://127.0.0.1/{base}'],
  ['mailto', 'mailto:{base}@example.com'],
  ['about', 'about:blank#{base}'],
  ['custom', 'foo://bar{base}'],
].flatMap(([name, url]) => [
  {
    id: `c1-${name}-direct-fetch`,
    item: 1,
    description: `fetch(${name}:) is refused in the renderer`,
    call: { api: 'fetch', url: url! },
    chromium: blocked('CorsDisabledScheme', url!.split(':')[0]),
  },
  {
    id: `c1-${name}-direct-no-cors`,
    item: 1,
    description: `fetch(${name}:) in mode 'no-cors' is refused too`,
    call: { api: 'fetch', url: url!, mode: 'no-cors' },
    chromium: blocked('CorsDisabledScheme', url!.split(':')[0]),
  },
]);

const refusals: ConformanceCase[] = [
  ...(['manual', 'error'] as const).flatMap((mode) =>
    [301, 302, 303, 307, 308].map(
      (status): ConformanceCase => ({
        id: `c1-no-cors-${mode}-${status}`,
        item: 1,
        description: `fetch(mode 'no-cors', redirect '${mode}') to a URL answering ${status}`,
        endpoints: redirecting(redirect(status, '{api}{base}/next')),
        call: { api: 'fetch', url: R, mode: 'no-cors', redirect: mode },
        chromium: blocked('NoCorsRedirectModeNotFollow'),
      }),
    ),
  ),
  {
    id: 'c1-same-origin-mode',
    item: 1,
    description: "mode 'same-origin' to another origin",
    endpoints: { r: { actual: ok(acao('*')) } },
    call: { api: 'fetch', url: R, mode: 'same-origin' },
    chromium: blocked('DisallowedByMode'),
  },
  {
    id: 'c1-same-origin-mode-ftp',
    item: 1,
    description: "mode 'same-origin' to an ftp: URL: refused for its mode first",
    call: { api: 'fetch', url: 'ftp://127.0.0.1{base}', mode: 'same-origin' },
    chromium: blocked('DisallowedByMode'),
  },
  {
    id: 'c1-no-cors-manual-own-origin',
    item: 1,
    description: "mode 'no-cors' + redirect 'manual' to the page's own origin is fetched, not refused",
    endpoints: { r: { actual: ok() } },
    call: { api: 'fetch', url: PAGE_R, mode: 'no-cors', redirect: 'manual' },
    chromium: NOT_CORS,
  },
  ...directSchemes,
];

const preflightStatuses: ConformanceCase[] = [
  ...[300, 304, 305, 306, 301, 302, 303, 307, 308].map(
    (status): ConformanceCase => ({
      id: `c3-preflight-${status}`,
      item: 3,
      description: `preflight answered ${status} with a Location (and ACAO, ACAM)`,
      endpoints: {
        r: {
          preflight: reply(status, ACAO_PAGE, acam('PUT'), ['Location', '{api}{base}/elsewhere']),
          actual: ok(ACAO_PAGE),
        },
      },
      call: { api: 'fetch', url: R, method: 'PUT', body: 'x' },
      chromium: [301, 302, 303, 307, 308].includes(status)
        ? blocked('PreflightDisallowedRedirect')
        : blocked('PreflightInvalidStatus'),
    }),
  ),
  {
    id: 'c3-preflight-302-no-location',
    item: 3,
    description: 'preflight answered 302 without a Location',
    endpoints: { r: { preflight: reply(302, ACAO_PAGE, acam('PUT')), actual: ok(ACAO_PAGE) } },
    call: { api: 'fetch', url: R, method: 'PUT', body: 'x' },
    chromium: blocked('PreflightInvalidStatus'),
  },
  {
    id: 'c3-actual-304-location',
    item: 3,
    description: 'a 304 with a Location (and ACAO) is a response, not a redirect',
    endpoints: { r: { actual: reply(304, ACAO_PAGE, ['Location', '{api}{base}/elsewhere']) } },
    call: { api: 'fetch', url: R },
    chromium: ALLOWED,
  },
  {
    id: 'c3-actual-304-location-no-acao',
    item: 3,
    description: 'a 304 with a Location and no ACAO is CORS-checked like any response',
    endpoints: { r: { actual: reply(304, ['Location', '{api}{base}/elsewhere']) } },
    call: { api: 'fetch', url: R },
    chromium: blocked('MissingAllowOriginHeader'),
  },
  {
    id: 'c3-actual-300-location',
    item: 3,
    description: 'a 300 with a Location (and ACAO) is a response, not a redirect',
    endpoints: { r: { actual: reply(300, ACAO_PAGE, ['Location', '{api}{base}/elsewhere']) } },
    call: { api: 'fetch', url: R },
    chromium: ALLOWED,
  },
];

const USERINFO_R = 'http://user:secret@{api-host}{base}/r';
const userinfo: ConformanceCase[] = [
  {
    id: 'c4-xhr-simple',
    item: 4,
    description: 'XHR to http://user:secret@… (ACAO *)',
    endpoints: { r: { actual: ok(acao('*')) } },
    call: { api: 'xhr', url: USERINFO_R },
    chromium: ALLOWED,
  },
  {
    id: 'c4-xhr-preflighted',
    item: 4,
    description: 'XHR to user:secret@… with a header that needs a preflight: one exchange, preflight paired',
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE, acah('x-a')), actual: ok(ACAO_PAGE) } },
    call: { api: 'xhr', url: USERINFO_R, headers: [['X-A', '1']] },
    chromium: ALLOWED,
  },
  {
    id: 'c4-xhr-put',
    item: 4,
    description: 'XHR PUT to user:secret@…: one exchange, preflight paired',
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE, acam('PUT')), actual: ok(ACAO_PAGE) } },
    call: { api: 'xhr', url: USERINFO_R, method: 'PUT', body: 'x' },
    chromium: ALLOWED,
  },
  {
    id: 'c4-xhr-preflight-refused',
    item: 4,
    description: 'XHR PUT to user:secret@… whose preflight is refused',
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE), actual: ok(ACAO_PAGE) } },
    call: { api: 'xhr', url: USERINFO_R, method: 'PUT', body: 'x' },
    chromium: blocked('MethodDisallowedByPreflightResponse', 'PUT'),
  },
  {
    id: 'c4-xhr-no-acao',
    item: 4,
    description: 'XHR to user:secret@… without ACAO',
    endpoints: { r: { actual: ok() } },
    call: { api: 'xhr', url: USERINFO_R },
    chromium: blocked('MissingAllowOriginHeader'),
  },
  {
    id: 'c4-xhr-open-arguments',
    item: 4,
    description: "XHR with open()'s user and password arguments",
    endpoints: { r: { actual: ok(acao('*')) } },
    call: { api: 'xhr', url: R, xhrUser: ['u', 'p'] },
    chromium: ALLOWED,
  },
  {
    id: 'c4-fetch',
    item: 4,
    description: 'fetch() refuses a URL with user:secret@ (no request, no CORS error)',
    call: { api: 'fetch', url: USERINFO_R },
    chromium: failed('TypeError'),
  },
];

const blobs: ConformanceCase[] = [
  {
    id: 'c5-xhr-other-origin',
    item: 5,
    description: "XHR to another origin's (bogus) blob: URL: no CORS error",
    call: { api: 'xhr', url: 'blob:{api}/{base}' },
    chromium: failed(''),
  },
  {
    id: 'c5-xhr-opaque-origin',
    item: 5,
    description: 'XHR to a blob: URL with no origin: no CORS error',
    call: { api: 'xhr', url: 'blob:c5-opaque{base}' },
    chromium: failed(''),
  },
  {
    id: 'c5-fetch-other-origin',
    item: 5,
    description: "fetch() of another origin's blob: URL",
    call: { api: 'fetch', url: 'blob:{api}/{base}' },
    chromium: blocked('CorsDisabledScheme', 'blob'),
  },
  {
    id: 'c5-fetch-other-origin-no-cors',
    item: 5,
    description: "fetch() of another origin's blob: URL in mode 'no-cors': no CORS error",
    call: { api: 'fetch', url: 'blob:{api}/{base}', mode: 'no-cors' },
    chromium: failed(''),
  },
  {
    id: 'c5-xhr-own-bogus',
    item: 5,
    description: "XHR to a bogus blob: URL of the page's own origin (same-origin: not listed)",
    call: { api: 'xhr', url: 'blob:{page}/{base}' },
    chromium: failed('net::ERR_FILE_NOT_FOUND'),
  },
  {
    id: 'c5-fetch-own',
    item: 5,
    description: "fetch() of the page's own blob: URL (same-origin: not listed)",
    call: { api: 'fetch', url: 'blob:own' },
    chromium: NOT_CORS,
  },
  {
    id: 'c5-xhr-revoked',
    item: 5,
    description: "XHR to the page's own revoked blob: URL (same-origin: not listed)",
    call: { api: 'xhr', url: 'blob:revoked' },
    chromium: failed('net::ERR_FILE_NOT_FOUND'),
  },
];

const redirectModes: ConformanceCase[] = [
  ...[301, 302, 303, 307, 308].flatMap((status): ConformanceCase[] => [
    {
      id: `c6-manual-${status}`,
      item: 6,
      description: `redirect 'manual' answered ${status} (ACAO ok): an opaque-redirect response`,
      endpoints: redirecting(redirect(status, '{api}{base}/next', ACAO_PAGE)),
      call: { api: 'fetch', url: R, redirect: 'manual' },
      chromium: OPAQUE,
    },
    {
      id: `c6-manual-${status}-no-acao`,
      item: 6,
      description: `redirect 'manual' answered ${status} without ACAO: blocked before the mode applies`,
      endpoints: redirecting(redirect(status, '{api}{base}/next')),
      call: { api: 'fetch', url: R, redirect: 'manual' },
      chromium: blocked('MissingAllowOriginHeader'),
    },
    {
      id: `c6-error-${status}`,
      item: 6,
      description: `redirect 'error' answered ${status} (ACAO ok): a network error, not CORS`,
      endpoints: redirecting(redirect(status, '{api}{base}/next', ACAO_PAGE)),
      call: { api: 'fetch', url: R, redirect: 'error' },
      chromium: failed('net::ERR_FAILED'),
    },
  ]),
  {
    id: 'c6-error-no-acao',
    item: 6,
    description: "redirect 'error' answered 302 without ACAO: blocked first",
    endpoints: redirecting(redirect(302, '{api}{base}/next')),
    call: { api: 'fetch', url: R, redirect: 'error' },
    chromium: blocked('MissingAllowOriginHeader'),
  },
  {
    id: 'c6-manual-preflighted',
    item: 6,
    description: "redirect 'manual' PUT: preflight, then the 302 as an opaque-redirect",
    endpoints: {
      r: { preflight: preflightOk(ACAO_PAGE, acam('PUT')), actual: redirect(302, '{api}{base}/next', ACAO_PAGE) },
    },
    call: { api: 'fetch', url: R, method: 'PUT', body: 'x', redirect: 'manual' },
    chromium: OPAQUE,
  },
  {
    id: 'c6-manual-own-origin',
    item: 6,
    description:
      "redirect 'manual' on the page's own origin pointing elsewhere (listed: webRequest reports the redirect)",
    endpoints: redirecting(redirect(302, '{api}{base}/next')),
    call: { api: 'fetch', url: PAGE_R, redirect: 'manual' },
    chromium: OPAQUE,
    recorded: true,
  },
  {
    id: 'c6-manual-304',
    item: 6,
    description: "redirect 'manual' answered 304 with a Location: the response itself",
    endpoints: { r: { actual: reply(304, ACAO_PAGE, ['Location', '{api}{base}/next']) } },
    call: { api: 'fetch', url: R, redirect: 'manual' },
    chromium: ALLOWED,
  },
];

export const CONFORMANCE_CASES: ConformanceCase[] = [
  ...refusals,
  ...redirectOutOfHttp,
  ...preflightStatuses,
  ...userinfo,
  ...blobs,
  ...redirectModes,
];
