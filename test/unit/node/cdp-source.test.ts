/**
 * The CDP source on DevTools-protocol events recorded from Chromium 156
 * (test/fixtures/cdp/*.json, written by scripts/record-cdp-events.js): when a request settles, the
 * record built from it, the engine's verdict on that record and Chromium's own answer on it — in
 * the order Chromium sent the events and with the network service's extra-info events late.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Protocol from 'devtools-protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CdpMessage } from '../../../src/node/cdp/channel.ts';
import { NetworkLog, type CdpExchange } from '../../../src/node/cdp/network-log.ts';
import { recordFromCdp, type RequestPlace } from '../../../src/node/cdp/record.ts';
import { refusalOf, refusalRecord } from '../../../src/node/cdp/refusals.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { evaluateRecord } from '../../../src/shared/observed.ts';
import { compareWithChromium } from '../../../src/shared/verify-with-chrome.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/cdp');

interface Fixture {
  origin: string;
  events: CdpMessage[];
}

const fixture = (name: string): Fixture => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));

const placeFor = (origin: string): RequestPlace => ({
  tabId: 1,
  frameId: 0,
  parentFrameId: -1,
  pageUrl: `${origin}/page`,
  frameOrigin: origin,
  seq: 1,
});

/** Replays events into a log and returns the records of what settled, judged, plus what the log saw miss. */
function replay(f: Fixture, events = f.events) {
  const settled = new Map<string, CdpExchange>();
  const missed: string[] = [];
  const log = new NetworkLog({ settled: (x) => settled.set(x.request.id, x), missed: (r) => missed.push(r.id) });
  for (const e of events) log.handle(e);
  vi.advanceTimersByTime(200);
  const records = [...settled.values()].flatMap((x) => recordFromCdp(x, placeFor(f.origin)) ?? []).map(evaluateRecord);
  return { records, missed, inFlight: [...log.inFlight()] };
}

/** The same events with every extra-info event moved to the end (the network service running late). */
const extraInfoLast = (events: CdpMessage[]) => [
  ...events.filter((e) => !e.method.endsWith('ExtraInfo')),
  ...events.filter((e) => e.method.endsWith('ExtraInfo')),
];

const only = (records: ExchangeRecord[], pathname: string) => {
  const found = records.filter((r) => new URL(r.url).pathname === pathname);
  expect(found, `one record of ${pathname}`).toHaveLength(1);
  return found[0]!;
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe.each([
  ['as Chromium sent them', (e: CdpMessage[]) => e],
  ['with the extra-info events last', extraInfoLast],
])('recorded events, %s', (_order, reorder) => {
  const run = (name: string) => {
    const f = fixture(name);
    return replay(f, reorder(f.events));
  };

  it('an allowed GET: completed, allowed, and Chromium reported no CORS error', () => {
    const { records, inFlight } = run('allowed-get');
    const r = only(records, '/allowed-get');
    expect(r).toMatchObject({ source: 'cdp', method: 'GET', type: 'xmlhttprequest', browserOutcome: 'completed' });
    expect(r.evaluation.verdict).toBe('allowed');
    expect(r.chromium).toEqual({
      source: 'Network.loadingFinished',
      corsError: null,
      failedParameter: '',
      netError: null,
    });
    expect(compareWithChromium(r)?.agrees).toBe(true);
    expect(r.requestHeaders.some((h) => h.name === 'Origin')).toBe(true);
    expect(r.response?.statusLine).toMatch(/^HTTP\/1\.1 200/);
    // The same-origin favicon request is not a CORS exchange.
    expect(records).toHaveLength(1);
    expect(inFlight).toEqual([]);
  });

  it('a blocked GET: the blocked response comes from extra info, and the reason equals Chromium’s', () => {
    const r = only(run('blocked-missing-acao').records, '/blocked-missing-acao');
    expect(r.browserOutcome).toBe('failed');
    expect(r.response?.status).toBe(200);
    expect(r.evaluation.reason?.code).toBe('MissingAllowOriginHeader');
    expect(r.chromium).toMatchObject({ corsError: 'MissingAllowOriginHeader', netError: null });
    expect(compareWithChromium(r)?.agrees).toBe(true);
  });

  it('a preflighted PUT: the preflight (linked by its initiator) is folded into the request', () => {
    const { records } = run('preflight-ok');
    expect(records).toHaveLength(1);
    const r = only(records, '/preflight-ok');
    expect(r.method).toBe('PUT');
    expect(r.preflight).toMatchObject({ method: 'OPTIONS', status: 204, outcome: 'completed' });
    expect(r.preflight?.requestHeaders.some((h) => h.name === 'Access-Control-Request-Method')).toBe(true);
    expect(r.evaluation).toMatchObject({ verdict: 'allowed', confidence: 'certain' });
    expect(compareWithChromium(r)?.agrees).toBe(true);
  });

  it('a PUT stopped by its preflight: never sent, its page-set headers still known, blocked as Chromium says', () => {
    const r = only(run('preflight-no-acam').records, '/preflight-no-acam');
    expect(r.response).toBeNull();
    expect(r.requestHeaders.map((h) => h.name.toLowerCase())).toContain('content-type');
    expect(r.evaluation.reason).toMatchObject({ code: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' });
    expect(r.chromium).toMatchObject({ corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' });
    expect(compareWithChromium(r)?.agrees).toBe(true);
  });

  it('a redirect to another origin: each hop kept, the next hop’s headers show Origin: null', () => {
    const r = only(run('redirect-then-allowed').records, '/redirect-then-allowed');
    expect(r.urlChain).toHaveLength(2);
    expect(r.redirects).toHaveLength(1);
    expect(r.redirects[0]).toMatchObject({ status: 302, location: r.urlChain[1] });
    expect(r.redirects[0]!.requestHeaders?.find((h) => h.name === 'Origin')?.value).toBe('null');
    expect(r.evaluation.verdict).toBe('allowed');
    expect(compareWithChromium(r)?.agrees).toBe(true);
  });

  it('a no-cors GET: opaque', () => {
    const r = only(run('no-cors-unread').records, '/no-cors-unread');
    expect(r.evaluation.verdict).toBe('opaque');
    expect(compareWithChromium(r)?.agrees).toBe(true);
  });
});

describe('what the Network domain alone does not show', () => {
  it('a load the page cancelled after its response arrived completed, as far as CORS goes', () => {
    const f = fixture('no-cors-unread');
    const events = f.events.map((e) =>
      e.method === 'Network.loadingFinished'
        ? {
            method: 'Network.loadingFailed',
            params: {
              requestId: (e.params as { requestId: string }).requestId,
              timestamp: (e.params as { timestamp: number }).timestamp,
              type: 'Fetch',
              errorText: 'net::ERR_ABORTED',
              canceled: true,
            },
          }
        : e,
    );
    const r = only(replay(f, events).records, '/no-cors-unread');
    expect(r).toMatchObject({ browserOutcome: 'completed', browserError: null });
    expect(r.evaluation.verdict).toBe('opaque');
    expect(r.chromium).toMatchObject({ source: 'Network.loadingFailed', corsError: null, netError: null });
    expect(compareWithChromium(r)?.agrees).toBe(true);
  });

  it('a request whose start was not reported is named as missed, never recorded as a guess', () => {
    const f = fixture('allowed-get');
    const events = f.events.filter((e) => e.method !== 'Network.requestWillBeSent');
    const { records, missed } = replay(f, events);
    expect(records).toEqual([]);
    expect(missed).toHaveLength(2);
  });

  it('a missed request is reported once, however many copies of its events come', () => {
    const f = fixture('allowed-get');
    const events = f.events.filter((e) => e.method !== 'Network.requestWillBeSent');
    const { missed } = replay(f, [...events, ...events]);
    expect(missed).toHaveLength(2);
    expect(new Set(missed).size).toBe(2);
  });

  it('a call refused in the renderer becomes its own exchange from its CORS issue, blocked as Chromium says', () => {
    const f = fixture('refused-same-origin-mode');
    const issue = (f.events[0]!.params as Protocol.Audits.IssueAddedEvent).issue;
    const details = refusalOf(issue);
    expect(details).not.toBeNull();
    const r = evaluateRecord(refusalRecord(details!, 'i1', placeFor(f.origin), 1000));
    expect(r).toMatchObject({ source: 'cdp', initiator: f.origin, browserOutcome: 'failed', response: null });
    expect(r.evaluation.reason?.code).toBe('DisallowedByMode');
    expect(r.evaluation.mode).toMatchObject({ mode: 'same-origin' });
    expect(r.evaluation.mode.source).toMatch(
      /Chromium's own verdict DisallowedByMode.*method and headers were not seen/,
    );
    expect(compareWithChromium(r)?.agrees).toBe(true);
  });

  it('issues about a network request, and warnings, make no record (loadingFailed already said it)', () => {
    const blocked = fixture('blocked-missing-acao').events.find((e) => e.method === 'Audits.issueAdded')!;
    const issue = (blocked.params as Protocol.Audits.IssueAddedEvent).issue;
    expect(issue.details.corsIssueDetails?.request.requestId).toBeTruthy();
    expect(refusalOf(issue)).toBeNull();
  });
});
