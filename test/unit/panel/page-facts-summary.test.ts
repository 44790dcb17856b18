/** The Explanation says which facts came from the page, and where page and network disagree. */
import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import type { PageFacts } from '../../../src/shared/page-facts.ts';
import {
  describeJsOutcome,
  pageOnlyNotice,
  summarizePageFacts,
} from '../../../src/devtools/panel/core/page-facts-summary.ts';

const API = 'http://localhost:9000/r';
const facts = (over: Partial<PageFacts> = {}): PageFacts => ({
  seen: 'page-and-network',
  frameOrigin: 'http://127.0.0.1:8000',
  outcome: { kind: 'error', name: 'TypeError', message: 'Failed to fetch' },
  endedAt: 2,
  call: {
    api: 'xhr',
    url: API,
    method: 'POST',
    mode: 'cors',
    credentials: 'omit',
    redirect: 'follow',
    headers: [{ name: 'X-Custom', value: null }],
    body: true,
    streamBody: false,
    uploadListener: true,
    at: 1,
  },
  ...over,
});
const record = (pageFacts: PageFacts | undefined, over: Partial<ExchangeRecord> = {}) => ({
  pageFacts,
  initiator: 'http://127.0.0.1:8000',
  method: 'POST',
  url: API,
  requestHeaders: [],
  preflight: null,
  redirects: [],
  response: null,
  browserOutcome: 'failed' as const,
  browserError: 'net::ERR_FAILED',
  ...over,
});

describe('summarizePageFacts', () => {
  it('is absent without page facts', () => {
    expect(summarizePageFacts(record(undefined))).toBeNull();
  });

  it('lists what the page reported, all used when nothing contradicts it', () => {
    const s = summarizePageFacts(record(facts()))!;
    expect(s.origin).toMatch(/page-side observer/);
    expect(s.facts.map((f) => [f.label, f.value, f.used])).toEqual([
      ['Made with', 'XMLHttpRequest', true],
      ['Mode', 'cors', true],
      ['Credentials', 'omit', true],
      ['Redirect mode', 'follow', true],
      ['Upload listener', 'yes (forces a preflight when there is a body)', true],
      ['Headers set', 'X-Custom', true],
      ['JavaScript got', 'TypeError: Failed to fetch', true],
    ]);
    expect(s.conflicts).toEqual([]);
  });

  it('marks a contradicted fact as unused and names the contradiction', () => {
    const s = summarizePageFacts(record(facts(), { requestHeaders: [{ name: 'Cookie', value: 'a=1' }] }))!;
    expect(s.facts.find((f) => f.label === 'Credentials')?.used).toBe(false);
    expect(s.conflicts).toEqual([{ fact: 'credentials', page: 'omit', network: 'a Cookie header was sent' }]);
  });

  it('says when only the page saw the call', () => {
    expect(summarizePageFacts(record(facts({ seen: 'page-only' })))!.origin).toMatch(/^Only the page saw this call/);
  });

  it("says when the call reached the network but only the page's report of it is left (a stopped worker)", () => {
    const recovered = record(facts({ seen: 'page-only' }), { interruptions: [{ from: 1, to: 2 }] });
    expect(summarizePageFacts(recovered)!.origin).toMatch(
      /reached the network while the extension's worker was stopped/,
    );
    expect(pageOnlyNotice(recovered)?.title).toBe("Recovered from the page's report.");
    expect(pageOnlyNotice(record(facts({ seen: 'page-only' })))?.title).toBe('Page-reported.');
    expect(pageOnlyNotice(record(facts()))).toBeNull();
  });
});

describe('describeJsOutcome', () => {
  it.each([
    [null, 'not finished yet'],
    [{ kind: 'response', type: 'opaque', status: 0, redirected: false, url: '' }, "a 'opaque' response, status 0"],
    [{ kind: 'response', type: null, status: 200, redirected: true, url: API }, 'a response, status 200, redirected'],
    [{ kind: 'queued', accepted: false }, 'the browser refused to queue the beacon'],
  ] as const)('%j → %s', (outcome, text) => {
    expect(describeJsOutcome(outcome as PageFacts['outcome'])).toBe(text);
  });
});
