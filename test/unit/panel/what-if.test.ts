/**
 * The what-if editor's engine side: the recording judged again with edited headers, by the real
 * engine, as Chromium would end it. Untouched, a draft is judged exactly as the recording was; the
 * proposed fix makes every header-fixable demo exchange readable; a wrong edit is named.
 */
import { describe, expect, it } from 'vitest';
import { buildExchanges, FIXTURE_PAGE } from '../../../src/devtools/panel/fixtures/build-exchange.ts';
import { DEMO_SPECS } from '../../../src/devtools/panel/fixtures/scenarios.ts';
import { applyFix, canTry, judgeDraft, recordedDraft, setHeaders } from '../../../src/devtools/panel/core/what-if.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';

const demo = buildExchanges(DEMO_SPECS);
const byPath = (path: string) => demo.find((r) => r.url.endsWith(path))!;
const tried = (r: ExchangeRecord) => judgeDraft(r, applyFix(recordedDraft(r), r.evaluation.fix!));

describe('the what-if engine', () => {
  it('judges an untouched draft exactly as the recording was judged', () => {
    const triable = demo.filter(canTry);
    expect(triable.length).toBe(11);
    for (const r of triable) {
      const again = judgeDraft(r, recordedDraft(r));
      expect({ url: r.url, verdict: again.verdict, code: again.reason?.code }).toEqual({
        url: r.url,
        verdict: r.evaluation.verdict,
        code: r.evaluation.reason?.code,
      });
    }
  });

  it('makes every blocked demo exchange with a header fix readable once the fix is applied', () => {
    const blocked = demo.filter((r) => canTry(r) && r.evaluation.verdict === 'blocked');
    expect(blocked.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/profile',
      '/api/orders',
      '/api/items/43',
      '/api/session',
      '/api/cart',
      '/api/old-avatar',
      '/api/search',
    ]);
    // The tainted redirect is fixed by requesting the final URL directly, not by a header here.
    for (const r of blocked.filter((x) => !x.url.endsWith('/api/old-avatar')))
      expect({ url: r.url, verdict: tried(r).verdict }).toEqual({ url: r.url, verdict: 'allowed' });
  });

  it('answers a failed preflight 2xx with the fix, and keeps an error status of the response', () => {
    const session = byPath('/api/session');
    expect(session.preflight?.status).toBe(500);
    expect(applyFix(recordedDraft(session), session.evaluation.fix!).preflight?.status).toBe(204);
    const failing = buildExchanges([
      { url: 'http://localhost:7002/api/report', response: { status: 500, headers: {} }, outcome: 'failed' },
    ])[0]!;
    const fixed = applyFix(recordedDraft(failing), failing.evaluation.fix!);
    expect(fixed.response.status).toBe(500);
    // The error path sends the CORS headers: the page can read its 500.
    expect(judgeDraft(failing, fixed).verdict).toBe('allowed');
  });

  it('names what a wrong edit breaks, with the credentials mode the recording had', () => {
    const cart = byPath('/api/cart');
    expect(cart.evaluation.reason?.code).toBe('WildcardOriginNotAllowed');
    const fixed = applyFix(recordedDraft(cart), cart.evaluation.fix!);
    expect(judgeDraft(cart, fixed).verdict).toBe('allowed');
    const backToWildcard = {
      ...fixed,
      response: {
        ...fixed.response,
        headers: setHeaders(fixed.response.headers, [{ name: 'Access-Control-Allow-Origin', value: '*', why: '' }]),
      },
    };
    expect(judgeDraft(cart, backToWildcard).reason?.code).toBe('WildcardOriginNotAllowed');
    const slash = {
      ...fixed,
      response: {
        ...fixed.response,
        headers: setHeaders(fixed.response.headers, [
          { name: 'access-control-allow-origin', value: `${FIXTURE_PAGE}/`, why: '' },
        ]),
      },
    };
    expect(judgeDraft(cart, slash).reason?.code).toBe('AllowOriginMismatch');
  });

  it('asks for a preflight when an edited request header needs one, and judges its answer', () => {
    const users = byPath('/api/users?page=2');
    const draft = recordedDraft(users);
    expect(draft.preflight).toBeNull();
    const withHeader = { ...draft, requestHeaders: [...draft.requestHeaders, { name: 'X-Trace', value: '1' }] };
    const e = judgeDraft(users, { ...withHeader, preflight: { status: 204, headers: [] } });
    expect(e.reason?.code).toBe('PreflightMissingAllowOriginHeader');
  });

  it('replaces a header whatever its case, and keeps the others in order', () => {
    expect(
      setHeaders(
        [
          { name: 'Content-Type', value: 'a' },
          { name: 'access-control-allow-origin', value: 'x' },
          { name: 'Vary', value: 'Accept' },
        ],
        [{ name: 'Access-Control-Allow-Origin', value: 'y', why: '' }],
      ),
    ).toEqual([
      { name: 'Content-Type', value: 'a' },
      { name: 'Vary', value: 'Accept' },
      { name: 'Access-Control-Allow-Origin', value: 'y' },
    ]);
  });
});
