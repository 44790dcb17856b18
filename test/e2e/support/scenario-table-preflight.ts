/**
 * Preflighted requests: the CORS check on the OPTIONS response (the Preflight* codes), its status
 * and redirect rules, how ACAM/ACAH parse, and which method or header Chromium reports.
 */
import {
  ACAO_PAGE,
  ALLOWED,
  API2_R,
  API_R,
  acac,
  acah,
  acam,
  acao,
  blocked,
  fetchCall,
  ok,
  preflightOk,
  redirect,
  reply,
} from './scenario-builders.ts';
import type { Endpoint, HeaderList, Scenario } from './scenario-types.ts';

const ACTUAL_OK = ok(ACAO_PAGE);

/** A PUT to the api origin answered by `preflight`; the actual response passes. */
const put = (
  id: string,
  description: string,
  preflight: Endpoint['preflight'],
  chromium: Scenario['chromium'],
  actual = ACTUAL_OK,
): Scenario => ({
  id,
  description,
  endpoints: { r: { preflight, actual } },
  calls: [fetchCall(API_R, { method: 'PUT', body: 'x' })],
  chromium,
});
/** A credentialed PUT to the same-site api2 origin. */
const credentialedPut = (
  id: string,
  description: string,
  preflight: Endpoint['preflight'],
  chromium: Scenario['chromium'],
): Scenario => ({
  id,
  description,
  endpoints: { r: { preflight, actual: ok(ACAO_PAGE, acac('true')) } },
  calls: [fetchCall(API2_R, { method: 'PUT', body: 'x', credentials: 'include' })],
  chromium,
});
/** A request with `method` against an ACAM value. */
const method = (
  id: string,
  description: string,
  sent: string,
  allowMethods: string,
  chromium: Scenario['chromium'],
): Scenario => ({
  id,
  description,
  endpoints: { r: { preflight: preflightOk(ACAO_PAGE, acam(allowMethods)), actual: ACTUAL_OK } },
  calls: [fetchCall(API_R, { method: sent })],
  chromium,
});
/** A GET (no credentials) with extra request headers against an ACAH value (null: no ACAH header). */
const headers = (
  id: string,
  description: string,
  sent: HeaderList,
  allowHeaders: string | null,
  chromium: Scenario['chromium'],
): Scenario => ({
  id,
  description,
  endpoints: {
    r: {
      preflight: preflightOk(acao('*'), ...(allowHeaders === null ? [] : [acah(allowHeaders)])),
      actual: ok(acao('*')),
    },
  },
  calls: [fetchCall(API_R, { headers: sent })],
  chromium,
});

export const PREFLIGHT_SCENARIOS: Scenario[] = [
  put('put-ok', 'PUT, preflight allows origin and method', preflightOk(ACAO_PAGE, acam('PUT')), ALLOWED),
  put(
    'put-acao-star',
    "PUT, preflight ACAO '*' + ACAM PUT, actual ACAO '*'",
    preflightOk(acao('*'), acam('PUT')),
    ALLOWED,
    ok(acao('*')),
  ),
  put(
    'put-actual-missing-acao',
    'preflight passes, the actual response has no ACAO',
    preflightOk(ACAO_PAGE, acam('PUT')),
    blocked('MissingAllowOriginHeader'),
    ok(),
  ),
  put(
    'pf-missing-acao',
    'preflight without ACAO',
    preflightOk(acam('PUT')),
    blocked('PreflightMissingAllowOriginHeader'),
  ),
  put(
    'pf-acao-mismatch',
    'preflight ACAO names another origin',
    preflightOk(acao('http://127.0.0.1:1'), acam('PUT')),
    blocked('PreflightAllowOriginMismatch', 'http://127.0.0.1:1'),
  ),
  put(
    'pf-acao-multiple',
    'preflight with two ACAO lines',
    preflightOk(ACAO_PAGE, ACAO_PAGE, acam('PUT')),
    blocked('PreflightMultipleAllowOriginValues', '{page}, {page}'),
  ),
  put(
    'pf-acao-invalid',
    'preflight ACAO is not a URL',
    preflightOk(acao('nope'), acam('PUT')),
    blocked('PreflightInvalidAllowOriginValue', 'nope'),
  ),
  credentialedPut(
    'pf-cred-star',
    "credentialed PUT, preflight ACAO '*'",
    preflightOk(acao('*'), acac('true'), acam('PUT')),
    blocked('PreflightWildcardOriginNotAllowed'),
  ),
  credentialedPut(
    'pf-cred-acac-absent',
    'credentialed PUT, preflight without ACAC',
    preflightOk(ACAO_PAGE, acam('PUT')),
    blocked('PreflightInvalidAllowCredentials', ''),
  ),
  credentialedPut(
    'pf-cred-ok',
    'credentialed PUT, preflight ACAO origin + ACAC true',
    preflightOk(ACAO_PAGE, acac('true'), acam('PUT')),
    ALLOWED,
  ),
  put(
    'pf-status-500-acao',
    'preflight 500 with ACAO',
    reply(500, ACAO_PAGE, acam('PUT')),
    blocked('PreflightInvalidStatus'),
  ),
  put(
    'pf-status-500-no-acao',
    'preflight 500 without ACAO: which check comes first?',
    reply(500),
    blocked('PreflightMissingAllowOriginHeader'),
  ),
  put(
    'pf-status-404-acao',
    'preflight 404 with ACAO',
    reply(404, ACAO_PAGE, acam('PUT')),
    blocked('PreflightInvalidStatus'),
  ),
  put('pf-status-200', 'preflight 200 (any 2xx is ok)', reply(200, ACAO_PAGE, acam('PUT')), ALLOWED),
  put(
    'pf-redirect-acao',
    'preflight answered 307 with ACAO',
    redirect(307, '{api}{base}/elsewhere', ACAO_PAGE, acam('PUT')),
    blocked('PreflightDisallowedRedirect'),
  ),
  put(
    'pf-redirect-no-acao',
    'preflight answered 302 without ACAO: which check comes first?',
    redirect(302, '{api}{base}/elsewhere'),
    blocked('PreflightDisallowedRedirect'),
  ),

  put(
    'acam-absent',
    'preflight without ACAM',
    preflightOk(ACAO_PAGE),
    blocked('MethodDisallowedByPreflightResponse', 'PUT'),
  ),
  method(
    'acam-lower-put',
    "PUT against ACAM 'put'",
    'PUT',
    'put',
    blocked('MethodDisallowedByPreflightResponse', 'PUT'),
  ),
  method(
    'patch-lower-acam-upper',
    "'patch' (not normalized) against ACAM 'PATCH': Chromium compares case-sensitively",
    'patch',
    'PATCH',
    blocked('MethodDisallowedByPreflightResponse', 'patch'),
  ),
  // The preflight passes; the test server (Node's HTTP parser) then rejects the lower-case method
  // with a bare 400, which is what Chromium blocks.
  method(
    'patch-lower-acam-lower',
    "'patch' against ACAM 'patch': the preflight passes",
    'patch',
    'patch',
    blocked('MissingAllowOriginHeader'),
  ),
  method(
    'patch-upper-acam-lower',
    "'PATCH' against ACAM 'patch'",
    'PATCH',
    'patch',
    blocked('MethodDisallowedByPreflightResponse', 'PATCH'),
  ),
  method('delete-lower', "'delete' is normalized to DELETE", 'delete', 'DELETE', ALLOWED),
  method('acam-star', "ACAM '*' without credentials", 'PUT', '*', ALLOWED),
  method('acam-double-comma', "ACAM 'GET,,PUT' (empty items are skipped)", 'PUT', 'GET,,PUT', ALLOWED),
  method('acam-empty', 'ACAM present but empty', 'PUT', '', blocked('MethodDisallowedByPreflightResponse', 'PUT')),
  method(
    'acam-quoted',
    'ACAM \'"PUT"\' (quotes are not token characters)',
    'PUT',
    '"PUT"',
    blocked('InvalidAllowMethodsPreflightResponse'),
  ),
  method(
    'acam-space-inside',
    "ACAM 'PUT DELETE' (a space inside an item)",
    'PUT',
    'PUT DELETE',
    blocked('InvalidAllowMethodsPreflightResponse'),
  ),
  method(
    'acam-other-method',
    'ACAM lists another method',
    'DELETE',
    'PUT, PATCH',
    blocked('MethodDisallowedByPreflightResponse', 'DELETE'),
  ),
  {
    id: 'acam-star-credentials',
    description: "credentialed PUT, ACAM '*' is literal",
    endpoints: {
      r: { preflight: preflightOk(ACAO_PAGE, acac('true'), acam('*')), actual: ok(ACAO_PAGE, acac('true')) },
    },
    calls: [fetchCall(API2_R, { method: 'PUT', credentials: 'include' })],
    chromium: blocked('MethodDisallowedByPreflightResponse', 'PUT'),
  },

  headers(
    'acah-absent',
    'custom header, no ACAH',
    [['X-Custom', '1']],
    null,
    blocked('HeaderDisallowedByPreflightResponse', 'x-custom'),
  ),
  // Chromium reports the first disallowed header in its own header-list order (the order its
  // request headers show), which is neither the order the page set them nor ACRH's sorted order.
  headers(
    'acah-two-missing',
    'X-Zeta and X-Alpha, neither allowed: which is reported?',
    [
      ['X-Zeta', '1'],
      ['X-Alpha', '1'],
    ],
    'x-other',
    blocked('HeaderDisallowedByPreflightResponse', 'x-zeta'),
  ),
  headers(
    'acah-two-missing-in-order',
    'X-Alpha set first, neither allowed: still x-zeta',
    [
      ['X-Alpha', '1'],
      ['X-Zeta', '1'],
    ],
    'x-other',
    blocked('HeaderDisallowedByPreflightResponse', 'x-zeta'),
  ),
  headers(
    'acah-one-of-two',
    'two custom headers, the first allowed',
    [
      ['X-Alpha', '1'],
      ['X-Zeta', '1'],
    ],
    'x-alpha',
    blocked('HeaderDisallowedByPreflightResponse', 'x-zeta'),
  ),
  headers('acah-listed-case', "ACAH 'X-CUSTOM' (case-insensitive)", [['x-custom', '1']], 'X-CUSTOM', ALLOWED),
  headers('acah-star', "ACAH '*' without credentials", [['X-Custom', '1']], '*', ALLOWED),
  {
    id: 'acah-star-credentials',
    description: "credentialed, ACAH '*' is literal",
    endpoints: {
      r: { preflight: preflightOk(ACAO_PAGE, acac('true'), acah('*')), actual: ok(ACAO_PAGE, acac('true')) },
    },
    calls: [fetchCall(API2_R, { headers: [['X-Custom', '1']], credentials: 'include' })],
    chromium: blocked('HeaderDisallowedByPreflightResponse', 'x-custom'),
  },
  headers(
    'acah-star-authorization',
    "Authorization against ACAH '*': Chromium still lets it pass (the standard does not)",
    [['Authorization', 'Bearer t']],
    '*',
    ALLOWED,
  ),
  headers(
    'acah-authorization-listed',
    'Authorization listed in ACAH',
    [['Authorization', 'Bearer t']],
    'authorization',
    ALLOWED,
  ),
  headers(
    'acah-star-and-authorization',
    "ACAH '*, Authorization'",
    [
      ['Authorization', 'Bearer t'],
      ['X-Custom', '1'],
    ],
    '*, Authorization',
    ALLOWED,
  ),
  headers('acah-empty-items', "ACAH 'x-a,,x-custom'", [['X-Custom', '1']], 'x-a,,x-custom', ALLOWED),
  headers(
    'acah-quoted',
    'ACAH \'"x-custom"\'',
    [['X-Custom', '1']],
    '"x-custom"',
    blocked('InvalidAllowHeadersPreflightResponse'),
  ),
  headers(
    'acah-colon',
    "ACAH 'x-custom:' (a colon is not a token character)",
    [['X-Custom', '1']],
    'x-custom:',
    blocked('InvalidAllowHeadersPreflightResponse'),
  ),
  headers(
    'acah-empty',
    'ACAH present but empty',
    [['X-Custom', '1']],
    '',
    blocked('HeaderDisallowedByPreflightResponse', 'x-custom'),
  ),
  headers(
    'json-no-acah',
    'Content-Type application/json, no ACAH',
    [['Content-Type', 'application/json']],
    null,
    blocked('HeaderDisallowedByPreflightResponse', 'content-type'),
  ),
  headers(
    'json-acah',
    'Content-Type application/json, ACAH content-type',
    [['Content-Type', 'application/json']],
    'content-type',
    ALLOWED,
  ),
];
