/**
 * Page calls meet network records whichever arrives first; identical calls pair oldest first; a
 * call the network never saw becomes an exchange of its own, replaced if its record turns up late.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CapturedRecord } from '../../../src/shared/exchange.ts';
import {
  Join,
  JOIN_LIMITS,
  type CallSource,
  type JoinableRecord,
  type JoinSink,
} from '../../../src/background/join.ts';
import type { JsOutcome, PageCall, PageFacts } from '../../../src/shared/page-facts.ts';

const PAGE = 'http://127.0.0.1:8000';
const API = 'http://localhost:9000/r';
const SOURCE: CallSource = { tabId: 7, frameId: 0, documentId: 'doc-1', frameOrigin: PAGE };
const FAILED: JsOutcome = { kind: 'error', name: 'TypeError', message: 'Failed to fetch' };

const call = (over: Partial<PageCall> = {}): PageCall => ({
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
  at: 1000,
  ...over,
});
const record = (id: string, over: Partial<JoinableRecord> = {}): JoinableRecord => ({
  id,
  tabId: 7,
  frameId: 0,
  documentId: 'doc-1',
  url: API,
  method: 'GET',
  startedAt: 1001,
  ...over,
});

let now: number;
let timers: { at: number; fn: () => void; cancelled: boolean }[];
let annotated: Map<string, PageFacts>;
let added: CapturedRecord[];
let removed: string[];
let join: Join;
/** The browser's time of the latest webRequest event the worker has handled. */
let heard: number | null;

const advance = (ms: number) => {
  now += ms;
  for (const t of timers.filter((t) => !t.cancelled && t.at <= now)) {
    t.cancelled = true;
    t.fn();
  }
};

beforeEach(() => {
  now = 2000;
  heard = null;
  timers = [];
  annotated = new Map();
  added = [];
  removed = [];
  let seq = 0;
  const sink: JoinSink = {
    annotate: (_tabId, id, facts) => void annotated.set(id, facts),
    addRecord: (r) => void added.push(r),
    removeRecord: (r) => void removed.push(r.id),
  };
  join = new Join(
    sink,
    { nextSeq: () => ++seq, pageUrl: () => `${PAGE}/page` },
    {
      now: () => now,
      setTimeout: (fn, ms) => {
        const t = { at: now + ms, fn, cancelled: false };
        timers.push(t);
        return t;
      },
      clearTimeout: (t) => {
        (t as { cancelled: boolean }).cancelled = true;
      },
    },
    () => heard,
  );
});

describe('Join', () => {
  it('joins a call to the record that arrives after it, and adds the outcome when it ends', () => {
    join.start(SOURCE, 1, call());
    join.record(record('r1'));
    expect(annotated.get('r1')).toMatchObject({
      seen: 'page-and-network',
      frameOrigin: PAGE,
      call: { credentials: 'include' },
      outcome: null,
    });
    join.end(SOURCE, 1, 1050, FAILED);
    expect(annotated.get('r1')).toMatchObject({ outcome: FAILED, endedAt: 1050 });
  });

  it('joins a record that arrived before the call', () => {
    join.record(record('r1'));
    join.start(SOURCE, 1, call());
    expect(annotated.get('r1')?.call.url).toBe(API);
  });

  it('pairs identical calls with identical records oldest first', () => {
    join.start(SOURCE, 1, call({ credentials: 'omit', at: 1000 }));
    join.start(SOURCE, 2, call({ credentials: 'include', at: 1001 }));
    join.record(record('r1', { startedAt: 1002 }));
    join.record(record('r2', { startedAt: 1003 }));
    expect(annotated.get('r1')?.call.credentials).toBe('omit');
    expect(annotated.get('r2')?.call.credentials).toBe('include');
  });

  it.each<[string, Partial<JoinableRecord>]>([
    ['another tab', { tabId: 8 }],
    ['another frame', { frameId: 3 }],
    ['another document of the frame', { documentId: 'doc-2' }],
    ['another method', { method: 'POST' }],
    ['another URL', { url: `${API}?x` }],
    ['a request that started well before the call', { startedAt: 1000 - JOIN_LIMITS.clockSkewMs - 1 }],
  ])('does not join a record from %s', (_what, over) => {
    join.start(SOURCE, 1, call());
    join.record(record('r1', over));
    expect(annotated.size).toBe(0);
  });

  it('ignores the fragment, which webRequest never shows', () => {
    join.start(SOURCE, 1, call({ url: `${API}#top` }));
    join.record(record('r1'));
    expect(annotated.has('r1')).toBe(true);
  });

  it('keeps the first report of a call id: a second one (a forgery) cannot replace it', () => {
    join.start(SOURCE, 1, call({ credentials: 'include' }));
    join.start(SOURCE, 1, call({ credentials: 'omit' }));
    join.record(record('r1'));
    join.record(record('r2'));
    expect(annotated.get('r1')?.call.credentials).toBe('include');
    expect(annotated.has('r2')).toBe(false);
  });

  it("makes a failure the network may not have seen an exchange of its own once the network's grace has passed", () => {
    join.start(SOURCE, 1, call());
    join.end(SOURCE, 1, 1010, FAILED);
    expect(added).toEqual([]);
    advance(JOIN_LIMITS.networkGraceMs);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      id: '7:page:doc-1#1',
      tabId: 7,
      frameId: 0,
      documentId: 'doc-1',
      initiator: PAGE,
      url: API,
      method: 'GET',
      browserOutcome: 'failed',
      browserError: 'TypeError: Failed to fetch',
      requestHeaders: [],
      response: null,
    });
    expect(added[0]!.pageFacts?.seen).toBe('page-only');
  });

  it('replaces its own exchange when the network record turns up late', () => {
    join.start(SOURCE, 1, call());
    join.end(SOURCE, 1, 1010, FAILED);
    advance(JOIN_LIMITS.networkGraceMs);
    join.record(record('r1'));
    expect(removed).toEqual([added[0]!.id]);
    expect(annotated.get('r1')?.seen).toBe('page-and-network');
  });

  it('needs no grace for a scheme webRequest never sees', () => {
    join.start(SOURCE, 1, call({ url: 'data:text/plain,hi' }));
    join.end(SOURCE, 1, 1010, {
      kind: 'response',
      type: 'basic',
      status: 200,
      redirected: false,
      url: 'data:text/plain,hi',
    });
    expect(added.map((r) => [r.url, r.browserOutcome])).toEqual([['data:text/plain,hi', 'completed']]);
  });

  it.each<[string, Partial<PageCall>, JsOutcome]>([
    ['a same-origin call', { url: `${PAGE}/own` }, FAILED],
    ['an abort', {}, { kind: 'error', name: 'AbortError', message: 'aborted' }],
    ['a successful http call', {}, { kind: 'response', type: 'cors', status: 200, redirected: false, url: API }],
  ])('makes no exchange of its own for %s', (_what, over, outcome) => {
    join.start(SOURCE, 1, call(over));
    join.end(SOURCE, 1, 1010, outcome);
    advance(JOIN_LIMITS.networkGraceMs);
    expect(added).toEqual([]);
  });

  it.each<[string, Partial<PageCall>]>([
    ["mode 'same-origin' to another origin", { mode: 'same-origin' }],
    ["mode 'no-cors' with redirect 'manual'", { mode: 'no-cors', redirect: 'manual' }],
    ['fetch() of a URL with user:password@', { url: API.replace('http://', 'http://u:p@') }],
  ])('makes a call the renderer always refuses (%s) an exchange of its own at once', (_what, over) => {
    join.start(SOURCE, 1, call(over));
    join.end(SOURCE, 1, 1010, FAILED);
    expect(added).toHaveLength(1);
    expect(added[0]!.pageFacts?.seen).toBe('page-only');
  });

  it("does not give a failed call's facts to a later request to the same URL, nor drop its own exchange for it", () => {
    join.start(SOURCE, 1, call({ at: 1000 }));
    join.end(SOURCE, 1, 1010, FAILED);
    advance(JOIN_LIMITS.networkGraceMs);
    join.record(record('later', { startedAt: 1010 + JOIN_LIMITS.clockSkewMs + 1 }));
    expect(removed).toEqual([]);
    expect(annotated.has('later')).toBe(false);
  });

  it('counts the failed calls still waiting for their network record', () => {
    join.start(SOURCE, 1, call());
    join.end(SOURCE, 1, 1010, FAILED);
    expect(join.waitingForNetwork()).toBe(1);
    advance(JOIN_LIMITS.networkGraceMs);
    expect(join.waitingForNetwork()).toBe(0);
  });

  it('keeps a failed call waiting for the network when its tab closes: it becomes an exchange of its own', () => {
    join.start(SOURCE, 1, call());
    join.end(SOURCE, 1, 1010, FAILED);
    join.forgetTab(7);
    expect(added.map((r) => r.url)).toEqual([API]);
    advance(JOIN_LIMITS.networkGraceMs);
    expect(added).toHaveLength(1);
  });

  it("joins an XHR whose user:password@ only the network shows (open()'s user and password arguments)", () => {
    join.start(SOURCE, 1, call({ api: 'xhr' }));
    join.record(record('r1', { url: API.replace('http://', 'http://u:p@') }));
    expect(annotated.get('r1')?.call.api).toBe('xhr');
  });

  it("adds the page's CSP refusal to the call's own exchange, whether it arrives before or after the grace", () => {
    join.start(SOURCE, 1, call());
    join.end(SOURCE, 1, 1010, FAILED);
    join.refusedByCsp(SOURCE, 1, 'connect-src');
    advance(JOIN_LIMITS.networkGraceMs);
    expect(added.at(-1)?.pageFacts?.cspViolation).toEqual({ directive: 'connect-src' });

    join.start(SOURCE, 2, call({ url: `${API}/late` }));
    join.end(SOURCE, 2, 1020, FAILED);
    advance(JOIN_LIMITS.networkGraceMs);
    expect(added.at(-1)?.pageFacts?.cspViolation).toBeUndefined();
    join.refusedByCsp(SOURCE, 2, 'connect-src');
    expect(added.at(-1)).toMatchObject({
      url: `${API}/late`,
      pageFacts: { cspViolation: { directive: 'connect-src' } },
    });
    expect(new Set(added.map((r) => r.id)).size).toBe(2);
  });

  it('lets a call wait again when its record is merged into another', () => {
    join.start(SOURCE, 1, call({ method: 'PUT' }));
    join.record(record('orphan-preflight', { method: 'PUT' }));
    join.recordRemoved('orphan-preflight');
    join.record(record('actual', { method: 'PUT' }));
    expect(annotated.get('actual')?.call.method).toBe('PUT');
  });

  it('forgets calls that waited too long, and everything of a closed tab', () => {
    join.start(SOURCE, 1, call({ at: now }));
    now += JOIN_LIMITS.waitMs + 1;
    join.record(record('late', { startedAt: now }));
    expect(annotated.size).toBe(0);
    join.start(SOURCE, 2, call({ url: `${API}/closed`, at: now }));
    join.forgetTab(7);
    join.record(record('after-close', { url: `${API}/closed`, startedAt: now }));
    expect(annotated.size).toBe(0);
  });
});

describe('Join: settling reports (the relay sends unsettled ones again after a worker restart)', () => {
  const OK: JsOutcome = { kind: 'response', type: 'cors', status: 200, redirected: false, url: API };
  let settled: string[];
  const report = (name: string) => () => void settled.push(name);
  beforeEach(() => {
    settled = [];
  });

  it('settles a call once it is joined to its network record, and its later reports at once', () => {
    join.start(SOURCE, 1, call(), report('start'));
    expect(settled).toEqual([]);
    join.record(record('r1'));
    expect(settled).toEqual(['start']);
    join.end(SOURCE, 1, 1010, OK, report('end'));
    expect(settled).toEqual(['start', 'end']);
  });

  it('settles a call that ended well without a record only once the worker has heard the network past its end', () => {
    join.start(SOURCE, 1, call(), report('start'));
    join.end(SOURCE, 1, 1010, OK, report('end'));
    heard = 1010 + JOIN_LIMITS.clockSkewMs - 1;
    advance(JOIN_LIMITS.settleCheckMs);
    expect(settled).toEqual([]);
    heard = 1010 + JOIN_LIMITS.clockSkewMs;
    advance(JOIN_LIMITS.settleCheckMs);
    expect(settled).toEqual(['start', 'end']);
    expect(added).toEqual([]);
  });

  it('settles it after a while when no later event comes (a quiet page)', () => {
    join.start(SOURCE, 1, call(), report('start'));
    join.end(SOURCE, 1, 1010, OK, report('end'));
    advance(JOIN_LIMITS.caughtUpMs - JOIN_LIMITS.settleCheckMs);
    expect(settled).toEqual([]);
    advance(JOIN_LIMITS.settleCheckMs);
    expect(settled).toEqual(['start', 'end']);
  });

  it('settles a failed call when its own exchange is made, and a call that never ends after the wait', () => {
    join.start(SOURCE, 1, call(), report('failed'));
    join.end(SOURCE, 1, 1010, FAILED, report('failed end'));
    join.start(SOURCE, 2, call({ url: `${API}/hangs` }), report('hangs'));
    advance(JOIN_LIMITS.networkGraceMs);
    expect(settled).toEqual(['failed', 'failed end']);
    advance(JOIN_LIMITS.unendedMs);
    expect(settled).toEqual(['failed', 'failed end', 'hangs']);
    expect(added).toHaveLength(1);
  });

  it('settles a report sent again with the first, and reports of calls it never heard of at once', () => {
    join.start(SOURCE, 1, call(), report('first'));
    join.start(SOURCE, 1, call(), report('again'));
    join.end(SOURCE, 9, 1010, OK, report('end of an unknown call'));
    expect(settled).toEqual(['end of an unknown call']);
    join.record(record('r1'));
    expect(settled).toEqual(['end of an unknown call', 'first', 'again']);
  });

  it('after a restart, makes a call whose network events went with the stopped worker a recovered exchange', () => {
    join.restartedAfter({ from: 1005, to: 1900 });
    join.start(SOURCE, 1, call(), report('start'));
    join.end(SOURCE, 1, 1010, OK, report('end'));
    expect(settled).toEqual([]);
    advance(JOIN_LIMITS.restartGraceMs);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      id: '7:recovered:doc-1#1',
      interruptions: [{ from: 1005, to: 1900 }],
      browserOutcome: 'completed',
    });
    expect(settled).toEqual(['start', 'end']);
  });

  it('after a restart, joins a call sent again to the record an earlier instance stored, making none of its own', () => {
    join.restartedAfter({ from: 1005, to: 1900 });
    join.record(record('r1'));
    join.start(SOURCE, 1, call(), report('start'));
    join.end(SOURCE, 1, 1010, OK, report('end'));
    advance(JOIN_LIMITS.restartGraceMs);
    expect(added).toEqual([]);
    expect(settled).toEqual(['start', 'end']);
  });
});
