/**
 * `probe --profile mcp` against a real MCP server (the SDK's Streamable HTTP transport, three CORS
 * setups): it tells them apart with specific findings, ends every session it opens, stays within
 * the request cap, and reads the engine's verdict for a browser client.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MCP_INSPECTOR_ORIGIN, runMcpProbe } from '../../../src/probe/mcp-profile.ts';
import { MCP_FIXTURE_VARIANTS, startMcpFixture, type McpFixture } from '../../support/mcp-fixture-server.ts';

const CLIENT = 'http://127.0.0.1:5173';
let fixture: McpFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const fast = { ratePerSecond: 100, timeoutMs: 5000 };

describe('the three MCP server setups', () => {
  it.each(MCP_FIXTURE_VARIANTS)('%s', async (variant) => {
    fixture = await startMcpFixture(variant, CLIENT);
    const result = await runMcpProbe([fixture.url], { ...fast, trustedOrigin: CLIENT });
    const [t] = result.targets;
    expect(result.profile).toBe('mcp');
    expect(t!.requests.map((r) => [r.step, r.status])).toEqual([
      ['preflight', 204],
      ['initialize', 200],
      ['terminate-preflight', 204],
      ['terminate', 200],
      ['foreign-initialize', variant === 'any-origin' ? 200 : 403],
      ...(variant === 'any-origin' ? [['foreign-cleanup', 200]] : []),
    ]);
    expect(fixture.openSessions()).toBe(0);
    const summary = {
      initialize: t!.initialize.verdict,
      terminate: t!.terminate?.verdict,
      sessionId: t!.sessionId,
      origin: t!.originValidation.result,
      findings: t!.findings.map((f) => `${f.severity} ${f.code}`).sort(),
    };
    expect(summary).toEqual(
      {
        correct: {
          initialize: 'allowed',
          terminate: 'allowed',
          sessionId: 'exposed',
          origin: 'refused-403',
          findings: [],
        },
        'session-id-hidden': {
          initialize: 'allowed',
          terminate: 'allowed',
          sessionId: 'hidden',
          origin: 'refused-403',
          findings: ['medium mcp-session-id-not-exposed'],
        },
        'any-origin': {
          initialize: 'allowed',
          terminate: 'allowed',
          sessionId: 'exposed',
          origin: 'accepted',
          findings: ['high mcp-origin-not-validated', 'medium origin-reflected'],
        },
      }[variant],
    );
  });
});

describe('a browser client the server does not allow', () => {
  it('is blocked in the preflight, with the reason and the fix', async () => {
    fixture = await startMcpFixture('correct', CLIENT);
    const [t] = (await runMcpProbe([fixture.url], fast)).targets;
    expect(t!.clientOrigin).toBe(MCP_INSPECTOR_ORIGIN);
    expect(t!.initialize.verdict).toBe('blocked');
    expect(t!.initialize.reason?.code).toBe('PreflightMissingAllowOriginHeader');
    expect(t!.findings.map((f) => f.code)).toContain('mcp-browser-client-blocked');
    // The foreign origin was refused and the client origin too: whether Origin is checked is still told by the 403.
    expect(t!.originValidation.result).toBe('refused-403');
  });
});

describe('limits', () => {
  it('sends no more than the request cap and says what it skipped', async () => {
    fixture = await startMcpFixture('any-origin', CLIENT);
    const result = await runMcpProbe([fixture.url], { ...fast, trustedOrigin: CLIENT, maxRequests: 3 });
    const [t] = result.targets;
    expect(result.requestsSent).toBe(3);
    expect(t!.skipped.map((s) => s.step)).toEqual(['terminate', 'foreign-initialize']);
    expect(t!.originValidation.result).toBe('unknown');
  });
});
