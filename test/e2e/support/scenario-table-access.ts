/**
 * The CORS check on responses to simple requests (no preflight): ACAO forms, credentials, error
 * statuses, XHR, and the opaque origin of a sandboxed iframe.
 */
import { ACAO_PAGE, ALLOWED, NOT_CORS, API2_R, API_R, acac, acah, acam, acao, blocked, fetchCall, ok, preflightOk, reply, xhrCall } from './scenario-builders.ts';
import type { Scenario } from './scenario-types.ts';

const get = (id: string, description: string, headers: Parameters<typeof ok>, chromium: Scenario['chromium']): Scenario => ({
  id, description, endpoints: { r: { actual: ok(...headers) } }, calls: [fetchCall(API_R)], chromium,
});
const withCredentials = (id: string, description: string, url: string, headers: Parameters<typeof ok>, chromium: Scenario['chromium'], cookie = false): Scenario => ({
  id, description, endpoints: { r: { actual: ok(...headers) } }, calls: [fetchCall(url, { credentials: 'include' })], cookie, chromium,
});
const sandboxed = (id: string, description: string, headers: Parameters<typeof ok>, chromium: Scenario['chromium'], credentials?: 'include'): Scenario => ({
  id, description, from: 'sandboxed-iframe', endpoints: { r: { actual: ok(...headers) } }, calls: [fetchCall(API_R, credentials ? { credentials } : {})], chromium,
});

export const ACCESS_SCENARIOS: Scenario[] = [
  get('acao-exact', 'ACAO equals the origin', [ACAO_PAGE], ALLOWED),
  get('acao-star', "ACAO '*' without credentials", [acao('*')], ALLOWED),
  get('acao-star-padded', "ACAO ' * ' (HTTP whitespace is trimmed)", [acao('  *  ')], ALLOWED),
  get('acao-missing', 'no ACAO at all', [], blocked('MissingAllowOriginHeader')),
  get('acao-trailing-slash', 'ACAO with a trailing slash', [acao('{page}/')], blocked('AllowOriginMismatch', '{page}/')),
  get('acao-scheme-case', 'ACAO with an upper-case scheme (byte comparison)', [acao('HTTP://{page-host}')], blocked('AllowOriginMismatch', 'HTTP://{page-host}')),
  get('acao-other-port', 'ACAO names another port', [acao('http://127.0.0.1:1')], blocked('AllowOriginMismatch', 'http://127.0.0.1:1')),
  get('acao-https', 'ACAO names the https origin', [acao('https://{page-host}')], blocked('AllowOriginMismatch', 'https://{page-host}')),
  get('acao-null-top', "ACAO 'null' for a page with a real origin", [acao('null')], blocked('AllowOriginMismatch', 'null')),
  get('acao-with-path', 'ACAO carries a path', [acao('{page}/app')], blocked('AllowOriginMismatch', '{page}/app')),
  get('acao-two-headers', 'two ACAO header lines (combined into one list)', [ACAO_PAGE, ACAO_PAGE], blocked('MultipleAllowOriginValues', '{page}, {page}')),
  get('acao-comma-list', "ACAO 'a, b' in one line", [acao('{page}, http://example.test')], blocked('MultipleAllowOriginValues', '{page}, http://example.test')),
  get('acao-not-url', 'ACAO is not a URL', [acao('not-an-origin')], blocked('InvalidAllowOriginValue', 'not-an-origin')),
  get('acao-empty', 'ACAO present but empty', [acao('')], blocked('InvalidAllowOriginValue', '')),
  {
    id: 'status-404-no-acao', description: '404 without ACAO is a CORS error, not a readable 404', endpoints: { r: { actual: reply(404) } },
    calls: [fetchCall(API_R)], chromium: blocked('MissingAllowOriginHeader'),
  },
  {
    id: 'status-404-acao', description: '404 with ACAO is readable', endpoints: { r: { actual: reply(404, ACAO_PAGE) } },
    calls: [fetchCall(API_R)], chromium: ALLOWED,
  },
  {
    id: 'status-500-no-acao', description: '500 without ACAO', endpoints: { r: { actual: reply(500) } },
    calls: [fetchCall(API_R)], chromium: blocked('MissingAllowOriginHeader'),
  },
  {
    id: 'post-text-plain', description: 'simple POST text/plain', endpoints: { r: { actual: ok(ACAO_PAGE) } },
    calls: [fetchCall(API_R, { method: 'POST', body: 'x', headers: [['Content-Type', 'text/plain']] })], chromium: ALLOWED,
  },
  {
    id: 'head-simple', description: 'HEAD is safelisted', endpoints: { r: { actual: ok(ACAO_PAGE) } },
    calls: [fetchCall(API_R, { method: 'HEAD' })], chromium: ALLOWED,
  },
  {
    id: 'same-origin-no-acao', description: 'same-origin request: no CORS check', endpoints: { r: { actual: ok() } },
    calls: [fetchCall('{page}{base}/r')], chromium: NOT_CORS,
  },

  withCredentials('cred-star-no-cookie', "credentials include + ACAO '*', no cookie sent", API_R, [acao('*')], blocked('WildcardOriginNotAllowed')),
  withCredentials('cred-star-cookie', "credentials include + ACAO '*' with a cookie on the wire", API2_R, [acao('*'), acac('true')], blocked('WildcardOriginNotAllowed'), true),
  withCredentials('cred-acac-True', "ACAC 'True' (case-sensitive)", API_R, [ACAO_PAGE, acac('True')], blocked('InvalidAllowCredentials', 'True')),
  withCredentials('cred-acac-absent', 'credentials include without ACAC', API_R, [ACAO_PAGE], blocked('InvalidAllowCredentials', '')),
  withCredentials('cred-ok-cookie', 'credentials include, ACAO origin + ACAC true, cookie sent', API2_R, [ACAO_PAGE, acac('true')], ALLOWED, true),
  {
    id: 'cred-same-origin-star', description: "default credentials (same-origin) to another origin: no cookie, ACAO '*' passes",
    endpoints: { r: { actual: ok(acao('*')) } }, calls: [fetchCall(API2_R)], cookie: true, chromium: ALLOWED,
  },

  { id: 'xhr-allowed', description: 'XHR GET, ACAO origin', endpoints: { r: { actual: ok(ACAO_PAGE) } }, calls: [xhrCall(API_R)], chromium: ALLOWED },
  { id: 'xhr-missing', description: 'XHR GET, no ACAO', endpoints: { r: { actual: ok() } }, calls: [xhrCall(API_R)], chromium: blocked('MissingAllowOriginHeader') },
  {
    id: 'xhr-with-credentials-star', description: "XHR withCredentials + ACAO '*'", endpoints: { r: { actual: ok(acao('*')) } },
    calls: [xhrCall(API_R, { credentials: 'include' })], chromium: blocked('WildcardOriginNotAllowed'),
  },
  {
    id: 'xhr-with-credentials-ok', description: 'XHR withCredentials, ACAO origin + ACAC true', endpoints: { r: { actual: ok(ACAO_PAGE, acac('true')) } },
    calls: [xhrCall(API2_R, { credentials: 'include' })], cookie: true, chromium: ALLOWED,
  },

  sandboxed('sandbox-star', "sandboxed iframe (Origin: null), ACAO '*'", [acao('*')], ALLOWED),
  sandboxed('sandbox-null', "sandboxed iframe, ACAO 'null'", [acao('null')], ALLOWED),
  sandboxed('sandbox-page-origin', 'sandboxed iframe, ACAO names the parent origin', [ACAO_PAGE], blocked('AllowOriginMismatch', '{page}')),
  sandboxed('sandbox-missing', 'sandboxed iframe, no ACAO', [], blocked('MissingAllowOriginHeader')),
  sandboxed('sandbox-cred-null', "sandboxed iframe, credentials include, ACAO 'null' + ACAC true", [acao('null'), acac('true')], ALLOWED, 'include'),
  {
    id: 'sandbox-put-preflight-null', description: "sandboxed iframe PUT: preflight and response ACAO 'null'", from: 'sandboxed-iframe',
    endpoints: { r: { preflight: preflightOk(acao('null'), acam('PUT')), actual: ok(acao('null')) } }, calls: [fetchCall(API_R, { method: 'PUT', body: 'x' })], chromium: ALLOWED,
  },
  {
    id: 'xhr-put-preflight', description: 'XHR PUT with a custom header, preflight allows both',
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE, acam('PUT'), acah('x-custom')), actual: ok(ACAO_PAGE) } },
    calls: [xhrCall(API_R, { method: 'PUT', body: 'x', headers: [['X-Custom', '1']] })], chromium: ALLOWED,
  },
  sandboxed('sandbox-cred-star', "sandboxed iframe, credentials include, ACAO '*'", [acao('*')], blocked('WildcardOriginNotAllowed'), 'include'),
];
