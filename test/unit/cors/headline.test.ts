/**
 * The explanation's first line names the cause and the header, from the engine's own evaluation of
 * real-shaped exchanges; and an error status without CORS headers is said first, as what it is.
 */
import { describe, expect, it } from 'vitest';
import { headline, quoted, serverFailure, type HeadlineInput } from '../../../src/cors/headline.ts';
import { evaluate } from '../../../src/cors/index.ts';
import { CORS_ERROR_CODES } from '../../../src/cors/reason-codes.ts';
import type { Evaluation } from '../../../src/cors/types.ts';
import { API, BLOCKED, COMPLETED, h, PAGE, preflight, simpleGet, type Pairs } from './exchange-fixtures.ts';

/** The headline input for an evaluation, with the status and headers of the response it is about. */
const input = (e: Evaluation, status: number | null, headers: Pairs): HeadlineInput => ({
  verdict: e.verdict,
  reason: e.reason,
  failure: e.failure,
  origin: e.effectiveOrigin,
  status,
  corsHeaders: headers.some(([name]) => name.toLowerCase().startsWith('access-control-allow-')),
});

describe('headline', () => {
  it('leads with the missing header, not with a generic title', () => {
    const e = evaluate(simpleGet([], BLOCKED));
    expect(headline(input(e, 200, [])).sentence).toBe('The response has no Access-Control-Allow-Origin header.');
  });

  it('names the allowed origin and the page origin on a mismatch', () => {
    const acao: Pairs = [['Access-Control-Allow-Origin', `${PAGE}/`]];
    const e = evaluate(simpleGet(acao, BLOCKED));
    expect(headline(input(e, 200, acao)).sentence).toBe(
      `The response allows the origin '${PAGE}/', not this page's origin '${PAGE}'.`,
    );
  });

  it('names the preflight and the header it did not allow', () => {
    const e = evaluate({
      ...simpleGet([], BLOCKED),
      request: { method: 'GET', url: API, headers: h([['X-Request-Id', '1']]) },
      preflight: preflight('GET', ['x-request-id'], 204, [['Access-Control-Allow-Origin', PAGE]]),
      response: null,
    });
    expect(e.reason?.code).toBe('HeaderDisallowedByPreflightResponse');
    expect(headline(input(e, 204, [['Access-Control-Allow-Origin', PAGE]])).sentence).toBe(
      "The preflight response does not allow the request header 'x-request-id' (Access-Control-Allow-Headers).",
    );
  });

  it('cuts a huge value and says how long it was', () => {
    const huge = `http://${'a'.repeat(200_000)}`;
    const e = evaluate(simpleGet([['Access-Control-Allow-Origin', huge]], BLOCKED));
    const { sentence } = headline(input(e, 200, [['Access-Control-Allow-Origin', huge]]));
    expect(sentence.length).toBeLessThan(200);
    expect(sentence).toContain('(200,007 characters)');
    expect(quoted('short')).toBe("'short'");
  });

  it('has a sentence for every reason code, naming no value longer than the quote limit', () => {
    for (const code of CORS_ERROR_CODES) {
      const { sentence } = headline({
        verdict: 'blocked',
        reason: {
          code,
          failedParameter: 'x'.repeat(5000),
          where: code.startsWith('Preflight') ? 'preflight' : 'response',
        },
        failure: null,
        origin: PAGE,
        status: 200,
        corsHeaders: true,
      });
      expect(sentence, code).toMatch(/^[A-Z].*\.$/);
      expect(sentence.length, code).toBeLessThan(260);
    }
  });

  it('says what an allowed, unfinished or failed exchange is', () => {
    expect(
      headline(input(evaluate(simpleGet([['Access-Control-Allow-Origin', PAGE]], COMPLETED)), 200, [])).sentence,
    ).toBe("The page's JavaScript can read this response.");
    const failed = evaluate({
      ...simpleGet([], { kind: 'failed', error: 'net::ERR_CONNECTION_REFUSED' }),
      response: null,
    });
    expect(failed.verdict).toBe('failed');
    expect(headline(input(failed, null, [])).sentence).toBe(failed.failure);
  });
});

describe('serverFailure: the error path that runs no CORS code', () => {
  it.each([401, 404, 500, 502])('a %i without CORS headers is said first', (status) => {
    const e = evaluate({ ...simpleGet([['Content-Type', 'text/html']], BLOCKED), response: { status, headers: [] } });
    const head = headline(input(e, status, []));
    expect(head.serverFailure).toMatchObject({ status, preflight: false });
    expect(head.sentence).toBe(
      `The server answered ${status}; its error responses carry no CORS headers — fix the error, and make the error path send the same CORS headers.`,
    );
  });

  it('a preflight refused with 401 and no CORS headers: something answered before CORS', () => {
    const e = evaluate({
      ...simpleGet([], BLOCKED),
      request: { method: 'PUT', url: API, headers: h([['Content-Type', 'application/json']]) },
      preflight: preflight('PUT', ['content-type'], 401, []),
      response: null,
    });
    // Chromium checks the preflight's Allow-Origin before its status.
    expect(e.reason?.code).toBe('PreflightMissingAllowOriginHeader');
    const failure = serverFailure(input(e, 401, []));
    expect(failure).toMatchObject({ status: 401, preflight: true });
    expect(failure!.sentence).toMatch(/^The server answered the preflight \(OPTIONS\) with 401 and no CORS headers/);
  });

  it('a preflight answered 500 with CORS headers still needs a 2xx', () => {
    const acao: Pairs = [['Access-Control-Allow-Origin', PAGE]];
    const e = evaluate({
      ...simpleGet([], BLOCKED),
      request: { method: 'DELETE', url: API, headers: [] },
      preflight: preflight('DELETE', [], 500, acao),
      response: null,
    });
    expect(serverFailure(input(e, 500, acao))!.sentence).toMatch(/a preflight needs a 2xx status/);
  });

  it('is no server failure when the error response has CORS headers, or the read was allowed', () => {
    const mismatch: Pairs = [['Access-Control-Allow-Origin', `${PAGE}/`]];
    const e = evaluate({ ...simpleGet(mismatch, BLOCKED), response: { status: 403, headers: h(mismatch) } });
    expect(serverFailure(input(e, 403, mismatch))).toBeNull();
    const readable: Pairs = [['Access-Control-Allow-Origin', PAGE]];
    const ok = evaluate({ ...simpleGet(readable, COMPLETED), response: { status: 500, headers: h(readable) } });
    expect(serverFailure(input(ok, 500, readable))).toBeNull();
  });
});
