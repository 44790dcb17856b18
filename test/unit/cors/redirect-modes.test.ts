/**
 * Redirects a request cannot simply follow: redirect: 'manual' and 'error', a Location outside
 * http(s), which statuses are redirects at all, and the one case where an installed webRequest
 * extension changes Chromium's outcome. Rows mirror measurements in Chromium 156
 * (test/e2e/conformance-requests.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import type { BrowserOutcome, ObservedExchange, RedirectHop } from '../../../src/cors/types.ts';
import { API, BLOCKED, COMPLETED, PAGE, type Pairs, h, preflighted, UNKNOWN } from './exchange-fixtures.ts';

const ACAO_PAGE = ['Access-Control-Allow-Origin', PAGE] as const;
const ABORTED: BrowserOutcome = { kind: 'failed', error: 'net::ERR_ABORTED' };
const UNSAFE: BrowserOutcome = { kind: 'failed', error: 'net::ERR_UNSAFE_REDIRECT' };

const hop = (location: string, headers: Pairs = [ACAO_PAGE], status = 302, url = API): RedirectHop => ({
  url,
  status,
  headers: h([['Location', location], ...headers]),
  location,
});

/** webRequest saw the 3xx and onBeforeRedirect (the hop was handed on), then the end. */
const followed = (
  location: string,
  outcome: BrowserOutcome,
  extra: Partial<ObservedExchange> = {},
  headers: Pairs = [ACAO_PAGE],
): ObservedExchange => ({
  initiator: PAGE,
  request: { method: 'GET', url: API, headers: h([['Origin', PAGE]]) },
  redirects: [hop(location, headers)],
  response: null,
  outcome,
  ...extra,
});

/** webRequest saw the 3xx, then the error, without onBeforeRedirect (the redirect was refused). */
const refused = (
  location: string,
  outcome: BrowserOutcome,
  extra: Partial<ObservedExchange> = {},
  headers: Pairs = [ACAO_PAGE],
  status = 302,
): ObservedExchange => ({
  initiator: PAGE,
  request: { method: 'GET', url: API, headers: h([['Origin', PAGE]]) },
  redirects: [],
  response: { status, headers: h([['Location', location], ...headers]) },
  outcome,
  ...extra,
});

const MANUAL = { redirectMode: 'manual', mode: 'cors', api: 'fetch' } as const;
const ERROR = { redirectMode: 'error', mode: 'cors', api: 'fetch' } as const;

describe("redirect: 'manual'", () => {
  it('a 3xx that passes the CORS check is an opaque-redirect response', () => {
    const e = evaluate(followed(`${API}/next`, ABORTED, MANUAL));
    expect(e.verdict).toBe('opaque');
    expect(e.exposure.readable).toEqual([]);
    expect(e.trace.some((s) => s.rule === 'redirect-manual')).toBe(true);
  });

  it('a 3xx without ACAO is still blocked: the CORS check runs before the redirect mode', () => {
    const e = evaluate(refused(`${API}/next`, BLOCKED, MANUAL, []));
    expect({ verdict: e.verdict, code: e.reason?.code }).toEqual({
      verdict: 'blocked',
      code: 'MissingAllowOriginHeader',
    });
  });

  it('a same-origin 3xx needs no ACAO', () => {
    const e = evaluate({
      ...followed(`${API}/next`, ABORTED, MANUAL, []),
      request: { method: 'GET', url: `${PAGE}/a`, headers: [] },
      redirects: [hop(`${API}/next`, [], 302, `${PAGE}/a`)],
    });
    expect(e.verdict).toBe('opaque');
  });

  it('to a non-http(s) Location under the webRequest proxy: opaque, with a note that the extension changed the outcome', () => {
    const e = evaluate(refused('mailto:a@example.com', UNSAFE, MANUAL));
    expect(e.verdict).toBe('opaque');
    expect(e.browserNotes.join(' ')).toMatch(/webRequest permission is installed.*opaque-redirect/);
  });

  it('without page facts, an unfollowed redirect to mailto: refused with ERR_UNSAFE_REDIRECT can only be manual mode', () => {
    const e = evaluate(refused('mailto:a@example.com', UNSAFE));
    expect(e.verdict).toBe('opaque');
    expect(e.confidence).not.toBe('certain');
    expect(e.assumptions.join(' ')).toMatch(/inferred as 'manual'/);
  });

  it('without page facts, a refused redirect to data: is a failure, with the manual-mode alternative said', () => {
    const e = evaluate(refused('data:text/plain,hi', UNSAFE));
    expect(e.verdict).toBe('failed');
    expect(e.assumptions.join(' ')).toMatch(/opaque-redirect/);
  });

  it("without page facts, ERR_ABORTED right after a redirect says what redirect: 'manual' would mean", () => {
    const e = evaluate(followed(`${API}/next`, ABORTED));
    expect(e.verdict).toBe('failed');
    expect(e.assumptions.join(' ')).toMatch(/redirect: 'manual'/);
  });
});

describe("redirect: 'error'", () => {
  it('a redirect is a network error, not a CORS failure', () => {
    const e = evaluate(followed(`${API}/next`, ABORTED, ERROR));
    expect(e.verdict).toBe('failed');
    expect(e.failure).toMatch(/redirect: 'error'/);
    expect(e.reason).toBeNull();
  });

  it('a 3xx without ACAO is blocked first', () => {
    const e = evaluate(refused(`${API}/next`, BLOCKED, ERROR, []));
    expect(e.reason?.code).toBe('MissingAllowOriginHeader');
  });
});

describe('following a redirect out of http(s)', () => {
  it.each(['mailto:a@example.com', 'foo://bar', 'javascript:void(0)', 'invalidurl:'])(
    "to %s in mode 'cors': CorsDisabledScheme without a failed parameter, where: redirect",
    (location) => {
      // webRequest reports nothing after onBeforeRedirect to such a scheme: the outcome stays unknown.
      const e = evaluate(followed(location, UNKNOWN, { mode: 'cors' }));
      expect({
        verdict: e.verdict,
        code: e.reason?.code,
        fp: e.reason?.failedParameter,
        where: e.reason?.where,
      }).toEqual({
        verdict: 'blocked',
        code: 'CorsDisabledScheme',
        fp: '',
        where: 'redirect',
      });
      expect(e.reason?.explanation).toContain(`redirected to '${location}'`);
    },
  );

  it('the 3xx is CORS-checked first', () => {
    const e = evaluate(followed('mailto:a@example.com', UNKNOWN, { mode: 'cors' }, []));
    expect(e.reason?.code).toBe('MissingAllowOriginHeader');
  });

  it.each([
    'data:text/plain,hi',
    'about:blank',
    'blob:http://localhost:7002/0',
    'file:///etc/hostname',
    'chrome://version',
  ])('to %s: refused before CORS (net::ERR_UNSAFE_REDIRECT)', (location) => {
    const e = evaluate(refused(location, UNSAFE, { mode: 'cors', redirectMode: 'follow' }));
    expect(e.verdict).toBe('failed');
    expect(e.failure).toMatch(/ERR_UNSAFE_REDIRECT/);
  });

  it('a network error the browser reported for the new scheme wins (ws: can end in ERR_UNKNOWN_URL_SCHEME)', () => {
    const e = evaluate(
      followed('ws://127.0.0.1/s', { kind: 'failed', error: 'net::ERR_UNKNOWN_URL_SCHEME' }, { mode: 'cors' }),
    );
    expect(e.verdict).toBe('failed');
  });

  it("in mode 'no-cors' it is a failure, never a CORS error", () => {
    const e = evaluate(followed('mailto:a@example.com', UNKNOWN, { mode: 'no-cors' }, []));
    expect(e.verdict).toBe('failed');
    expect(e.failure).toMatch(/ERR_UNKNOWN_URL_SCHEME/);
  });
});

describe('which statuses redirect', () => {
  it.each([300, 304, 305, 306])('a preflight answered %i with a Location fails PreflightInvalidStatus', (status) => {
    const e = evaluate(
      preflighted(
        'PUT',
        [],
        { status, headers: [ACAO_PAGE, ['Access-Control-Allow-Methods', 'PUT'], ['Location', `${API}/x`]] },
        BLOCKED,
      ),
    );
    expect(e.reason?.code).toBe('PreflightInvalidStatus');
  });

  it.each([301, 302, 303, 307, 308])('a preflight answered %i with a Location is a disallowed redirect', (status) => {
    const e = evaluate(preflighted('PUT', [], { status, headers: [['Location', `${API}/x`]] }, BLOCKED));
    expect(e.reason?.code).toBe('PreflightDisallowedRedirect');
  });

  it('a preflight answered 302 without a Location is not a redirect', () => {
    const e = evaluate(
      preflighted('PUT', [], { status: 302, headers: [ACAO_PAGE, ['Access-Control-Allow-Methods', 'PUT']] }, BLOCKED),
    );
    expect(e.reason?.code).toBe('PreflightInvalidStatus');
  });

  it('a 304 with a Location is the response itself, CORS-checked like any other', () => {
    const ok = evaluate(refused(`${API}/next`, COMPLETED, {}, [ACAO_PAGE], 304));
    expect(ok.verdict).toBe('allowed');
    const blocked = evaluate(refused(`${API}/next`, BLOCKED, {}, [], 304));
    expect(blocked.reason?.code).toBe('MissingAllowOriginHeader');
    expect(blocked.reason?.where).toBe('response');
  });
});
