/**
 * Fetch checklist G: redirects of CORS requests — the CORS check on every 3xx, the origin taint
 * (Origin: null after a cross-origin hop), userinfo in Location, http(s) only, at most 20 hops.
 * Chromium's behaviour for each was checked in the real browser (test/e2e scenarios rd-*).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import type { BrowserOutcome, ObservedExchange, RedirectHop } from '../../../src/cors/types.ts';
import { API, API_ORIGIN, BLOCKED, COMPLETED, OTHER, PAGE, type Pairs, decisiveRule, h } from './exchange-fixtures.ts';

const ACAO_PAGE: [string, string] = ['Access-Control-Allow-Origin', PAGE];

const hop = (url: string, location: string, headers: Pairs = [ACAO_PAGE], status = 302): RedirectHop => ({
  url,
  status,
  headers: h([['Location', location], ...headers]),
  location,
});

/** A GET from PAGE through `hops`, answered at the end by `final` (null: no response arrived). */
const through = (
  hops: RedirectHop[],
  final: Pairs | null,
  outcome: BrowserOutcome,
  start = hops[0]?.url ?? API,
): ObservedExchange => ({
  initiator: PAGE,
  request: { method: 'GET', url: start, headers: h([['Origin', PAGE]]) },
  redirects: hops,
  response: final === null ? null : { status: 200, headers: h(final) },
  outcome,
});

interface Row {
  rule: string;
  exchange: ObservedExchange;
  verdict: 'allowed' | 'blocked' | 'failed';
  code?: string;
  failedParameter?: string;
  decisive: string;
  effectiveOrigin?: string;
}

/** A GET to API answered by a 302 the browser did not follow (webRequest then shows it as the final response). */
const unfollowed = (headers: Pairs, outcome: BrowserOutcome): ObservedExchange => ({
  ...through([], null, outcome),
  response: { status: 302, headers: h(headers) },
});

const chain = (n: number) => Array.from({ length: n }, (_, i) => hop(`${API}/h${i}`, `${API}/h${i + 1}`));

const ROWS: Row[] = [
  {
    rule: 'a 3xx with ACAO to the same api origin',
    exchange: through([hop(API, `${API}/b`)], [ACAO_PAGE], COMPLETED),
    verdict: 'allowed',
    decisive: 'verdict',
    effectiveOrigin: PAGE,
  },
  {
    rule: 'a 3xx without ACAO is blocked before it is followed',
    exchange: unfollowed([['Location', `${API}/b`]], BLOCKED),
    verdict: 'blocked',
    code: 'MissingAllowOriginHeader',
    failedParameter: '',
    decisive: 'acao-present',
  },
  {
    rule: 'the target without ACAO',
    exchange: through([hop(API, `${API}/b`)], [], BLOCKED),
    verdict: 'blocked',
    code: 'MissingAllowOriginHeader',
    failedParameter: '',
    decisive: 'acao-present',
  },
  {
    rule: 'api → other origin: the Origin becomes null, so ACAO naming the page fails',
    exchange: through([hop(API, OTHER)], [ACAO_PAGE], BLOCKED),
    verdict: 'blocked',
    code: 'AllowOriginMismatch',
    failedParameter: PAGE,
    decisive: 'acao-match',
    effectiveOrigin: 'null',
  },
  {
    rule: "after the taint, ACAO 'null' passes",
    exchange: through([hop(API, OTHER)], [['Access-Control-Allow-Origin', 'null']], COMPLETED),
    verdict: 'allowed',
    decisive: 'verdict',
    effectiveOrigin: 'null',
  },
  {
    rule: "after the taint, ACAO '*' passes",
    exchange: through([hop(API, OTHER)], [['Access-Control-Allow-Origin', '*']], COMPLETED),
    verdict: 'allowed',
    decisive: 'verdict',
    effectiveOrigin: 'null',
  },
  {
    rule: "api → the page's own origin is tainted too and needs ACAO",
    exchange: through([hop(API, `${PAGE}/back`)], [], BLOCKED),
    verdict: 'blocked',
    code: 'MissingAllowOriginHeader',
    failedParameter: '',
    decisive: 'acao-present',
    effectiveOrigin: 'null',
  },
  {
    rule: 'a same-origin first hop needs no ACAO',
    exchange: through([hop(`${PAGE}/a`, API, [])], [ACAO_PAGE], COMPLETED),
    verdict: 'allowed',
    decisive: 'verdict',
    effectiveOrigin: PAGE,
  },
  {
    rule: 'user:password@ in a Location on the api origin',
    exchange: unfollowed([['Location', `http://u:p@${new URL(API_ORIGIN).host}/b`], ACAO_PAGE], BLOCKED),
    verdict: 'blocked',
    code: 'RedirectContainsCredentials',
    failedParameter: '',
    decisive: 'redirect-userinfo',
  },
  {
    rule: 'a redirect to data: is refused by the network stack',
    exchange: unfollowed([['Location', 'data:text/plain,hi'], ACAO_PAGE], {
      kind: 'failed',
      error: 'net::ERR_UNSAFE_REDIRECT',
    }),
    verdict: 'failed',
    decisive: 'redirect-scheme',
  },
  {
    rule: '20 redirects are followed',
    exchange: through(chain(20), [ACAO_PAGE], COMPLETED),
    verdict: 'allowed',
    decisive: 'verdict',
  },
  {
    rule: 'a 21st redirect is too many',
    exchange: through(chain(21), [ACAO_PAGE], { kind: 'failed', error: 'net::ERR_TOO_MANY_REDIRECTS' }),
    verdict: 'failed',
    decisive: 'redirect-count',
  },
];

describe('Fetch checklist G: redirects', () => {
  it.each(ROWS)('$rule', ({ exchange, verdict, code, failedParameter, decisive, effectiveOrigin }) => {
    const e = evaluate(exchange);
    expect(e.verdict).toBe(verdict);
    expect(e.reason?.code).toBe(code);
    expect(e.reason?.failedParameter).toBe(failedParameter);
    expect(decisiveRule(e)).toBe(decisive);
    if (effectiveOrigin) expect(e.effectiveOrigin).toBe(effectiveOrigin);
  });

  it("the explanation after a taint names the 'null' origin the response was checked against", () => {
    const e = evaluate(ROWS.find((r) => r.rule.startsWith('api → other origin'))!.exchange);
    expect(e.reason?.explanation).toContain("from origin 'null'");
    expect(e.trace.find((s) => s.rule === 'redirect-taint')?.detail).toMatch(/Origin: null/);
  });
});
