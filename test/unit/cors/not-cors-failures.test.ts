/**
 * Failures that look like CORS from the page ("TypeError: Failed to fetch") but are not: each gets
 * its own verdict or note and never an offer of CORS headers. Inputs mirror what webRequest and
 * the page-side observer showed in Chromium 156 (test/e2e/conformance-not-cors.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import type { ObservedExchange } from '../../../src/cors/types.ts';
import { API, BLOCKED, COMPLETED, PAGE, h, simpleGet } from './exchange-fixtures.ts';

const failedWith = (error: string, extra: Partial<ObservedExchange> = {}): ObservedExchange => ({
  initiator: PAGE,
  request: { method: 'GET', url: API, headers: h([['Origin', PAGE]]) },
  response: null,
  outcome: { kind: 'failed', error },
  ...extra,
});

describe('not CORS', () => {
  it('a request another extension cancelled (declarativeNetRequest block) names the blocker', () => {
    const e = evaluate(failedWith('net::ERR_BLOCKED_BY_CLIENT'));
    expect(e.verdict).toBe('failed');
    expect(e.failure).toMatch(/extension/);
    expect(e.fix).toBeNull();
  });

  it.each(['cors', 'no-cors'] as const)(
    "Local Network Access refusal in mode '%s': Chromium's own CORS code, and a permission instead of headers",
    (mode) => {
      const e = evaluate(failedWith('net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS', { mode }));
      expect({ verdict: e.verdict, code: e.reason?.code }).toEqual({
        verdict: 'blocked',
        code: 'LocalNetworkAccessPermissionDenied',
      });
      expect(e.fix?.responseHeaders ?? []).toEqual([]);
      expect(e.reason?.howToFix).toMatch(/permission/i);
    },
  );

  const preflightWithoutResponse = (url: string): ObservedExchange => ({
    ...failedWith('net::ERR_FAILED'),
    request: { method: 'PUT', url, headers: [] },
    preflight: {
      request: { method: 'OPTIONS', url, headers: h([['Access-Control-Request-Method', 'PUT']]) },
      response: null,
      outcome: { kind: 'failed', error: 'net::ERR_FAILED' },
    },
  });

  it('a preflight to a local address that ended in a bare ERR_FAILED is inferred as a Local Network Access refusal', () => {
    const e = evaluate(preflightWithoutResponse(API));
    expect({ verdict: e.verdict, code: e.reason?.code, where: e.reason?.where }).toEqual({
      verdict: 'blocked',
      code: 'LocalNetworkAccessPermissionDenied',
      where: 'preflight',
    });
    expect(e.confidence).toBe('inferred');
    expect(e.assumptions.join(' ')).toMatch(/local address/);
  });

  it('the same to a public host name stays a failure that names the possibility', () => {
    const e = evaluate(preflightWithoutResponse('http://api.example.test/r'));
    expect(e.verdict).toBe('failed');
    expect(e.failure).toMatch(/Local Network Access/);
  });

  it("an extension's redirect (Internal Redirect, Non-Authoritative-Reason) is not CORS-checked, and is named", () => {
    const location = `${API}/elsewhere`;
    const e = evaluate({
      ...simpleGet([['Access-Control-Allow-Origin', '*']], COMPLETED),
      redirects: [
        {
          url: API,
          status: 307,
          headers: h([
            ['Location', location],
            ['Non-Authoritative-Reason', 'WebRequest API'],
          ]),
          location,
        },
      ],
    });
    expect(e.verdict).toBe('allowed');
    expect(e.browserNotes.join(' ')).toMatch(/An extension redirected this request/);
  });

  it("the page's Content-Security-Policy refusal", () => {
    const e = evaluate({
      ...failedWith('TypeError: Failed to fetch'),
      request: { method: 'GET', url: API, headers: [] },
      api: 'fetch',
      mode: 'cors',
      cspViolation: { directive: 'connect-src' },
    });
    expect(e.verdict).toBe('failed');
    expect(e.failure).toMatch(/Content-Security-Policy \(connect-src\)/);
    expect(e.failure).toContain(new URL(API).origin);
    expect(e.reason).toBeNull();
  });

  it('Opaque Response Blocking: a no-cors JSON response is opaque with an empty body, and says so', () => {
    const e = evaluate(simpleGet([['Content-Type', 'application/json']], COMPLETED, { mode: 'no-cors' }));
    expect(e.verdict).toBe('opaque');
    expect(e.browserNotes.join(' ')).toMatch(/Opaque Response Blocking/);
  });

  it('an image in mode no-cors is not blocked by ORB', () => {
    const e = evaluate(simpleGet([['Content-Type', 'image/png']], COMPLETED, { mode: 'no-cors' }));
    expect(e.browserNotes.join(' ')).not.toMatch(/Opaque Response Blocking/);
  });

  it('net::ERR_BLOCKED_BY_ORB and ERR_BLOCKED_BY_RESPONSE are explained as what they are', () => {
    expect(evaluate(failedWith('net::ERR_BLOCKED_BY_ORB', { mode: 'no-cors' })).failure).toMatch(
      /Opaque Response Blocking/,
    );
    expect(evaluate(failedWith('net::ERR_BLOCKED_BY_RESPONSE')).failure).toMatch(/Cross-Origin-Resource-Policy/);
  });

  it('headers that pass, yet Chromium blocked: another extension probably removed a header after webRequest saw it', () => {
    const e = evaluate(simpleGet([['Access-Control-Allow-Origin', PAGE]], BLOCKED, { credentials: 'omit' }));
    expect(e.verdict).toBe('failed');
    expect(e.failure).toMatch(/another extension/);
  });

  it('headers that fail, yet Chromium let the page read: another extension probably added them', () => {
    const e = evaluate(simpleGet([], COMPLETED));
    expect(e.verdict).toBe('allowed');
    expect(e.browserNotes.join(' ')).toMatch(/Another extension probably added CORS headers/);
  });

  it('an unreachable server is not a CORS problem', () => {
    const e = evaluate(failedWith('net::ERR_CONNECTION_REFUSED'));
    expect(e.verdict).toBe('failed');
    expect(e.failure).toMatch(/could not be reached/);
  });
});
