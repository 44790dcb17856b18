/**
 * What the engine does when webRequest cannot see the credentials mode (it infers it from the
 * browser's outcome and says so), how the request context is resolved, and where it tells the
 * user that Firefox or the Fetch standard would decide differently.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import type { ObservedExchange } from '../../../src/cors/types.ts';
import {
  API,
  BLOCKED,
  COMPLETED,
  PAGE,
  UNKNOWN,
  decisiveRule,
  h,
  preflighted,
  simpleGet,
} from './exchange-fixtures.ts';

const ACAO_STAR: [string, string] = ['Access-Control-Allow-Origin', '*'];
const ACAO_PAGE: [string, string] = ['Access-Control-Allow-Origin', PAGE];
const withCookie = (ex: ObservedExchange): ObservedExchange => ({
  ...ex,
  request: { ...ex.request, headers: [...ex.request.headers, { name: 'Cookie', value: 'sid=1' }] },
});

describe('credentials mode inferred from the outcome', () => {
  it("ACAO '*' and a failed read: only credentials explain it → WildcardOriginNotAllowed, inferred", () => {
    const e = evaluate(simpleGet([ACAO_STAR], BLOCKED));
    expect(e).toMatchObject({ verdict: 'blocked', confidence: 'inferred', credentials: { mode: 'include' } });
    expect(e.reason).toMatchObject({ code: 'WildcardOriginNotAllowed', failedParameter: '', confidence: 'inferred' });
    expect(decisiveRule(e)).toBe('acao-wildcard-credentials');
    expect(e.assumptions.join(' ')).toMatch(/inferred as 'include'/);
  });
  it('names the capture that could not see the credentials mode (webRequest unless told)', () => {
    expect(evaluate(simpleGet([ACAO_STAR], BLOCKED)).credentials.source).toBe('not observable by webRequest');
    const cdp = evaluate({ ...simpleGet([ACAO_STAR], BLOCKED), observer: 'the DevTools protocol' });
    expect(cdp.credentials.source).toBe('not observable by the DevTools protocol');
    expect(cdp.assumptions.join(' ')).not.toMatch(/webRequest/);
  });
  it('the same with a Cookie on the wire is certain', () => {
    const e = evaluate(withCookie(simpleGet([ACAO_STAR], BLOCKED)));
    expect(e).toMatchObject({ verdict: 'blocked', confidence: 'certain', credentials: { mode: 'include' } });
    expect(e.reason?.code).toBe('WildcardOriginNotAllowed');
    expect(e.credentials.source).toMatch(/Cookie/);
  });
  it("ACAO '*' and a completed read: credentials were not included, certain", () => {
    const e = evaluate(simpleGet([ACAO_STAR], COMPLETED));
    expect(e).toMatchObject({ verdict: 'allowed', confidence: 'certain' });
    expect(e.assumptions.join(' ')).toMatch(/not included/);
  });
  it('ACAO = origin without ACAC and a failed read → InvalidAllowCredentials, inferred', () => {
    const e = evaluate(simpleGet([ACAO_PAGE], BLOCKED));
    expect(e).toMatchObject({
      verdict: 'blocked',
      confidence: 'inferred',
      reason: { code: 'InvalidAllowCredentials', failedParameter: '' },
    });
  });
  it('a credentialed preflight failure, where the actual request was never sent, is inferred too', () => {
    const e = evaluate(
      preflighted('PUT', [], { headers: [ACAO_STAR, ['Access-Control-Allow-Methods', 'PUT']] }, BLOCKED),
    );
    expect(e).toMatchObject({
      verdict: 'blocked',
      confidence: 'inferred',
      reason: { code: 'PreflightWildcardOriginNotAllowed' },
    });
  });
  it("with no outcome the engine assumes 'omit', says what credentials would change, and calls it unfinished", () => {
    const e = evaluate(simpleGet([ACAO_STAR], UNKNOWN));
    expect(e).toMatchObject({ verdict: 'unfinished', confidence: 'inferred' });
    expect(e.assumptions.join(' ')).toMatch(/assumed 'omit'.*WildcardOriginNotAllowed/);
  });
  it("ACEH '*' with unknown credentials: what JavaScript reads is an assumption", () => {
    const e = evaluate(
      simpleGet(
        [ACAO_PAGE, ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Expose-Headers', '*'], ['X-A', '1']],
        COMPLETED,
      ),
    );
    expect(e.confidence).toBe('inferred');
    expect(e.assumptions.join(' ')).toMatch(/Expose-Headers '\*'/);
  });
  it('the browser is the judge: headers that fail on a request Chromium completed are reported as a disagreement', () => {
    const e = evaluate(simpleGet([], COMPLETED));
    expect(e).toMatchObject({ verdict: 'allowed', confidence: 'inferred' });
    expect(e.browserNotes.join(' ')).toMatch(/report this disagreement/);
  });
});

describe('the request context', () => {
  it("credentials 'same-origin' never count in a CORS check, even after a same-origin first hop", () => {
    const e = evaluate({
      initiator: PAGE,
      request: { method: 'GET', url: `${PAGE}/start`, headers: h([['Cookie', 'sid=1']]) },
      redirects: [{ url: `${PAGE}/start`, status: 302, headers: h([['Location', API]]), location: API }],
      response: { status: 200, headers: h([ACAO_PAGE]) },
      outcome: COMPLETED,
      credentials: 'same-origin',
    });
    expect(e.verdict).toBe('allowed');
  });
  it('without an initiator, the browser itself made the request: CORS does not apply', () => {
    const e = evaluate({ request: { method: 'GET', url: API, headers: [] }, outcome: COMPLETED });
    expect(e.verdict).toBe('not-cors');
    expect(decisiveRule(e)).toBe('initiator');
  });
  it('navigations are not subject to CORS', () => {
    expect(
      evaluate({
        initiator: PAGE,
        request: { method: 'GET', url: API, headers: h([['Sec-Fetch-Mode', 'navigate']]) },
        outcome: COMPLETED,
      }).verdict,
    ).toBe('not-cors');
  });
  it("the initiator may be the opaque origin 'null' (a sandboxed iframe)", () => {
    const e = evaluate({ ...simpleGet([ACAO_PAGE], BLOCKED), initiator: 'null' });
    expect(e.reason).toMatchObject({ code: 'AllowOriginMismatch', failedParameter: PAGE });
  });
});

describe('where other browsers or the standard differ', () => {
  it('Firefox would preflight a client hint Chromium safelists', () => {
    const e = evaluate({
      initiator: PAGE,
      request: {
        method: 'GET',
        url: API,
        headers: h([
          ['Origin', PAGE],
          ['DPR', '2'],
        ]),
      },
      response: { status: 200, headers: h([ACAO_PAGE]) },
      outcome: COMPLETED,
    });
    expect(e.preflight.needed).toBe(false);
    expect(e.browserNotes.join(' ')).toMatch(/Firefox would send a preflight.*'dpr'/);
  });
  it('no note when Firefox decides the same', () => {
    expect(evaluate(simpleGet([], BLOCKED)).browserNotes).toEqual([]);
  });
  it("ACAH '*' covering Authorization is noted against the standard", () => {
    const e = evaluate(
      preflighted(
        'GET',
        [['Authorization', 'Bearer t']],
        { headers: [ACAO_STAR, ['Access-Control-Allow-Headers', '*']] },
        COMPLETED,
        [ACAO_STAR],
      ),
    );
    expect(e.verdict).toBe('allowed');
    expect(e.browserNotes.join(' ')).toMatch(/Fetch standard says '\*' never covers Authorization/);
  });
  it('with the Firefox profile a block does not end in an error, so the headers decide alone', () => {
    const e = evaluate({ ...simpleGet([], COMPLETED), browser: 'firefox' });
    expect(e.verdict).toBe('blocked');
    expect(e.reason?.firefoxReason).toMatch(
      /\(Reason: CORS header ‘Access-Control-Allow-Origin’ missing\)\. Status code: 200\.$/,
    );
  });
});
