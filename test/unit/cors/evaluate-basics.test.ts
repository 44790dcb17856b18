import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import type { ObservedExchange } from '../../../src/cors/types.ts';

const PAGE = 'http://127.0.0.1:7001';
const API = 'http://localhost:7002/api';
const h = (pairs: Record<string, string>) => Object.entries(pairs).map(([name, value]) => ({ name, value }));
const get = (
  response: Record<string, string>,
  outcome: ObservedExchange['outcome'] = { kind: 'completed' },
  extra: Partial<ObservedExchange> = {},
): ObservedExchange => ({
  initiator: PAGE,
  request: { method: 'GET', url: API, headers: h({ Origin: PAGE, 'Sec-Fetch-Mode': 'cors' }) },
  response: { status: 200, headers: h(response) },
  outcome,
  ...extra,
});

describe('evaluate: the spike cases', () => {
  it('a: simple GET with ACAO = origin is allowed', () => {
    const e = evaluate(get({ 'Access-Control-Allow-Origin': PAGE }));
    expect(e.verdict).toBe('allowed');
    expect(e.preflight.needed).toBe(false);
  });
  it('b: no ACAO is MissingAllowOriginHeader', () => {
    const e = evaluate(get({}, { kind: 'failed', error: 'net::ERR_FAILED' }));
    expect(e.verdict).toBe('blocked');
    expect(e.reason?.code).toBe('MissingAllowOriginHeader');
    expect(e.reason?.failedParameter).toBe('');
    expect(e.trace.find((s) => s.decisive)?.rule).toBe('acao-present');
  });
  it('c: ACAO * and a failed read infers credentials: WildcardOriginNotAllowed, inferred', () => {
    const e = evaluate(get({ 'Access-Control-Allow-Origin': '*' }, { kind: 'failed', error: 'net::ERR_FAILED' }));
    expect(e.reason?.code).toBe('WildcardOriginNotAllowed');
    expect(e.confidence).toBe('inferred');
    expect(e.assumptions.join(' ')).toMatch(/inferred/);
  });
  it('trailing slash is named in the trace', () => {
    const e = evaluate(
      get({ 'Access-Control-Allow-Origin': `${PAGE}/` }, { kind: 'failed', error: 'net::ERR_FAILED' }),
    );
    expect(e.reason?.code).toBe('AllowOriginMismatch');
    expect(e.reason?.failedParameter).toBe(`${PAGE}/`);
    expect(e.trace.find((s) => s.decisive)?.detail).toMatch(/trailing slash/);
  });
  it('e: preflight without ACAM is MethodDisallowedByPreflightResponse with failedParameter PUT', () => {
    const e = evaluate({
      initiator: PAGE,
      request: { method: 'PUT', url: API, headers: h({ 'Content-Type': 'application/json' }) },
      preflight: {
        request: {
          method: 'OPTIONS',
          url: API,
          headers: h({
            Origin: PAGE,
            'Access-Control-Request-Method': 'PUT',
            'Access-Control-Request-Headers': 'content-type',
          }),
        },
        response: {
          status: 204,
          headers: h({ 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Headers': 'content-type' }),
        },
        outcome: { kind: 'completed' },
      },
      response: null,
      outcome: { kind: 'failed', error: 'net::ERR_FAILED' },
    });
    expect(e.reason?.code).toBe('MethodDisallowedByPreflightResponse');
    expect(e.reason?.failedParameter).toBe('PUT');
    expect(e.preflight.because.map((c) => c.kind)).toEqual(['method', 'content-type']);
    expect(e.fix?.preflightHeaders.find((x) => x.name === 'Access-Control-Allow-Methods')?.value).toBe('PUT');
  });
});
