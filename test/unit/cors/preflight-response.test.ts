/**
 * Fetch checklist C and D: how the preflight response is judged (CORS check with the actual
 * request's credentials, ok status, ACAM/ACAH parsing and matching) in Chromium's order, and what
 * the preflight cache keeps. Chromium's choices were checked in the real browser (test/e2e).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import type { BrowserProfile, ObservedExchange } from '../../../src/cors/types.ts';
import { API, BLOCKED, COMPLETED, PAGE, type Pairs, decisiveRule, h, preflighted } from './exchange-fixtures.ts';

const ORIGIN: [string, string] = ['Access-Control-Allow-Origin', PAGE];

interface Row {
  rule: string;
  method?: string;
  requestHeaders?: Pairs;
  status?: number;
  response: Pairs;
  credentials?: 'include';
  /** null: the preflight passes. */
  expected: { code: string; failedParameter: string; decisive: string } | null;
}

const ROWS: Row[] = [
  { rule: 'ACAO + ACAM PUT pass', response: [ORIGIN, ['Access-Control-Allow-Methods', 'PUT']], expected: null },
  {
    rule: 'any 2xx status is ok',
    status: 299,
    response: [ORIGIN, ['Access-Control-Allow-Methods', 'PUT']],
    expected: null,
  },
  {
    rule: 'the CORS check comes before the status (500 without ACAO)',
    status: 500,
    response: [],
    expected: { code: 'PreflightMissingAllowOriginHeader', failedParameter: '', decisive: 'acao-present' },
  },
  {
    rule: 'a 404 with ACAO fails on its status',
    status: 404,
    response: [ORIGIN],
    expected: { code: 'PreflightInvalidStatus', failedParameter: '', decisive: 'preflight-ok-status' },
  },
  {
    rule: 'a redirect is refused before the CORS check',
    status: 302,
    response: [['Location', `${API}/x`]],
    expected: { code: 'PreflightDisallowedRedirect', failedParameter: '', decisive: 'preflight-no-redirect' },
  },
  {
    rule: "ACAM 'GET,,PUT': empty items are skipped",
    response: [ORIGIN, ['Access-Control-Allow-Methods', 'GET,,PUT']],
    expected: null,
  },
  {
    rule: 'ACAM present but empty',
    response: [ORIGIN, ['Access-Control-Allow-Methods', '']],
    expected: { code: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT', decisive: 'acam-method' },
  },
  {
    rule: "ACAM 'PUT DELETE' is not a token list",
    response: [ORIGIN, ['Access-Control-Allow-Methods', 'PUT DELETE']],
    expected: { code: 'InvalidAllowMethodsPreflightResponse', failedParameter: '', decisive: 'acam-parse' },
  },
  {
    rule: "ACAM 'put' does not allow PUT (case-sensitive)",
    response: [ORIGIN, ['Access-Control-Allow-Methods', 'put']],
    expected: { code: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT', decisive: 'acam-method' },
  },
  {
    rule: "ACAM 'PATCH' does not allow 'patch' (Chromium 156 too)",
    method: 'patch',
    response: [ORIGIN, ['Access-Control-Allow-Methods', 'PATCH']],
    expected: { code: 'MethodDisallowedByPreflightResponse', failedParameter: 'patch', decisive: 'acam-method' },
  },
  {
    rule: "ACAM 'patch' allows 'patch'",
    method: 'patch',
    response: [ORIGIN, ['Access-Control-Allow-Methods', 'patch']],
    expected: null,
  },
  {
    rule: 'a safelisted method needs no ACAM',
    method: 'POST',
    requestHeaders: [['X-Custom', '1']],
    response: [ORIGIN, ['Access-Control-Allow-Headers', 'x-custom']],
    expected: null,
  },
  {
    rule: "ACAM '*' allows any method without credentials",
    response: [
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Methods', '*'],
    ],
    expected: null,
  },
  {
    rule: "ACAM '*' is a literal name with credentials",
    credentials: 'include',
    response: [ORIGIN, ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Methods', '*']],
    expected: { code: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT', decisive: 'acam-method' },
  },
  {
    rule: 'ACAH matches case-insensitively',
    method: 'GET',
    requestHeaders: [['x-custom', '1']],
    response: [ORIGIN, ['Access-Control-Allow-Headers', 'X-CUSTOM']],
    expected: null,
  },
  {
    rule: "ACAH 'x-a,,x-custom': empty items are skipped",
    method: 'GET',
    requestHeaders: [['X-Custom', '1']],
    response: [ORIGIN, ['Access-Control-Allow-Headers', 'x-a,,x-custom']],
    expected: null,
  },
  {
    rule: 'ACAH with a quoted name does not parse',
    method: 'GET',
    requestHeaders: [['X-Custom', '1']],
    response: [ORIGIN, ['Access-Control-Allow-Headers', '"x-custom"']],
    expected: { code: 'InvalidAllowHeadersPreflightResponse', failedParameter: '', decisive: 'acah-parse' },
  },
  {
    rule: "ACAH '*' covers a custom header without credentials",
    method: 'GET',
    requestHeaders: [['X-Custom', '1']],
    response: [
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Headers', '*'],
    ],
    expected: null,
  },
  {
    rule: "ACAH '*' is a literal name with credentials",
    method: 'GET',
    credentials: 'include',
    requestHeaders: [['X-Custom', '1']],
    response: [ORIGIN, ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Headers', '*']],
    expected: { code: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-custom', decisive: 'acah-header' },
  },
  {
    rule: "ACAH '*' covers Authorization in Chromium 156",
    method: 'GET',
    requestHeaders: [['Authorization', 'Bearer t']],
    response: [
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Headers', '*'],
    ],
    expected: null,
  },
  {
    rule: 'the first header in request order is reported',
    method: 'GET',
    requestHeaders: [
      ['X-Zeta', '1'],
      ['X-Alpha', '1'],
    ],
    response: [ORIGIN, ['Access-Control-Allow-Headers', 'x-other']],
    expected: { code: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-zeta', decisive: 'acah-header' },
  },
];

const exchangeFor = (r: Row): ObservedExchange =>
  preflighted(
    r.method ?? 'PUT',
    r.requestHeaders ?? [],
    { status: r.status, headers: r.response },
    r.expected ? BLOCKED : COMPLETED,
    r.expected
      ? null
      : [
          ['Access-Control-Allow-Origin', PAGE],
          ['Access-Control-Allow-Credentials', 'true'],
        ],
    r.credentials ? { credentials: r.credentials } : {},
  );

describe('Fetch checklist C: the preflight response', () => {
  it.each(ROWS)('$rule', (row) => {
    const e = evaluate(exchangeFor(row));
    if (row.expected === null) {
      expect(e.verdict).toBe('allowed');
      expect(e.reason).toBeNull();
      expect(decisiveRule(e)).toBe('verdict');
      return;
    }
    expect(e.verdict).toBe('blocked');
    expect(e.reason?.code).toBe(row.expected.code);
    expect(e.reason?.failedParameter).toBe(row.expected.failedParameter);
    expect(decisiveRule(e)).toBe(row.expected.decisive);
  });

  it("says when ACAH '*' let Authorization through: the standard would not", () => {
    const e = evaluate(exchangeFor(ROWS.find((r) => r.rule.startsWith("ACAH '*' covers Authorization"))!));
    expect(e.browserNotes.join(' ')).toMatch(/never covers Authorization/);
  });

  it('without the request headers, several disallowed names are an assumption, reported in ACRH order', () => {
    const ex = preflighted(
      'GET',
      [
        ['X-Zeta', '1'],
        ['X-Alpha', '1'],
      ],
      { headers: [ORIGIN] },
      BLOCKED,
    );
    const e = evaluate({ ...ex, request: { ...ex.request, headers: [] } });
    expect(e.reason?.failedParameter).toBe('x-alpha');
    expect(e.assumptions.join(' ')).toMatch(/x-alpha, x-zeta/);
  });
});

describe('Fetch checklist D: the preflight cache', () => {
  const maxAge = (value: string | null, browser?: BrowserProfile) =>
    evaluate({
      ...preflighted(
        'PUT',
        [],
        {
          headers: [
            ORIGIN,
            ['Access-Control-Allow-Methods', 'PUT'],
            ...(value === null ? [] : [['Access-Control-Max-Age', value] as [string, string]]),
          ],
        },
        COMPLETED,
        [ORIGIN],
      ),
      ...(browser ? { browser } : {}),
    }).preflight.maxAgeSeconds;

  it.each([
    { value: null, seconds: 5, why: 'absent: 5 s' },
    { value: '600', seconds: 600, why: 'as sent' },
    { value: '-1', seconds: 0, why: 'negative: 0' },
    { value: 'ten', seconds: 5, why: 'unparsable: 5 s' },
    { value: '86400', seconds: 7200, why: 'capped at 2 h in Chromium' },
  ])('Access-Control-Max-Age $value → $seconds ($why)', ({ value, seconds }) => {
    expect(maxAge(value)).toBe(seconds);
  });
  it('Firefox caps at 24 h', () => {
    expect(maxAge('100000', 'firefox')).toBe(86400);
  });
  it('a needed preflight that was not sent, before a response that arrived, came from the cache', () => {
    const e = evaluate({
      initiator: PAGE,
      request: { method: 'PUT', url: API, headers: h([['Origin', PAGE]]) },
      response: { status: 200, headers: h([ORIGIN]) },
      outcome: COMPLETED,
    });
    expect(e.verdict).toBe('allowed');
    expect(e.preflight).toMatchObject({ needed: true, seen: false, cached: true });
    expect(e.preflight.summary).toMatch(/preflight cache/);
  });
});
