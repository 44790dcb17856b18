/**
 * A page can dispatch the observer's events itself, with any facts about its own calls. Those
 * facts stay hints: they never turn a verdict the network's evidence settled into another one,
 * and a flood of made-up calls cannot fill the log.
 */
import { describe, expect, it } from 'vitest';
import { Join, JOIN_LIMITS, type CallSource } from '../../../src/background/join.ts';
import type { CapturedRecord } from '../../../src/shared/exchange.ts';
import { evaluateRecord } from '../../../src/shared/observed.ts';
import type { PageCall, PageFacts } from '../../../src/shared/page-facts.ts';
import { API, captured, PAGE, pageCall } from '../../support/records.ts';

const facts = (c: Partial<PageCall>, outcome: PageFacts['outcome'] = null): PageFacts => ({
  seen: 'page-and-network',
  frameOrigin: PAGE,
  call: pageCall(c),
  outcome,
  endedAt: null,
});
/** What the network saw on plain http (no Sec-Fetch-Mode): a response without ACAO, then ERR_FAILED. */
const missingAcao: Partial<CapturedRecord> = {
  response: { status: 200, statusLine: null, headers: [], fromCache: false, ip: null },
  browserOutcome: 'failed',
  browserError: 'net::ERR_FAILED',
};
const wildcard: Partial<CapturedRecord> = {
  response: {
    status: 200,
    statusLine: null,
    headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }],
    fromCache: false,
    ip: null,
  },
  browserOutcome: 'failed',
  browserError: 'net::ERR_FAILED',
};

describe('forged page facts', () => {
  it("cannot turn a missing-ACAO block into 'no-cors, CORS not involved'", () => {
    const r = evaluateRecord(captured(1, { ...missingAcao, pageFacts: facts({ mode: 'no-cors' }) }));
    expect(r.evaluation).toMatchObject({ verdict: 'blocked', reason: { code: 'MissingAllowOriginHeader' } });
  });

  it("cannot turn a credentialed wildcard block into 'something outside CORS stopped it'", () => {
    const r = evaluateRecord(captured(1, { ...wildcard, pageFacts: facts({ credentials: 'omit' }) }));
    expect(r.evaluation.verdict).toBe('blocked');
    expect(r.evaluation.assumptions.join(' ')).toMatch(/network's evidence wins/);
  });

  it('still add what the network cannot see when they agree with it', () => {
    const r = evaluateRecord(captured(1, { ...wildcard, pageFacts: facts({ credentials: 'include' }) }));
    expect(r.evaluation).toMatchObject({
      verdict: 'blocked',
      confidence: 'certain',
      reason: { code: 'WildcardOriginNotAllowed' },
    });
  });

  it('may tell the end the network missed, and the verdict says it rests on the page', () => {
    const r = evaluateRecord(
      captured(1, {
        browserOutcome: 'pending',
        pageFacts: facts({}, { kind: 'response', status: 200, type: 'cors', redirected: false, url: `${API}/x1` }),
      }),
    );
    expect(r.evaluation.verdict).toBe('allowed');
    expect(r.evaluation.assumptions.join(' ')).toMatch(/seen by the page only/);
  });

  it('make at most a burst, then a trickle, of page-reported exchanges per tab, across frames', () => {
    let now = 0;
    const added: CapturedRecord[] = [];
    const join = new Join(
      { annotate: () => {}, addRecord: (r) => added.push(r), removeRecord: () => {} },
      { nextSeq: () => added.length + 1, pageUrl: () => `${PAGE}/` },
      { now: () => now, setTimeout: () => 0, clearTimeout: () => {} },
    );
    const refused = { kind: 'error' as const, name: 'TypeError', message: 'Failed to fetch' };
    let id = 0;
    for (let frame = 0; frame < 6; frame++) {
      const source: CallSource = { tabId: 7, frameId: frame, documentId: `doc-${frame}`, frameOrigin: PAGE };
      for (let i = 0; i < 100; i++) {
        join.start(source, ++id, pageCall({ url: `ftp://bank.example/${id}` }));
        join.end(source, id, now, refused);
      }
    }
    expect(added).toHaveLength(JOIN_LIMITS.pageOnlyBurst);
    expect(join.limited).toBe(600 - JOIN_LIMITS.pageOnlyBurst);
    now += 1000;
    const source: CallSource = { tabId: 7, frameId: 0, documentId: 'doc-0', frameOrigin: PAGE };
    for (let i = 0; i < 50; i++) {
      join.start(source, ++id, pageCall({ url: `ftp://bank.example/${id}` }));
      join.end(source, id, now, refused);
    }
    expect(added).toHaveLength(JOIN_LIMITS.pageOnlyBurst + JOIN_LIMITS.pageOnlyPerSecond);
  });

  it('recover the calls a worker stop lost from their own budget per stop, still bounded', () => {
    const now = 10_000;
    const added: CapturedRecord[] = [];
    const timers: (() => void)[] = [];
    const join = new Join(
      { annotate: () => {}, addRecord: (r) => added.push(r), removeRecord: () => {} },
      { nextSeq: () => added.length + 1, pageUrl: () => `${PAGE}/` },
      { now: () => now, setTimeout: (fn) => timers.push(fn), clearTimeout: () => {} },
    );
    join.restartedAfter({ from: 9_000, to: 9_500 });
    const source: CallSource = { tabId: 7, frameId: 0, documentId: 'doc-0', frameOrigin: PAGE };
    const ok = { kind: 'response' as const, status: 200, type: 'cors' as const, redirected: false, url: '' };
    for (let id = 1; id <= JOIN_LIMITS.pageOnlyPerStop + 50; id++) {
      join.start(source, id, pageCall({ url: `${API}/lost/${id}`, at: 9_100 }));
      join.end(source, id, 9_600, ok);
    }
    for (const fire of timers) fire();
    expect(added).toHaveLength(JOIN_LIMITS.pageOnlyPerStop);
    expect(added.every((r) => r.interruptions?.length === 1)).toBe(true);
    expect(join.limited).toBe(50);
  });

  it('tell Firefox records the credentials mode, which its completed outcome cannot settle', () => {
    // Firefox completes the requests it blocks: the network alone leaves this read unsettled.
    const firefox = {
      ...wildcard,
      browserOutcome: 'completed' as const,
      browserError: null,
      browser: 'firefox' as const,
    };
    const alone = evaluateRecord(captured(1, firefox));
    expect(alone.evaluation).toMatchObject({ verdict: 'allowed', confidence: 'inferred' });
    const told = evaluateRecord(captured(1, { ...firefox, pageFacts: facts({ credentials: 'include' }) }));
    expect(told.evaluation).toMatchObject({ verdict: 'blocked', reason: { code: 'WildcardOriginNotAllowed' } });
  });

  it('cannot move a Firefox verdict the headers settle whatever the credentials', () => {
    const firefox = {
      ...missingAcao,
      browserOutcome: 'completed' as const,
      browserError: null,
      browser: 'firefox' as const,
    };
    const r = evaluateRecord(captured(1, { ...firefox, pageFacts: facts({ mode: 'no-cors' }) }));
    expect(r.evaluation).toMatchObject({ verdict: 'blocked', reason: { code: 'MissingAllowOriginHeader' } });
  });
});
