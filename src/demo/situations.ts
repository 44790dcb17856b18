/**
 * The demo gallery: real CORS situations a developer meets, each a server behaviour plus the
 * request a page makes. `npm start` serves them on two loopback origins and audits them.
 */

export interface DemoSituation {
  id: string;
  title: string;
  /** The request the gallery page makes. */
  call: {
    target: 'api' | 'site2';
    method?: string;
    headers?: Record<string, string>;
    credentials?: 'include' | 'omit';
    mode?: 'no-cors';
    body?: string;
    repeat?: number;
    fromSandbox?: boolean;
  };
  /** Response headers (for the preflight and the actual response unless `preflight` is given). `{origin}` is the request's Origin. */
  headers: Record<string, string | string[]>;
  preflight?: { status?: number; headers: Record<string, string | string[]>; redirectTo?: string };
  status?: number;
  /** Redirect the actual request to another situation's path on the other API origin. */
  redirectTo?: string;
}

const O = '{origin}';
const PUT = { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' };

export const SITUATIONS: DemoSituation[] = [
  {
    id: 'allowed-simple',
    title: 'Simple GET, ACAO = origin',
    call: { target: 'api' },
    headers: { 'access-control-allow-origin': O, vary: 'Origin' },
  },
  {
    id: 'allowed-public',
    title: 'Public data, ACAO *',
    call: { target: 'api' },
    headers: { 'access-control-allow-origin': '*' },
  },
  { id: 'missing-acao', title: 'No Access-Control-Allow-Origin', call: { target: 'api' }, headers: {} },
  {
    id: 'trailing-slash',
    title: 'ACAO with a trailing slash',
    call: { target: 'api' },
    headers: { 'access-control-allow-origin': `${O}/` },
  },
  {
    id: 'wrong-port',
    title: 'ACAO names another port',
    call: { target: 'api' },
    headers: { 'access-control-allow-origin': 'http://127.0.0.1:1' },
  },
  {
    id: 'multiple-acao',
    title: 'Two Access-Control-Allow-Origin headers',
    call: { target: 'api' },
    headers: { 'access-control-allow-origin': [O, 'https://other.example'] },
  },
  {
    id: 'invalid-acao',
    title: 'ACAO that is not an origin',
    call: { target: 'api' },
    headers: { 'access-control-allow-origin': 'https//missing-colon.example' },
  },
  {
    id: 'wildcard-credentials',
    title: 'credentials: include against ACAO *',
    call: { target: 'site2', credentials: 'include' },
    headers: { 'access-control-allow-origin': '*' },
  },
  {
    id: 'missing-acac',
    title: 'Credentials without Access-Control-Allow-Credentials',
    call: { target: 'site2', credentials: 'include' },
    headers: { 'access-control-allow-origin': O, vary: 'Origin' },
  },
  {
    id: 'credentials-ok',
    title: 'Credentials done right',
    call: { target: 'site2', credentials: 'include' },
    headers: { 'access-control-allow-origin': O, 'access-control-allow-credentials': 'true', vary: 'Origin' },
  },
  {
    id: 'preflight-ok',
    title: 'Preflighted PUT (JSON)',
    call: { target: 'api', ...PUT },
    headers: {
      'access-control-allow-origin': O,
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type',
      vary: 'Origin',
    },
  },
  {
    id: 'preflight-no-acam',
    title: 'Preflight without Access-Control-Allow-Methods',
    call: { target: 'api', ...PUT },
    headers: { 'access-control-allow-origin': O, 'access-control-allow-headers': 'content-type', vary: 'Origin' },
  },
  {
    id: 'header-not-allowed',
    title: 'Custom header not in Access-Control-Allow-Headers',
    call: { target: 'api', headers: { 'x-request-id': 'demo-1' } },
    headers: { 'access-control-allow-origin': O, vary: 'Origin' },
  },
  {
    id: 'preflight-500',
    title: 'Preflight answered 500 (auth before CORS)',
    call: { target: 'api', ...PUT },
    headers: { 'access-control-allow-origin': O },
    preflight: { status: 500, headers: {} },
  },
  {
    id: 'preflight-redirect',
    title: 'Preflight redirected',
    call: { target: 'api', ...PUT },
    headers: { 'access-control-allow-origin': O },
    preflight: { status: 301, headers: { 'access-control-allow-origin': O }, redirectTo: '/moved' },
  },
  {
    id: 'preflight-no-acao',
    title: 'Preflight without ACAO',
    call: { target: 'api', method: 'DELETE' },
    headers: { 'access-control-allow-origin': O },
    preflight: { status: 204, headers: { 'access-control-allow-methods': 'DELETE' } },
  },
  {
    id: 'cached-preflight',
    title: 'Preflight cached by Max-Age (second PUT sends none)',
    call: { target: 'api', ...PUT, repeat: 2 },
    headers: {
      'access-control-allow-origin': O,
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
      vary: 'Origin',
    },
  },
  {
    id: 'redirect-taint',
    title: 'Cross-origin redirect: Origin becomes null',
    call: { target: 'api' },
    headers: { 'access-control-allow-origin': O, vary: 'Origin' },
    status: 302,
    redirectTo: 'allowed-public',
  },
  {
    id: 'redirect-no-acao',
    title: 'Redirect without ACAO on the 302',
    call: { target: 'api' },
    headers: {},
    status: 302,
    redirectTo: 'allowed-public',
  },
  {
    id: 'reflected-origin',
    title: 'Origin reflected with credentials (security finding)',
    call: { target: 'site2', credentials: 'include' },
    headers: { 'access-control-allow-origin': O, 'access-control-allow-credentials': 'true' },
  },
  {
    id: 'missing-vary',
    title: 'Dynamic ACAO without Vary: Origin',
    call: { target: 'api' },
    headers: { 'access-control-allow-origin': O },
  },
  {
    id: 'not-found-no-acao',
    title: '404 without ACAO (DevTools shows only 404)',
    call: { target: 'api' },
    headers: {},
    status: 404,
  },
  {
    // The most common CORS report: the error path never runs the CORS code.
    id: 'server-error-no-cors',
    title: '500 from an error path that sends no CORS headers',
    call: { target: 'api' },
    headers: {},
    status: 500,
  },
  {
    id: 'hidden-header',
    title: 'Custom response header hidden from JavaScript',
    call: { target: 'api' },
    headers: { 'access-control-allow-origin': O, vary: 'Origin', 'x-total-count': '42' },
  },
  {
    id: 'sticky-max-age',
    title: 'Max-Age of a day (misconfigurations stay sticky)',
    call: { target: 'api', method: 'PATCH' },
    headers: {
      'access-control-allow-origin': O,
      'access-control-allow-methods': 'PATCH',
      'access-control-max-age': '86400',
      vary: 'Origin',
    },
  },
  {
    id: 'no-cors-opaque',
    title: "mode: 'no-cors' gives an opaque response",
    call: { target: 'api', mode: 'no-cors' },
    headers: {},
  },
  {
    id: 'null-origin',
    title: 'Sandboxed iframe (Origin: null) trusted by ACAO null',
    call: { target: 'api', fromSandbox: true },
    headers: { 'access-control-allow-origin': 'null' },
  },
];
