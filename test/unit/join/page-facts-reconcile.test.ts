/**
 * The page's facts add what webRequest cannot see but never replace what it saw: a contradicted
 * fact is not given to the engine and the contradiction is kept for the panel.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import { toObserved } from '../../../src/shared/observed.ts';
import type { PageFacts } from '../../../src/shared/page-facts.ts';
import { pageFactConflicts, pageHints, type NetworkFacts } from '../../../src/shared/page-facts-reconcile.ts';

const PAGE = 'http://127.0.0.1:8000';
const API = 'http://localhost:9000/r';

const network = (over: Partial<NetworkFacts> = {}): NetworkFacts => ({
  initiator: PAGE,
  method: 'GET',
  url: API,
  requestHeaders: [
    { name: 'Origin', value: PAGE },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
  ],
  preflight: null,
  redirects: [],
  response: {
    status: 200,
    statusLine: null,
    headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }],
    fromCache: false,
    ip: null,
  },
  browserOutcome: 'failed',
  browserError: 'net::ERR_FAILED',
  ...over,
});

const facts = (call: Partial<PageFacts['call']> = {}, outcome: PageFacts['outcome'] = null): PageFacts => ({
  seen: 'page-and-network',
  frameOrigin: PAGE,
  outcome,
  endedAt: outcome ? 2 : null,
  call: {
    api: 'fetch',
    url: API,
    method: 'GET',
    mode: 'cors',
    credentials: 'include',
    redirect: 'follow',
    headers: [],
    body: false,
    streamBody: false,
    uploadListener: false,
    at: 1,
    ...call,
  },
});

describe('pageHints', () => {
  it('gives the engine mode, credentials and redirect mode when nothing contradicts them', () => {
    expect(pageHints(network(), facts())).toEqual({
      mode: 'cors',
      credentials: 'include',
      redirectMode: 'follow',
      api: 'fetch',
    });
  });

  it("passes the page's CSP refusal only for a request the network saw nothing of", () => {
    const refused = { ...facts(), cspViolation: { directive: 'connect-src' } };
    expect(pageHints(network({ requestHeaders: [], response: null }), refused).cspViolation).toEqual({
      directive: 'connect-src',
    });
    expect(pageHints(network(), refused).cspViolation).toBeUndefined();
  });

  it("takes redirect: 'manual' and 'error' as consistent with the first redirect webRequest reports, then the abort", () => {
    const n = network({
      redirects: [{ url: API, status: 302, headers: [], location: `${API}/2` }],
      response: null,
      browserError: 'net::ERR_ABORTED',
    });
    const opaqueRedirect = {
      kind: 'response',
      type: 'opaqueredirect',
      status: 0,
      redirected: false,
      url: API,
    } as const;
    expect(pageFactConflicts(n, facts({ redirect: 'manual' }, opaqueRedirect))).toEqual([]);
    expect(pageHints(n, facts({ redirect: 'manual' })).redirectMode).toBe('manual');
    expect(
      pageFactConflicts(n, facts({ redirect: 'error' }, { kind: 'error', name: 'TypeError', message: 'x' })),
    ).toEqual([]);
  });

  it('turns an inferred credentials verdict into a certain one', () => {
    const record = { ...network(), method: 'GET', preflightCached: false };
    const without = evaluate(toObserved(record));
    const withFacts = evaluate(toObserved({ ...record, pageFacts: facts() }));
    expect(without.confidence).toBe('inferred');
    expect(withFacts.reason?.code).toBe('WildcardOriginNotAllowed');
    expect(withFacts.confidence).toBe('certain');
    expect(withFacts.credentials).toEqual({ mode: 'include', source: 'reported by the page' });
  });

  it('forces a preflight for an XHR upload listener with a body, or a streamed body', () => {
    expect(pageHints(network(), facts({ api: 'xhr', uploadListener: true, body: true })).forcedPreflight).toBe(true);
    expect(
      pageHints(network(), facts({ api: 'xhr', uploadListener: true, body: false })).forcedPreflight,
    ).toBeUndefined();
    expect(pageHints(network(), facts({ streamBody: true, body: true })).forcedPreflight).toBe(true);
  });

  it('adds the page headers only for a request the network never saw leave', () => {
    const headers = [
      { name: 'Authorization', value: null },
      { name: 'Content-Type', value: 'text/plain' },
    ];
    expect(pageHints(network(), facts({ headers })).requestHeaders).toBeUndefined();
    expect(pageHints(network({ requestHeaders: [] }), facts({ headers })).requestHeaders).toEqual([
      { name: 'Authorization', value: '' },
      { name: 'Content-Type', value: 'text/plain' },
    ]);
  });
});

describe('pageFactConflicts', () => {
  it.each<[string, NetworkFacts, PageFacts, string]>([
    ['a mode Sec-Fetch-Mode contradicts', network(), facts({ mode: 'no-cors' }), 'mode'],
    [
      'no-cors with a preflight on the wire',
      network({
        requestHeaders: [],
        preflight: {
          requestId: '1',
          url: API,
          method: 'OPTIONS',
          startedAt: 0,
          durationMs: 1,
          requestHeaders: [],
          status: 204,
          statusLine: null,
          responseHeaders: [],
          outcome: 'completed',
          error: null,
          redirectedTo: null,
        },
      }),
      facts({ mode: 'no-cors' }),
      'mode',
    ],
    [
      'same-origin mode for a request sent to another origin',
      network({ requestHeaders: [{ name: 'Origin', value: PAGE }] }),
      facts({ mode: 'same-origin' }),
      'mode',
    ],
    [
      "credentials 'omit' with a Cookie on the wire",
      network({ requestHeaders: [{ name: 'Cookie', value: 'a=1' }] }),
      facts({ credentials: 'omit' }),
      'credentials',
    ],
    [
      "credentials 'same-origin' with a Cookie sent cross-origin",
      network({ requestHeaders: [{ name: 'Cookie', value: 'a=1' }] }),
      facts({ credentials: 'same-origin' }),
      'credentials',
    ],
    [
      "redirect 'manual' for a followed redirect",
      network({ redirects: [{ url: API, status: 302, headers: [], location: `${API}/2` }] }),
      facts({ redirect: 'manual' }),
      'redirect',
    ],
    [
      'a readable response for a failed request',
      network(),
      facts({}, { kind: 'response', type: 'cors', status: 200, redirected: false, url: API }),
      'outcome',
    ],
    [
      'a TypeError for a completed request',
      network({ browserOutcome: 'completed', browserError: null }),
      facts({}, { kind: 'error', name: 'TypeError', message: 'Failed to fetch' }),
      'outcome',
    ],
    [
      'another status',
      network({ browserOutcome: 'completed', browserError: null }),
      facts({}, { kind: 'response', type: 'cors', status: 404, redirected: false, url: API }),
      'status',
    ],
  ])('reports %s, and keeps that fact from the engine', (_what, n, f, fact) => {
    expect(pageFactConflicts(n, f).map((c) => c.fact)).toContain(fact);
    const hints = pageHints(n, f);
    if (fact === 'mode') expect(hints.mode).toBeUndefined();
    if (fact === 'credentials') expect(hints.credentials).toBeUndefined();
    if (fact === 'redirect') expect(hints.redirectMode).toBeUndefined();
  });

  it('finds nothing to contradict in an honest report, an abort, or a page-only call', () => {
    expect(
      pageFactConflicts(network(), facts({}, { kind: 'error', name: 'TypeError', message: 'Failed to fetch' })),
    ).toEqual([]);
    expect(
      pageFactConflicts(
        network({ browserOutcome: 'completed' }),
        facts({}, { kind: 'error', name: 'AbortError', message: 'aborted' }),
      ),
    ).toEqual([]);
    expect(pageFactConflicts(network(), { ...facts({ mode: 'no-cors' }), seen: 'page-only' })).toEqual([]);
  });

  it('never changes the verdict the network decided, whatever the page claims', () => {
    const record = {
      ...network({ browserOutcome: 'completed', browserError: null }),
      method: 'GET',
      preflightCached: false,
    };
    // A lie the network cannot contradict (no cookie to show): the browser's completed outcome still wins.
    const lied = evaluate(
      toObserved({
        ...record,
        pageFacts: facts({ credentials: 'include' }, { kind: 'error', name: 'TypeError', message: 'Failed to fetch' }),
      }),
    );
    expect(lied.verdict).toBe('allowed');
  });
});
