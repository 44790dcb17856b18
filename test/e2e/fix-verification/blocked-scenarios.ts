/**
 * Blocked scenarios the end-to-end matrix does not have, added for the fixes: the seed's
 * auth-before-CORS preflight, and a header name whose every character is code in some snippet
 * language. Written with the matrix's builders, so they are served and called like its own.
 */
import { ACAO_PAGE, API_R, blocked, fetchCall, ok, preflightOk, reply } from '../support/scenario-builders.ts';
import type { Scenario } from '../support/scenario-types.ts';

export const BLOCKED_SCENARIOS: Scenario[] = [
  {
    id: 'fix-auth-before-cors',
    description: 'an authentication layer answers the preflight of an authorized DELETE with 401',
    endpoints: { r: { preflight: reply(401, ACAO_PAGE), actual: reply(204) } },
    calls: [fetchCall(API_R, { method: 'DELETE', headers: [['Authorization', 'Bearer t0ken']] })],
    chromium: blocked('PreflightInvalidStatus'),
  },
  {
    id: 'fix-hostile-header-name',
    description: 'a header name made of token characters that are code in JS, Python, Go or nginx',
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE), actual: ok(ACAO_PAGE) } },
    calls: [fetchCall(API_R, { headers: [["X-$uri`'#%!|~^*&+", '1']] })],
    chromium: blocked('HeaderDisallowedByPreflightResponse', "x-$uri`'#%!|~^*&+"),
  },
];
