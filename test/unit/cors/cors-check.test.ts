/**
 * Fetch checklist E (the CORS check on a response), F (what JavaScript may read) and H (an Origin
 * header alone does not make a request CORS), in Chromium's check order.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import type { Evaluation } from '../../../src/cors/types.ts';
import { API, BLOCKED, COMPLETED, PAGE, type Pairs, UNKNOWN, decisiveRule, h, simpleGet } from './exchange-fixtures.ts';

interface Row {
  rule: string;
  response: Pairs;
  credentials?: 'include';
  initiator?: string;
  status?: number;
  expected: { code: string; failedParameter: string; decisive: string } | null;
}

const ROWS: Row[] = [
  {
    rule: 'ACAO absent',
    response: [],
    expected: { code: 'MissingAllowOriginHeader', failedParameter: '', decisive: 'acao-present' },
  },
  { rule: "ACAO '*' without credentials", response: [['Access-Control-Allow-Origin', '*']], expected: null },
  {
    rule: "ACAO ' * ': HTTP whitespace is trimmed",
    response: [['Access-Control-Allow-Origin', '  *  ']],
    expected: null,
  },
  {
    rule: "ACAO '*' with credentials",
    credentials: 'include',
    response: [
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Credentials', 'true'],
    ],
    expected: { code: 'WildcardOriginNotAllowed', failedParameter: '', decisive: 'acao-wildcard-credentials' },
  },
  { rule: 'ACAO equal byte for byte', response: [['Access-Control-Allow-Origin', PAGE]], expected: null },
  {
    rule: 'ACAO with an upper-case scheme',
    response: [['Access-Control-Allow-Origin', 'HTTP://127.0.0.1:7001']],
    expected: { code: 'AllowOriginMismatch', failedParameter: 'HTTP://127.0.0.1:7001', decisive: 'acao-match' },
  },
  {
    rule: 'ACAO naming another port',
    response: [['Access-Control-Allow-Origin', 'http://127.0.0.1:1']],
    expected: { code: 'AllowOriginMismatch', failedParameter: 'http://127.0.0.1:1', decisive: 'acao-match' },
  },
  {
    rule: 'ACAO with a path',
    response: [['Access-Control-Allow-Origin', `${PAGE}/app`]],
    expected: { code: 'AllowOriginMismatch', failedParameter: `${PAGE}/app`, decisive: 'acao-match' },
  },
  {
    rule: "ACAO 'null' for a real origin",
    response: [['Access-Control-Allow-Origin', 'null']],
    expected: { code: 'AllowOriginMismatch', failedParameter: 'null', decisive: 'acao-match' },
  },
  {
    rule: "ACAO 'null' for an opaque origin",
    initiator: 'null',
    response: [['Access-Control-Allow-Origin', 'null']],
    expected: null,
  },
  {
    rule: 'ACAO empty',
    response: [['Access-Control-Allow-Origin', '']],
    expected: { code: 'InvalidAllowOriginValue', failedParameter: '', decisive: 'acao-valid' },
  },
  {
    rule: "ACAO 'a, b'",
    response: [['Access-Control-Allow-Origin', `${PAGE}, http://x.test`]],
    expected: { code: 'MultipleAllowOriginValues', failedParameter: `${PAGE}, http://x.test`, decisive: 'acao-single' },
  },
  {
    rule: "ACAC 'True' is not 'true'",
    credentials: 'include',
    response: [
      ['Access-Control-Allow-Origin', PAGE],
      ['Access-Control-Allow-Credentials', 'True'],
    ],
    expected: { code: 'InvalidAllowCredentials', failedParameter: 'True', decisive: 'acac-true' },
  },
  {
    rule: 'ACAC absent with credentials',
    credentials: 'include',
    response: [['Access-Control-Allow-Origin', PAGE]],
    expected: { code: 'InvalidAllowCredentials', failedParameter: '', decisive: 'acac-true' },
  },
  {
    rule: 'ACAO + ACAC true with credentials',
    credentials: 'include',
    response: [
      ['Access-Control-Allow-Origin', PAGE],
      ['Access-Control-Allow-Credentials', 'true'],
    ],
    expected: null,
  },
  {
    rule: 'a 404 without ACAO is a CORS error',
    status: 404,
    response: [],
    expected: { code: 'MissingAllowOriginHeader', failedParameter: '', decisive: 'acao-present' },
  },
  {
    rule: 'a 304 is CORS-checked like any response',
    status: 304,
    response: [],
    expected: { code: 'MissingAllowOriginHeader', failedParameter: '', decisive: 'acao-present' },
  },
];

describe('Fetch checklist E: the CORS check', () => {
  it.each(ROWS)('$rule', ({ response, credentials, initiator, status, expected }) => {
    const ex = simpleGet(response, expected ? BLOCKED : COMPLETED, {
      ...(credentials ? { credentials } : {}),
      ...(initiator ? { initiator } : {}),
    });
    const e = evaluate({ ...ex, response: { status: status ?? 200, headers: h(response) } });
    if (expected === null) {
      expect(e.verdict).toBe('allowed');
      expect(decisiveRule(e)).toBe('verdict');
      return;
    }
    expect(e.verdict).toBe('blocked');
    expect(e.reason?.code).toBe(expected.code);
    expect(e.reason?.failedParameter).toBe(expected.failedParameter);
    expect(decisiveRule(e)).toBe(expected.decisive);
  });

  it('names a trailing slash in the decisive step', () => {
    const e = evaluate(simpleGet([['Access-Control-Allow-Origin', `${PAGE}/`]], BLOCKED));
    expect(e.trace.find((s) => s.decisive)?.detail).toMatch(/trailing slash/);
  });
});

describe('Fetch checklist F: what JavaScript may read', () => {
  const EXTRA: [string, string][] = [
    ['X-A', '1'],
    ['X-B', '2'],
    ['Content-Language', 'de'],
    ['Set-Cookie', 'k=v'],
  ];
  const exposure = (expose: string | null, credentials: boolean): Evaluation['exposure'] =>
    evaluate(
      simpleGet(
        [
          ['Access-Control-Allow-Origin', PAGE],
          ...(credentials ? [['Access-Control-Allow-Credentials', 'true'] as [string, string]] : []),
          ...(expose === null ? [] : [['Access-Control-Expose-Headers', expose] as [string, string]]),
          ...EXTRA,
        ],
        COMPLETED,
        credentials ? { credentials: 'include' } : {},
      ),
    ).exposure;

  it('only CORS-safelisted response headers without ACEH', () => {
    expect(exposure(null, false).readable).toEqual(['content-language']);
  });
  it('ACEH-listed names', () => {
    expect(exposure('X-A', false).readable.sort()).toEqual(['content-language', 'x-a']);
  });
  it("ACEH '*' exposes everything but Set-Cookie without credentials", () => {
    const e = exposure('*', false);
    expect(e.readable).toEqual(expect.arrayContaining(['x-a', 'x-b', 'access-control-allow-origin']));
    expect(e.hidden.map((x) => x.name)).toEqual(['set-cookie']);
  });
  it("ACEH '*' is a literal name with credentials", () => {
    const e = exposure('*', true);
    expect(e.readable).toEqual(['content-language']);
    expect(e.hidden.find((x) => x.name === 'x-a')?.why).toMatch(/credentialed/);
  });
  it('Set-Cookie stays hidden even when ACEH lists it', () => {
    expect(exposure('Set-Cookie, X-B', false).readable.sort()).toEqual(['content-language', 'x-b']);
  });
  it('an opaque response exposes nothing', () => {
    const e = evaluate(simpleGet([['X-A', '1']], COMPLETED, { mode: 'no-cors' }));
    expect(e.verdict).toBe('opaque');
    expect(e.exposure.readable).toEqual([]);
  });
  it('a no-cors request whose end was not seen is unfinished, not opaque', () => {
    const e = evaluate(simpleGet([['X-A', '1']], UNKNOWN, { mode: 'no-cors' }));
    expect(e.verdict).toBe('unfinished');
    expect(e.failure).toMatch(/not finished/);
  });
});

describe('Fetch checklist H: Origin alone does not make a request CORS', () => {
  it('a same-origin POST carries Origin but gets no CORS check', () => {
    const e = evaluate({
      initiator: PAGE,
      request: { method: 'POST', url: `${PAGE}/form`, headers: h([['Origin', PAGE]]) },
      response: { status: 200, headers: [] },
      outcome: COMPLETED,
    });
    expect(e.verdict).toBe('not-cors');
    expect(e.trace.some((s) => s.rule === 'same-origin')).toBe(true);
  });
  it('a cross-origin request without Origin on the wire is no-cors: opaque', () => {
    const e = evaluate({
      initiator: PAGE,
      request: { method: 'GET', url: API, headers: h([['Accept', '*/*']]) },
      response: { status: 200, headers: [] },
      outcome: COMPLETED,
    });
    expect(e.verdict).toBe('opaque');
  });
});
