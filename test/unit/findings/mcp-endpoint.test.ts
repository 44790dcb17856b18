/**
 * The MCP endpoint judge on the answers real servers give: the CORS bugs MCP servers are known for
 * (a session id not exposed, MCP headers not allowed, Authorization under '*', OPTIONS refused by
 * authentication) and the Origin check the MCP specification requires.
 */
import { describe, expect, it } from 'vitest';
import { judgeMcpEndpoint, type McpAnswer, type McpEndpointAnswers } from '../../../src/cors/mcp-endpoint.ts';
import type { Header } from '../../../src/cors/types.ts';

const CLIENT = 'http://localhost:6274';
const FOREIGN = 'https://cors-probe-1234abcd.test';
const h = (pairs: Record<string, string>): Header[] => Object.entries(pairs).map(([name, value]) => ({ name, value }));
const answer = (status: number | null, headers: Record<string, string> = {}): McpAnswer => ({
  status,
  headers: h(headers),
  error: status === null ? 'ECONNREFUSED' : null,
});

const GOOD_PREFLIGHT = {
  'Access-Control-Allow-Origin': CLIENT,
  'Access-Control-Allow-Methods': 'GET,POST,DELETE',
  'Access-Control-Allow-Headers': 'content-type,mcp-protocol-version,mcp-session-id,authorization',
  Vary: 'Origin',
};
const GOOD_RESPONSE = {
  'Access-Control-Allow-Origin': CLIENT,
  'Access-Control-Expose-Headers': 'Mcp-Session-Id',
  'Mcp-Session-Id': 'abc',
  Vary: 'Origin',
};

function answers(over: Partial<McpEndpointAnswers> = {}): McpEndpointAnswers {
  return {
    url: 'http://127.0.0.1:3001/mcp',
    clientOrigin: CLIENT,
    foreignOrigin: FOREIGN,
    protocolVersion: '2025-11-25',
    preflight: answer(204, GOOD_PREFLIGHT),
    initialize: answer(200, GOOD_RESPONSE),
    terminatePreflight: answer(204, GOOD_PREFLIGHT),
    terminate: answer(200, { 'Access-Control-Allow-Origin': CLIENT, Vary: 'Origin' }),
    foreign: answer(403),
    ...over,
  };
}
const codes = (o: McpEndpointAnswers) => judgeMcpEndpoint(o).findings.map((f) => f.code);

describe('a browser MCP client', () => {
  it('passes on a correct setup, with nothing to report', () => {
    const j = judgeMcpEndpoint(answers());
    expect([j.initialize.verdict, j.terminate?.verdict, j.sessionId, j.originValidation.result]).toEqual([
      'allowed',
      'allowed',
      'exposed',
      'refused-403',
    ]);
    expect(j.findings).toEqual([]);
  });

  it('cannot send MCP-Protocol-Version when Access-Control-Allow-Headers lacks it', () => {
    const j = judgeMcpEndpoint(
      answers({
        preflight: answer(204, { ...GOOD_PREFLIGHT, 'Access-Control-Allow-Headers': 'content-type,authorization' }),
      }),
    );
    expect([j.initialize.reason?.code, j.initialize.reason?.failedParameter]).toEqual([
      'HeaderDisallowedByPreflightResponse',
      'mcp-protocol-version',
    ]);
    expect(j.initialize.fix?.preflightHeaders).toContainEqual({
      name: 'Access-Control-Allow-Headers',
      value: 'authorization, content-type, mcp-protocol-version, mcp-session-id',
    });
    expect(j.findings.map((f) => f.code)).toEqual(['mcp-browser-client-blocked']);
  });

  it("gets Authorization through '*' in Chromium, as measured, and is told the standard and Firefox say otherwise", () => {
    const j = judgeMcpEndpoint(
      answers({ preflight: answer(204, { ...GOOD_PREFLIGHT, 'Access-Control-Allow-Headers': '*' }) }),
    );
    expect(j.initialize.verdict).toBe('allowed');
    expect(j.initialize.notes.join(' ')).toMatch(/never covers Authorization/);
  });

  it('is refused when authentication answers the preflight, and the fix says to put CORS first', () => {
    // An auth layer's 401 carries no CORS headers: Chromium checks those before the status.
    const bare = judgeMcpEndpoint(answers({ preflight: answer(401, { 'WWW-Authenticate': 'Bearer' }) }));
    expect(bare.initialize.reason?.code).toBe('PreflightMissingAllowOriginHeader');
    expect(bare.initialize.fix?.notes.join(' ')).toMatch(/Register CORS first/);
    const withCors = judgeMcpEndpoint(answers({ preflight: answer(401, GOOD_PREFLIGHT) }));
    expect(withCors.initialize.reason?.code).toBe('PreflightInvalidStatus');
    expect(withCors.initialize.fix?.notes.join(' ')).toMatch(/Register CORS first/);
  });

  it('cannot end its session when DELETE is not allowed', () => {
    const j = judgeMcpEndpoint(
      answers({ terminatePreflight: answer(204, { ...GOOD_PREFLIGHT, 'Access-Control-Allow-Methods': 'GET,POST' }) }),
    );
    expect([j.terminate?.reason?.code, j.terminate?.reason?.failedParameter]).toEqual([
      'MethodDisallowedByPreflightResponse',
      'DELETE',
    ]);
    expect(
      codes(
        answers({ terminatePreflight: answer(204, { ...GOOD_PREFLIGHT, 'Access-Control-Allow-Methods': 'POST' }) }),
      ),
    ).toEqual(['mcp-browser-client-blocked']);
  });

  it('cannot read Mcp-Session-Id unless it is exposed; a stateless server has none to expose', () => {
    const hidden = { ...GOOD_RESPONSE } as Record<string, string>;
    delete hidden['Access-Control-Expose-Headers'];
    expect(judgeMcpEndpoint(answers({ initialize: answer(200, hidden) })).sessionId).toBe('hidden');
    expect(codes(answers({ initialize: answer(200, hidden) }))).toEqual(['mcp-session-id-not-exposed']);
    const stateless = { 'Access-Control-Allow-Origin': CLIENT, Vary: 'Origin' };
    const j = judgeMcpEndpoint(
      answers({ initialize: answer(200, stateless), terminatePreflight: null, terminate: null }),
    );
    expect([j.sessionId, j.terminate, j.findings]).toEqual(['not-issued', null, []]);
  });
});

describe('Origin validation (DNS rebinding)', () => {
  it('is missing when a foreign origin is accepted, worse when its origin is echoed', () => {
    expect(codes(answers({ foreign: answer(200) }))).toEqual(['mcp-origin-not-validated']);
    expect(
      judgeMcpEndpoint(answers({ foreign: answer(200, { 'Access-Control-Allow-Origin': FOREIGN }) })).findings.map(
        (f) => `${f.severity} ${f.code}`,
      ),
    ).toEqual(['high mcp-origin-not-validated', 'medium origin-reflected', 'low vary-origin-missing']);
  });

  it('asks for 403 when the refusal has another status', () => {
    const j = judgeMcpEndpoint(answers({ foreign: answer(400) }));
    expect(j.originValidation.result).toBe('refused-other');
    expect(j.findings.map((f) => `${f.severity} ${f.code}`)).toEqual(['info mcp-origin-refused-without-403']);
  });

  it('is unknown when the client origin is refused too, or nothing answered', () => {
    expect(judgeMcpEndpoint(answers({ initialize: answer(401), foreign: answer(401) })).originValidation.result).toBe(
      'unknown',
    );
    expect(judgeMcpEndpoint(answers({ foreign: answer(null) })).originValidation.result).toBe('unknown');
    expect(judgeMcpEndpoint(answers({ foreign: null })).originValidation.detail).toMatch(/request cap/);
  });
});
