/**
 * Scenarios whose verdict turns on what only the page knows — credentials mode, Authorization,
 * an XHR upload listener — and calls from opaque-origin frames (sandboxed and data: iframes).
 * Same vocabulary as the main table (scenario-types.ts), so the same runner and oracle apply;
 * page-observer.test.ts holds the extension's records of them to Chromium's answers.
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
  xhrCall,
} from './scenario-builders.ts';
import type { Scenario } from './scenario-types.ts';

export const PAGE_SIDE_SCENARIOS: readonly Scenario[] = [
  {
    id: 'ps-credentials-star',
    description: "ACAO '*': credentials 'include' is blocked, 'omit' and the default pass",
    endpoints: { r: { actual: ok(acao('*')) } },
    calls: [
      fetchCall(API2_R, { credentials: 'include' }),
      fetchCall(API2_R, { credentials: 'omit' }),
      fetchCall(API2_R),
    ],
    cookie: true,
    chromium: [blocked('WildcardOriginNotAllowed'), ALLOWED, ALLOWED],
  },
  {
    id: 'ps-credentials-acac',
    description: "ACAO names the page without ACAC: 'include' is blocked, 'omit' passes",
    endpoints: { r: { actual: ok(ACAO_PAGE) } },
    calls: [fetchCall(API_R, { credentials: 'include' }), fetchCall(API_R, { credentials: 'omit' })],
    chromium: [blocked('InvalidAllowCredentials'), ALLOWED],
  },
  {
    id: 'ps-authorization-star',
    description: "Authorization against ACAH '*': passes without credentials (Chromium 156)",
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE, acah('*')), actual: ok(ACAO_PAGE) } },
    calls: [fetchCall(API_R, { headers: [['Authorization', 'Bearer t']] })],
    chromium: ALLOWED,
  },
  {
    id: 'ps-authorization-star-credentials',
    description: "Authorization against ACAH '*' with credentials: '*' is literal",
    endpoints: {
      r: { preflight: preflightOk(ACAO_PAGE, acac('true'), acah('*')), actual: ok(ACAO_PAGE, acac('true')) },
    },
    calls: [fetchCall(API_R, { headers: [['Authorization', 'Bearer t']], credentials: 'include' })],
    chromium: blocked('HeaderDisallowedByPreflightResponse', 'authorization'),
  },
  {
    id: 'ps-xhr-upload-refused',
    description: 'XHR POST text/plain with an upload listener: the forced preflight is refused',
    endpoints: { r: { actual: ok(ACAO_PAGE) } },
    calls: [
      xhrCall(API_R, { method: 'POST', body: 'x', headers: [['Content-Type', 'text/plain']], uploadListener: true }),
    ],
    chromium: blocked('PreflightMissingAllowOriginHeader'),
  },
  {
    id: 'ps-xhr-upload-allowed',
    description: 'XHR POST with an upload listener, preflight allowed; the same POST without one is not preflighted',
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE, acam('POST')), actual: ok(ACAO_PAGE) } },
    calls: [
      xhrCall(API_R, { method: 'POST', body: 'x', uploadListener: true }),
      xhrCall(`${API_R}?plain`, { method: 'POST', body: 'x' }),
    ],
    chromium: ALLOWED,
  },
  {
    id: 'ps-data-star',
    description: "data: iframe (Origin: null), ACAO '*'",
    from: 'data-iframe',
    endpoints: { r: { actual: ok(acao('*')) } },
    calls: [fetchCall(API_R)],
    chromium: ALLOWED,
  },
  {
    id: 'ps-data-page-origin',
    description: 'data: iframe, ACAO names the embedding page',
    from: 'data-iframe',
    endpoints: { r: { actual: ok(ACAO_PAGE) } },
    calls: [fetchCall(API_R)],
    chromium: blocked('AllowOriginMismatch', '{page}'),
  },
  {
    id: 'ps-data-credentials-star',
    description: "data: iframe, credentials include, ACAO '*'",
    from: 'data-iframe',
    endpoints: { r: { actual: ok(acao('*')) } },
    calls: [fetchCall(API_R, { credentials: 'include' })],
    chromium: blocked('WildcardOriginNotAllowed'),
  },
  {
    id: 'ps-sandbox-credentials',
    description: "sandboxed iframe, ACAO 'null' without ACAC: include is blocked, omit passes",
    from: 'sandboxed-iframe',
    endpoints: { r: { actual: ok(acao('null')) } },
    calls: [fetchCall(API_R, { credentials: 'include' }), fetchCall(API_R, { credentials: 'omit' })],
    chromium: [blocked('InvalidAllowCredentials'), ALLOWED],
  },
];
