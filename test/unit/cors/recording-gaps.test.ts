/**
 * Recordings that leave things out (HAR exports): a blocked read whose evidence is missing stays
 * blocked, with the reasons still possible instead of a guess; "not recorded" is never "not sent".
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import type { ObservedExchange } from '../../../src/cors/types.ts';
import { API, API_ORIGIN, BLOCKED, COMPLETED, h, PAGE } from './exchange-fixtures.ts';

const PROVISIONAL = h([
  ['Referer', `${PAGE}/`],
  ['User-Agent', 'Mozilla/5.0'],
]);
const NO_PREFLIGHTS = "Playwright's recordHar keeps no preflights";
const NO_RESPONSE = 'Playwright records no response headers for a failed request';
const PROVISIONAL_ONLY = 'only the headers the page set were recorded';

function playwrightBlocked(method: string, headers = PROVISIONAL, extra: Partial<ObservedExchange> = {}) {
  return evaluate({
    initiator: PAGE,
    initiatorSource: "the frame's document URL",
    request: { method, url: API, headers },
    response: null,
    outcome: BLOCKED,
    gaps: { preflight: NO_PREFLIGHTS, response: NO_RESPONSE, requestHeaders: PROVISIONAL_ONLY },
    ...extra,
  });
}

describe('a blocked read the recording cannot explain', () => {
  it('is blocked with no reason, listing only response checks for a simple request', () => {
    const e = playwrightBlocked('GET');
    expect(e.verdict).toBe('blocked');
    expect(e.reason).toBeNull();
    expect(e.fix).toBeNull();
    expect(e.confidence).toBe('inferred');
    const codes = e.possibleReasons!.map((r) => r.code);
    expect(codes).toEqual([
      'MissingAllowOriginHeader',
      'MultipleAllowOriginValues',
      'InvalidAllowOriginValue',
      'AllowOriginMismatch',
      'WildcardOriginNotAllowed',
      'InvalidAllowCredentials',
      'RedirectContainsCredentials',
    ]);
    expect(e.assumptions.join(' ')).toContain(NO_RESPONSE);
    expect(e.assumptions.join(' ')).toContain("redirect: 'error'");
    expect(e.mode.mode).toBe('unknown');
    expect(e.trace[0]!.detail).toContain("the frame's document URL");
  });

  it('names the method and each unsafe header the preflight could have refused', () => {
    const e = playwrightBlocked('PUT', [...PROVISIONAL, { name: 'content-type', value: 'application/json' }]);
    expect(e.verdict).toBe('blocked');
    const preflight = e.possibleReasons!.filter((r) => r.where === 'preflight');
    expect(preflight).toContainEqual({
      code: 'MethodDisallowedByPreflightResponse',
      failedParameter: 'PUT',
      where: 'preflight',
    });
    expect(preflight).toContainEqual({
      code: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'content-type',
      where: 'preflight',
    });
    expect(e.assumptions.join(' ')).toContain(NO_PREFLIGHTS);
  });

  it('leaves out the credential checks when the request is known to go without credentials', () => {
    const e = playwrightBlocked('GET', PROVISIONAL, { credentials: 'omit' });
    expect(e.possibleReasons!.map((r) => r.code)).not.toContain('WildcardOriginNotAllowed');
  });

  it('without gaps, a response-less net::ERR_FAILED stays "failed outside CORS" (webRequest sees everything)', () => {
    const e = evaluate({
      initiator: PAGE,
      request: { method: 'GET', url: API, headers: h([['Origin', PAGE]]) },
      response: null,
      outcome: BLOCKED,
    });
    expect(e.verdict).toBe('failed');
    expect(e.possibleReasons).toBeUndefined();
  });

  it('names the reason when the recorded headers show it, gaps or not', () => {
    const e = playwrightBlocked('GET', PROVISIONAL, {
      response: { status: 200, headers: h([['Access-Control-Allow-Origin', 'http://elsewhere.example']]) },
    });
    expect(e.reason?.code).toBe('AllowOriginMismatch');
    expect(e.possibleReasons).toBeUndefined();
  });
});

describe('a preflight the recording does not keep', () => {
  it('is not claimed to come from the preflight cache', () => {
    const e = evaluate({
      initiator: PAGE,
      request: {
        method: 'PUT',
        url: API,
        headers: h([
          ['Origin', PAGE],
          ['Sec-Fetch-Mode', 'cors'],
          ['Content-Type', 'application/json'],
        ]),
      },
      response: { status: 200, headers: h([['Access-Control-Allow-Origin', PAGE]]) },
      outcome: COMPLETED,
      gaps: { preflight: NO_PREFLIGHTS },
    });
    expect(e.verdict).toBe('allowed');
    expect(e.preflight.needed).toBe(true);
    expect(e.preflight.cached).toBe(false);
    expect(e.preflight.summary).toContain(NO_PREFLIGHTS);
  });
});

describe('a redirect the browser did not follow', () => {
  it("says a redirect: 'error' fetch fails this way, and is certain when the page said so", () => {
    const exchange: ObservedExchange = {
      initiator: PAGE,
      request: { method: 'GET', url: API, headers: h([['Origin', PAGE]]) },
      response: {
        status: 302,
        headers: h([
          ['Location', `${API_ORIGIN}/elsewhere`],
          ['Access-Control-Allow-Origin', '*'],
        ]),
      },
      outcome: BLOCKED,
    };
    const guessed = evaluate(exchange);
    expect(guessed.verdict).toBe('failed');
    expect(guessed.failure).toContain("redirect: 'error'");
    const known = evaluate({ ...exchange, redirectMode: 'error' });
    expect(known.failure).toMatch(/used redirect: 'error'/);
  });
});

describe('HTTP/2 request headers as HARs list them', () => {
  it('never take the pseudo-headers (:authority, :method, :path, :scheme) for page-set headers', () => {
    const pseudo = [':authority', ':method', ':path', ':scheme'].map((name) => ({ name, value: 'x' }));
    const e = evaluate({
      initiator: PAGE,
      request: { method: 'GET', url: API, headers: [...pseudo, ...h([['Origin', PAGE]])] },
      response: { status: 200, headers: h([['Access-Control-Allow-Origin', '*']]) },
      outcome: COMPLETED,
    });
    expect(e.preflight.needed).toBe(false);
    expect(e.verdict).toBe('allowed');
  });
});
