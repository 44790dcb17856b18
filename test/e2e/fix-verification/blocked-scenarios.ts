/**
 * Blocked scenarios the end-to-end matrix does not have, added for the fixes: the error path (an
 * authentication layer that answers the preflight or refuses the call, a handler that throws, a
 * route that does not exist, a proxy whose upstream is down — the most common CORS report is an
 * error response from a path that never ran the CORS code), and a header name whose every
 * character is code in some snippet language. Written with the matrix's builders, so they are
 * served and called like its own. The endpoint names are the minimal app's paths
 * (support/frameworks/types.ts), so the fixed server answers them with its real auth layer, its
 * real 500 and 404, and its proxy's real 502.
 */
import {
  ACAO_PAGE,
  API_R,
  acac,
  acah,
  acam,
  blocked,
  fetchCall,
  ok,
  preflightOk,
  reply,
} from '../support/scenario-builders.ts';
import { AUTH_TOKEN } from '../support/frameworks/types.ts';
import type { Scenario } from '../support/scenario-types.ts';

export const BLOCKED_SCENARIOS: Scenario[] = [
  {
    id: 'fix-auth-before-cors',
    description: 'an authentication layer answers the preflight of an authorized DELETE with 401',
    endpoints: { private: { preflight: reply(401, ACAO_PAGE), actual: reply(204) } },
    calls: [fetchCall('{api}{base}/private', { method: 'DELETE', headers: [['Authorization', AUTH_TOKEN]] })],
    chromium: blocked('PreflightInvalidStatus'),
  },
  {
    id: 'error-auth-refuses',
    description: 'the authentication layer refuses a credentialed PUT with 401, without CORS headers',
    endpoints: {
      private: {
        preflight: preflightOk(ACAO_PAGE, acac('true'), acam('PUT'), acah('authorization')),
        actual: reply(401),
      },
    },
    calls: [
      fetchCall('{api}{base}/private', {
        method: 'PUT',
        credentials: 'include',
        headers: [['Authorization', 'Bearer expired']],
      }),
    ],
    chromium: blocked('MissingAllowOriginHeader'),
  },
  {
    id: 'error-unhandled-exception',
    description: 'a handler throws: the 500 of a credentialed GET has no CORS headers',
    endpoints: { throws: { actual: reply(500) } },
    calls: [fetchCall('{api}{base}/throws', { credentials: 'include' })],
    chromium: blocked('MissingAllowOriginHeader'),
  },
  {
    id: 'error-not-found',
    description: 'no route matches: the 404 has no CORS headers',
    endpoints: { missing: { actual: reply(404) } },
    calls: [fetchCall('{api}{base}/missing')],
    chromium: blocked('MissingAllowOriginHeader'),
  },
  {
    id: 'error-gateway',
    description: 'the upstream is down: the 502 has no CORS headers',
    endpoints: { gateway: { actual: reply(502) } },
    calls: [fetchCall('{api}{base}/gateway')],
    chromium: blocked('MissingAllowOriginHeader'),
  },
  {
    id: 'fix-hostile-header-name',
    description: 'a header name made of token characters that are code in JS, Python, Go or nginx',
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE), actual: ok(ACAO_PAGE) } },
    calls: [fetchCall(API_R, { headers: [["X-$uri`'#%!|~^*&+", '1']] })],
    chromium: blocked('HeaderDisallowedByPreflightResponse', "x-$uri`'#%!|~^*&+"),
  },
];
