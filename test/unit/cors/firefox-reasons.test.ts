/**
 * Firefox's console message for each failure, word for word: every expected text below is what
 * Firefox ESR 153 logged for the named end-to-end scenario (test/firefox/scenarios.test.ts), with
 * the scenario's URL and ports replaced by this file's PAGE and API. Also the rules in which Firefox
 * decides differently from Chromium (src/cors/browser-rules.ts), each measured there.
 */
import { describe, expect, it } from 'vitest';
import { explainConsoleText } from '../../../src/cors/console-text/index.ts';
import { evaluate } from '../../../src/cors/index.ts';
import type { ObservedExchange } from '../../../src/cors/types.ts';
import { API, COMPLETED, OTHER, PAGE, h, preflighted, simpleGet } from './exchange-fixtures.ts';

const AT = `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}.`;
const firefox = (ex: ObservedExchange) => evaluate({ ...ex, browser: 'firefox' });
/** What Firefox ends a refused preflight and its request with (measured). */
const BAD_URI = { kind: 'failed', error: 'NS_ERROR_DOM_BAD_URI' } as const;
const include = { credentials: 'include' } as const;

describe("Firefox's messages, as Firefox logs them", () => {
  const cases: [scenario: string, ObservedExchange, string][] = [
    [
      'acao-missing',
      simpleGet([], COMPLETED),
      `${AT} (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`,
    ],
    [
      'status-404-no-acao',
      { ...simpleGet([], COMPLETED), response: { status: 404, headers: [] } },
      `${AT} (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 404.`,
    ],
    [
      'acao-trailing-slash',
      simpleGet([['Access-Control-Allow-Origin', `${PAGE}/`]], COMPLETED),
      `${AT} (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘${PAGE}/’).`,
    ],
    [
      'acao-not-url',
      simpleGet([['Access-Control-Allow-Origin', 'not-an-origin']], COMPLETED),
      `${AT} (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘not-an-origin’).`,
    ],
    [
      'acao-empty',
      simpleGet([['Access-Control-Allow-Origin', '']], COMPLETED),
      `${AT} (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘’).`,
    ],
    [
      'acao-two-headers',
      simpleGet(
        [
          ['Access-Control-Allow-Origin', PAGE],
          ['Access-Control-Allow-Origin', 'http://example.test'],
        ],
        COMPLETED,
      ),
      `${AT} (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`,
    ],
    [
      'cred-star-no-cookie',
      simpleGet([['Access-Control-Allow-Origin', '*']], COMPLETED, include),
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘${API}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
    ],
    [
      'cred-acac-absent',
      simpleGet([['Access-Control-Allow-Origin', PAGE]], COMPLETED, include),
      `${AT} (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
    ],
    [
      'pf-missing-acao',
      preflighted('PUT', [], { headers: [['Access-Control-Allow-Methods', 'PUT']] }, BAD_URI),
      `${AT} (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 204.`,
    ],
    [
      'pf-status-500-acao',
      preflighted('PUT', [], { status: 500, headers: [['Access-Control-Allow-Origin', PAGE]] }, BAD_URI),
      `${AT} (Reason: CORS preflight response did not succeed). Status code: 500.`,
    ],
    [
      'acam-other-method',
      preflighted(
        'PUT',
        [],
        {
          headers: [
            ['Access-Control-Allow-Origin', PAGE],
            ['Access-Control-Allow-Methods', 'DELETE'],
          ],
        },
        BAD_URI,
      ),
      `${AT} (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`,
    ],
    [
      'acam-space-inside',
      preflighted(
        'PUT',
        [],
        {
          headers: [
            ['Access-Control-Allow-Origin', PAGE],
            ['Access-Control-Allow-Methods', 'PUT DELETE'],
          ],
        },
        BAD_URI,
      ),
      `${AT} (Reason: invalid token ‘PUT DELETE’ in CORS header ‘Access-Control-Allow-Methods’).`,
    ],
    [
      'acah-colon',
      preflighted(
        'GET',
        [['X-Custom', '1']],
        {
          headers: [
            ['Access-Control-Allow-Origin', PAGE],
            ['Access-Control-Allow-Headers', 'x-custom:'],
          ],
        },
        BAD_URI,
      ),
      `${AT} (Reason: invalid token ‘x-custom:’ in CORS header ‘Access-Control-Allow-Headers’).`,
    ],
    [
      'acah-absent',
      preflighted('GET', [['X-Custom', '1']], { headers: [['Access-Control-Allow-Origin', PAGE]] }, BAD_URI),
      `${AT} (Reason: header ‘x-custom’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
    ],
    [
      'pf-redirect-acao',
      preflighted(
        'PUT',
        [],
        {
          status: 307,
          headers: [
            ['Location', `${API}/elsewhere`],
            ['Access-Control-Allow-Origin', PAGE],
          ],
        },
        BAD_URI,
      ),
      `${AT} (Reason: CORS request external redirect not allowed).`,
    ],
    [
      'rd-userinfo',
      {
        ...simpleGet([], { kind: 'failed', error: 'NS_ERROR_NET_ON_RECEIVING_FROM' }),
        redirects: [
          {
            url: API,
            status: 302,
            location: 'http://user:secret@127.0.0.1:7003/b',
            headers: h([['Access-Control-Allow-Origin', PAGE]]),
          },
        ],
        response: null,
      },
      `${AT} (Reason: CORS request did not succeed). Status code: (null).`,
    ],
  ];
  for (const [scenario, ex, logged] of cases) {
    it(`${scenario}: ${logged.slice(AT.length + 1)}`, () => {
      const e = firefox(ex);
      expect(e.verdict).toBe('blocked');
      expect(e.reason?.firefoxReason).toBe(logged);
      // The pasted-console reader ("explain this error") reads Firefox's own text back to the same
      // code. Not for rd-userinfo: Firefox logs the network-error message there, which the reader
      // rightly takes for a failure outside CORS (only the headers show the user:password@).
      const [read] = explainConsoleText(logged).diagnoses;
      if (scenario !== 'rd-userinfo')
        expect(read?.code === null ? read.candidates : [read?.code]).toContain(e.reason?.code);
    });
  }

  it('names the redirect target it would not load (rd-to-mailto)', () => {
    const e = firefox({
      ...simpleGet([], { kind: 'unknown' }),
      redirects: [
        {
          url: API,
          status: 302,
          location: 'mailto:a@example.com',
          headers: h([['Access-Control-Allow-Origin', PAGE]]),
        },
      ],
      response: null,
    });
    expect(e.reason?.firefoxReason).toBe(
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at mailto:a@example.com. (Reason: CORS request not http).',
    );
  });

  it('names the redirect target whose response failed (rd-target-no-acao)', () => {
    const e = firefox({
      ...simpleGet([], COMPLETED),
      redirects: [{ url: API, status: 302, location: OTHER, headers: h([['Access-Control-Allow-Origin', '*']]) }],
    });
    expect(e.reason?.firefoxReason).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${OTHER}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`,
    );
  });
});

describe('where Firefox decides differently (measured in ESR 153)', () => {
  const twoHeaders = preflighted(
    'GET',
    [
      ['X-Zeta', '1'],
      ['X-Alpha', '1'],
    ],
    { headers: [['Access-Control-Allow-Origin', PAGE]] },
    BAD_URI,
    null,
    { credentials: 'same-origin' },
  );

  it('names the first disallowed header in sorted order, as certain (acah-two-missing)', () => {
    const e = firefox(twoHeaders);
    expect(e.reason?.failedParameter).toBe('x-alpha');
    expect(evaluate(twoHeaders).reason?.failedParameter).toBe('x-zeta');
    expect(e.reason?.confidence).toBe('certain');
  });

  it('checks a redirected preflight’s CORS headers before refusing the redirect (pf-redirect-no-acao)', () => {
    const ex = preflighted('PUT', [], { status: 302, headers: [['Location', `${API}/elsewhere`]] }, BAD_URI);
    expect(firefox(ex).reason?.code).toBe('PreflightMissingAllowOriginHeader');
    expect(evaluate(ex).reason?.code).toBe('PreflightDisallowedRedirect');
  });

  it("takes ACAO 'a, b' for two merged lines and says what one such line would get (acao-comma-list)", () => {
    const e = firefox(simpleGet([['Access-Control-Allow-Origin', `${PAGE}, http://example.test`]], COMPLETED));
    expect(e.reason?.code).toBe('MultipleAllowOriginValues');
    expect(e.reason?.confidence).toBe('inferred');
    expect(e.reason?.assumptions.join(' ')).toContain(
      `CORS header ‘Access-Control-Allow-Origin’ does not match ‘${PAGE}, http://example.test’`,
    );
  });

  it("reads ACAO 'a,b' (no space: one line) as a value that does not match, as certain", () => {
    const e = firefox(simpleGet([['Access-Control-Allow-Origin', `${PAGE},http://example.test`]], COMPLETED));
    expect(e.reason?.firefoxReason).toBe(
      `${AT} (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘${PAGE},http://example.test’).`,
    );
    expect(e.reason?.confidence).toBe('certain');
  });

  it('keeps a block whose request completed: Firefox completes the requests it blocks', () => {
    expect(firefox(simpleGet([], COMPLETED)).verdict).toBe('blocked');
  });

  it('does not call a read allowed when Firefox refused it with NS_ERROR_DOM_BAD_URI', () => {
    const e = firefox({ ...simpleGet([['Access-Control-Allow-Origin', PAGE]], BAD_URI), response: null });
    expect(e.verdict).toBe('failed');
    expect(e.confidence).toBe('unknown');
  });
});
