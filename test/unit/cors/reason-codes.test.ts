/**
 * One case per reason code the engine can produce: verdict, code, Chromium's failedParameter, and
 * the trace step that decided it. Every code in CORS_ERROR_CODES is either here or listed with the
 * reason the engine never produces it.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import { CORS_ERROR_CODES, type CorsErrorCode } from '../../../src/cors/reason-codes.ts';
import type { ObservedExchange } from '../../../src/cors/types.ts';
import { API, BLOCKED, PAGE, UNKNOWN, decisiveRule, h, preflighted, simpleGet } from './exchange-fixtures.ts';

interface Row {
  code: CorsErrorCode;
  exchange: ObservedExchange;
  failedParameter: string;
  decisive: string;
}

const include = { credentials: 'include' } as const;
const put = (headers: [string, string][]) => preflighted('PUT', [], { headers }, BLOCKED);

const ROWS: Row[] = [
  { code: 'MissingAllowOriginHeader', exchange: simpleGet([], BLOCKED), failedParameter: '', decisive: 'acao-present' },
  {
    code: 'AllowOriginMismatch',
    exchange: simpleGet([['Access-Control-Allow-Origin', `${PAGE}/`]], BLOCKED),
    failedParameter: `${PAGE}/`,
    decisive: 'acao-match',
  },
  {
    code: 'MultipleAllowOriginValues',
    exchange: simpleGet(
      [
        ['Access-Control-Allow-Origin', PAGE],
        ['Access-Control-Allow-Origin', PAGE],
      ],
      BLOCKED,
    ),
    failedParameter: `${PAGE}, ${PAGE}`,
    decisive: 'acao-single',
  },
  {
    code: 'InvalidAllowOriginValue',
    exchange: simpleGet([['Access-Control-Allow-Origin', 'not-an-origin']], BLOCKED),
    failedParameter: 'not-an-origin',
    decisive: 'acao-valid',
  },
  {
    code: 'WildcardOriginNotAllowed',
    exchange: simpleGet([['Access-Control-Allow-Origin', '*']], BLOCKED, include),
    failedParameter: '',
    decisive: 'acao-wildcard-credentials',
  },
  {
    code: 'InvalidAllowCredentials',
    exchange: simpleGet(
      [
        ['Access-Control-Allow-Origin', PAGE],
        ['Access-Control-Allow-Credentials', 'True'],
      ],
      BLOCKED,
      include,
    ),
    failedParameter: 'True',
    decisive: 'acac-true',
  },

  {
    code: 'PreflightMissingAllowOriginHeader',
    exchange: put([['Access-Control-Allow-Methods', 'PUT']]),
    failedParameter: '',
    decisive: 'acao-present',
  },
  {
    code: 'PreflightAllowOriginMismatch',
    exchange: put([['Access-Control-Allow-Origin', 'http://127.0.0.1:1']]),
    failedParameter: 'http://127.0.0.1:1',
    decisive: 'acao-match',
  },
  {
    code: 'PreflightMultipleAllowOriginValues',
    exchange: put([['Access-Control-Allow-Origin', `${PAGE}, http://a.test`]]),
    failedParameter: `${PAGE}, http://a.test`,
    decisive: 'acao-single',
  },
  {
    code: 'PreflightInvalidAllowOriginValue',
    exchange: put([['Access-Control-Allow-Origin', 'nope']]),
    failedParameter: 'nope',
    decisive: 'acao-valid',
  },
  {
    code: 'PreflightWildcardOriginNotAllowed',
    exchange: { ...put([['Access-Control-Allow-Origin', '*']]), ...include },
    failedParameter: '',
    decisive: 'acao-wildcard-credentials',
  },
  {
    code: 'PreflightInvalidAllowCredentials',
    exchange: { ...put([['Access-Control-Allow-Origin', PAGE]]), ...include },
    failedParameter: '',
    decisive: 'acac-true',
  },
  {
    code: 'PreflightInvalidStatus',
    exchange: preflighted('PUT', [], { status: 500, headers: [['Access-Control-Allow-Origin', PAGE]] }, BLOCKED),
    failedParameter: '',
    decisive: 'preflight-ok-status',
  },
  {
    code: 'PreflightDisallowedRedirect',
    exchange: preflighted('PUT', [], { status: 307, headers: [['Location', `${API}/elsewhere`]] }, BLOCKED),
    failedParameter: '',
    decisive: 'preflight-no-redirect',
  },
  {
    code: 'InvalidAllowMethodsPreflightResponse',
    exchange: put([
      ['Access-Control-Allow-Origin', PAGE],
      ['Access-Control-Allow-Methods', '"PUT"'],
    ]),
    failedParameter: '',
    decisive: 'acam-parse',
  },
  {
    code: 'InvalidAllowHeadersPreflightResponse',
    exchange: put([
      ['Access-Control-Allow-Origin', PAGE],
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', 'x-a:'],
    ]),
    failedParameter: '',
    decisive: 'acah-parse',
  },
  {
    code: 'MethodDisallowedByPreflightResponse',
    exchange: put([['Access-Control-Allow-Origin', PAGE]]),
    failedParameter: 'PUT',
    decisive: 'acam-method',
  },
  {
    code: 'HeaderDisallowedByPreflightResponse',
    exchange: preflighted(
      'GET',
      [['X-Custom', '1']],
      {
        headers: [
          ['Access-Control-Allow-Origin', PAGE],
          ['Access-Control-Allow-Headers', 'x-other'],
        ],
      },
      BLOCKED,
    ),
    failedParameter: 'x-custom',
    decisive: 'acah-header',
  },
  {
    code: 'RedirectContainsCredentials',
    exchange: simpleGet([['Access-Control-Allow-Origin', '*']], BLOCKED, {
      redirects: [
        {
          url: API,
          status: 302,
          headers: h([
            ['Location', 'http://user:pw@localhost:7009/x'],
            ['Access-Control-Allow-Origin', PAGE],
          ]),
          location: 'http://user:pw@localhost:7009/x',
        },
      ],
      response: null,
    }),
    failedParameter: '',
    decisive: 'redirect-userinfo',
  },
  {
    code: 'CorsDisabledScheme',
    exchange: {
      initiator: PAGE,
      request: { method: 'GET', url: 'ftp://localhost/file', headers: [] },
      outcome: BLOCKED,
      mode: 'cors',
    },
    failedParameter: 'ftp',
    decisive: 'renderer',
  },
  {
    code: 'DisallowedByMode',
    exchange: {
      initiator: PAGE,
      request: { method: 'GET', url: API, headers: [] },
      outcome: UNKNOWN,
      mode: 'same-origin',
    },
    failedParameter: '',
    decisive: 'renderer',
  },
  {
    code: 'NoCorsRedirectModeNotFollow',
    exchange: {
      initiator: PAGE,
      request: { method: 'GET', url: API, headers: [] },
      outcome: UNKNOWN,
      mode: 'no-cors',
      redirectMode: 'error',
    },
    failedParameter: '',
    decisive: 'renderer',
  },
];

/** Codes the engine never produces from observed headers, and why. */
const NOT_PRODUCED: Partial<Record<CorsErrorCode, string>> = {
  InvalidResponse:
    "a DevTools warning for a preflight that failed at the network level; the engine reports that as verdict 'failed'",
  PreflightMissingAllowExternal: 'the removed CORS-RFC1918 experiment',
  PreflightInvalidAllowExternal: 'the removed CORS-RFC1918 experiment',
  InsecureLocalNetwork: 'Local Network Access is a permission decision, not visible in headers',
  InvalidLocalNetworkAccess: 'Local Network Access is a permission decision, not visible in headers',
  LocalNetworkAccessPermissionDenied: 'Local Network Access is a permission decision, not visible in headers',
};

describe('every reason code the engine can produce', () => {
  it.each(ROWS)('$code', ({ code, exchange, failedParameter, decisive }) => {
    const e = evaluate(exchange);
    expect(e.verdict).toBe('blocked');
    expect(e.reason?.code).toBe(code);
    expect(e.reason?.failedParameter).toBe(failedParameter);
    expect(decisiveRule(e)).toBe(decisive);
    expect(e.reason?.explanation).toMatch(/was blocked because/);
    expect(e.reason?.howToFix).toMatch(/^To fix this, /);
  });

  it('covers every CorsErrorCode or says why it cannot', () => {
    const covered = new Set(ROWS.map((r) => r.code));
    const unaccounted = CORS_ERROR_CODES.filter((c) => !covered.has(c) && !(c in NOT_PRODUCED));
    expect(unaccounted).toEqual([]);
  });
});

describe('the fix names the headers that make the request pass', () => {
  const header = (list: { name: string; value: string }[] | undefined, name: string) =>
    list?.find((x) => x.name === name)?.value;

  it('MissingAllowOriginHeader: the exact origin', () => {
    const fix = evaluate(simpleGet([], BLOCKED)).fix;
    expect(header(fix?.responseHeaders, 'Access-Control-Allow-Origin')).toBe(PAGE);
  });
  it('WildcardOriginNotAllowed: the exact origin and ACAC true', () => {
    const fix = evaluate(simpleGet([['Access-Control-Allow-Origin', '*']], BLOCKED, include)).fix;
    expect(header(fix?.responseHeaders, 'Access-Control-Allow-Origin')).toBe(PAGE);
    expect(header(fix?.responseHeaders, 'Access-Control-Allow-Credentials')).toBe('true');
  });
  it('MethodDisallowedByPreflightResponse: ACAM on the preflight', () => {
    const fix = evaluate(put([['Access-Control-Allow-Origin', PAGE]])).fix;
    expect(header(fix?.preflightHeaders, 'Access-Control-Allow-Methods')).toContain('PUT');
  });
  it('HeaderDisallowedByPreflightResponse: ACAH on the preflight', () => {
    const e = evaluate(
      preflighted('GET', [['X-Custom', '1']], { headers: [['Access-Control-Allow-Origin', PAGE]] }, BLOCKED),
    );
    expect(header(e.fix?.preflightHeaders, 'Access-Control-Allow-Headers')).toContain('x-custom');
  });
  it('RedirectContainsCredentials: no header can fix it', () => {
    const row = ROWS.find((r) => r.code === 'RedirectContainsCredentials')!;
    const e = evaluate(row.exchange);
    expect(e.fix?.responseHeaders).toEqual([]);
    expect(e.fix?.notes.join(' ')).toMatch(/user:password@/);
    expect(e.reason?.consoleMessage).toContain("'http://user:pw@localhost:7009/x'");
  });
});
