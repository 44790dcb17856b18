/**
 * The whole worker on fakes (test/support/fake-platform.ts, fake-indexeddb): what one instance
 * records, what a reader receives, and what survives a stop — a new instance on the same storage,
 * events held until the recording is restored, a request in flight across the stop merged into
 * one exchange that says the worker was down, and a gap on the tab's log.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ExchangeDb } from '../../../src/background/exchange-db.ts';
import { ADOPTION_GRACE_MS } from '../../../src/background/startup.ts';
import { startWorker } from '../../../src/background/worker.ts';
import type { RequestDetails, WebRequestEventName } from '../../../src/platform/web-request.ts';
import { message, PORT_NAME, PROTOCOL_VERSION, type WorkerMessage } from '../../../src/shared/messages.ts';
import { PAGE_PORT_NAME, type RelayBatch } from '../../../src/shared/page-facts.ts';
import {
  FakeBadge,
  FakeDebugger,
  FakePort,
  FakeScripting,
  FakeStorage,
  FakeTabs,
  FakeWebRequest,
} from '../../support/fake-platform.ts';
import { API, PAGE, pageCall } from '../../support/records.ts';

const TAB = 7;

/** A browser profile: storage and IndexedDB outlive worker instances. */
function profile() {
  const session = new FakeStorage();
  const local = new FakeStorage();
  const idb = new IDBFactory();
  const tabs = new FakeTabs();
  tabs.urls.set(TAB, `${PAGE}/`);
  const badge = new FakeBadge();
  let now = 1_000_000;
  /**
   * Starts a worker instance (the previous one, if any, is simply gone: its listeners no longer hear anything).
   * `writesNeverCommit`: its IndexedDB transactions are cut short, as a stop mid-commit does.
   */
  const instance = (o: { writesNeverCommit?: boolean } = {}) => {
    const webRequest = new FakeWebRequest();
    const db = new ExchangeDb(idb);
    if (o.writesNeverCommit) db.write = () => new Promise(() => {});
    const ports: ((p: FakePort) => void)[] = [];
    const worker = startWorker({
      platform: {
        ports: { onConnect: (cb) => ports.push(cb as (p: FakePort) => void) },
        tabs,
        session,
        local,
        scripting: new FakeScripting(),
        badge,
      },
      webRequest,
      debugger: new FakeDebugger(),
      db,
      scripts: { observer: 'observer.js', relay: 'relay.js' },
      timers: {
        now: () => now,
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (h) => clearTimeout(h as number),
      },
    });
    const api = globalThis.corsInspector!;
    const connect = (name = PORT_NAME, sender?: FakePort['sender']) => {
      const port = new FakePort(name, sender);
      for (const cb of ports) cb(port);
      return port;
    };
    return { worker, api, webRequest, connect, db };
  };
  return { instance, badge, session, tick: (ms: number) => (now += ms), now: () => now };
}

let requestId = 100;
/** What every event of one new request carries. */
function requestOf(url: string, method: string, type = 'xmlhttprequest'): RequestDetails {
  return {
    requestId: String(requestId++),
    url,
    method,
    tabId: TAB,
    frameId: 0,
    documentId: 'D',
    type,
    initiator: PAGE,
    timeStamp: 1_000_000,
  };
}

/** Chromium's events for one simple GET, in order; `upTo` stops early (a request in flight). */
function getEvents(url: string, acao: string | null): [WebRequestEventName, RequestDetails][] {
  const base = requestOf(url, 'GET');
  const responseHeaders = acao ? [{ name: 'Access-Control-Allow-Origin', value: acao }] : [];
  return [
    ['beforeRequest', base],
    ['sendHeaders', { ...base, requestHeaders: [{ name: 'Origin', value: PAGE }] }],
    ['headersReceived', { ...base, statusCode: 200, statusLine: 'HTTP/1.1 200 OK', responseHeaders }],
    acao
      ? ['completed', { ...base, statusCode: 200, responseHeaders }]
      : ['errorOccurred', { ...base, error: 'net::ERR_FAILED' }],
  ];
}

type Events = [WebRequestEventName, RequestDetails][];

/** A preflight's events (all before its request's, as after a stop), then the PUT's. */
function preflightedPut(url: string): [Events, Events] {
  const options = requestOf(url, 'OPTIONS', 'other');
  const allow = [
    { name: 'Access-Control-Allow-Origin', value: PAGE },
    { name: 'Access-Control-Allow-Methods', value: 'PUT' },
    { name: 'Access-Control-Allow-Headers', value: 'content-type' },
  ];
  const put = requestOf(url, 'PUT');
  const putHeaders = [
    { name: 'Origin', value: PAGE },
    { name: 'Content-Type', value: 'application/json' },
  ];
  const putAllow = [allow[0]!];
  return [
    [
      ['beforeRequest', options],
      [
        'sendHeaders',
        {
          ...options,
          requestHeaders: [
            { name: 'Origin', value: PAGE },
            { name: 'Access-Control-Request-Method', value: 'PUT' },
            { name: 'Access-Control-Request-Headers', value: 'content-type' },
          ],
        },
      ],
      [
        'headersReceived',
        { ...options, statusCode: 204, statusLine: 'HTTP/1.1 204 No Content', responseHeaders: allow },
      ],
      ['completed', { ...options, statusCode: 204, responseHeaders: allow }],
    ],
    [
      ['beforeRequest', put],
      ['sendHeaders', { ...put, requestHeaders: putHeaders }],
      ['headersReceived', { ...put, statusCode: 200, statusLine: 'HTTP/1.1 200 OK', responseHeaders: putAllow }],
      ['completed', { ...put, statusCode: 200, responseHeaders: putAllow }],
    ],
  ];
}

const deliver = (wr: FakeWebRequest, events: [WebRequestEventName, RequestDetails][]) => {
  for (const [event, d] of events) wr.emit(event, d);
};

describe('the worker', () => {
  it('records while someone records, judges, and serves pages of records', async () => {
    const p = profile();
    const { api, webRequest } = p.instance();
    await api.recordAll('test');
    deliver(webRequest, getEvents(`${API}/ok`, PAGE));
    deliver(webRequest, getEvents(`${API}/no-acao`, null));
    const all = await api.exchanges({ tabId: TAB });
    expect(all.map((r) => [r.url, r.evaluation.verdict])).toEqual([
      [`${API}/ok`, 'allowed'],
      [`${API}/no-acao`, 'blocked'],
    ]);
    expect(p.badge.texts.get(TAB)).toBe('1');
    expect(await api.records({ tabId: TAB, limit: 1 })).toHaveLength(1);
  });

  it('ignores tabs nobody records, and records a tab while a reader holds its port', async () => {
    const p = profile();
    const { api, webRequest, connect } = p.instance();
    await api.whenReady();
    deliver(webRequest, getEvents(`${API}/unrecorded`, PAGE));
    const reader = connect();
    reader.receive(message('subscribe', { tabId: TAB, reader: 'panel', protocol: PROTOCOL_VERSION }));
    expect(webRequest.active()).toEqual([TAB]);
    deliver(webRequest, getEvents(`${API}/recorded`, PAGE));
    expect((await api.exchanges({ tabId: TAB })).map((r) => r.url)).toEqual([`${API}/recorded`]);
    reader.close();
    expect(webRequest.active()).toEqual([]);
  });

  it('sends a new reader the log a page at a time, then what happened meanwhile', async () => {
    const p = profile();
    const { api, webRequest, connect } = p.instance();
    await api.recordAll('test');
    for (let i = 0; i < 1200; i++) deliver(webRequest, getEvents(`${API}/n${i}`, PAGE));
    await api.flush();
    const reader = connect();
    reader.receive(message('subscribe', { tabId: TAB, reader: 'panel', protocol: PROTOCOL_VERSION }));
    deliver(webRequest, getEvents(`${API}/meanwhile`, PAGE));
    await expect.poll(() => reader.ofType<{ more: boolean }>('snapshot-more').at(-1)?.more).toBe(false);
    const types = (reader.sent as WorkerMessage[]).map((m) => m.type);
    expect(types.indexOf('snapshot')).toBeLessThan(types.indexOf('snapshot-more'));
    const first = reader.ofType<{ exchanges: unknown[]; more: boolean }>('snapshot')[0]!;
    const more = reader.ofType<{ exchanges: unknown[] }>('snapshot-more');
    expect(first.more).toBe(true);
    expect(first.exchanges.length + more.reduce((n, m) => n + m.exchanges.length, 0)).toBeGreaterThanOrEqual(1200);
    await expect.poll(() => types.length < reader.sent.length || types.includes('exchange-added')).toBe(true);
    const lastSnapshot = (reader.sent as WorkerMessage[]).findLastIndex((m) => m.type === 'snapshot-more');
    const added = (reader.sent as WorkerMessage[]).findIndex(
      (m) => m.type === 'exchange-added' && m.data.exchange.url.endsWith('/meanwhile'),
    );
    expect(added === -1 || added > lastSnapshot).toBe(true);
  });

  it('survives a stop in the middle of a request: one exchange, marked interrupted, and a gap', async () => {
    const p = profile();
    const first = p.instance();
    await first.api.recordAll('test');
    deliver(first.webRequest, getEvents(`${API}/done`, PAGE));
    const inFlight = getEvents(`${API}/across`, PAGE);
    deliver(first.webRequest, inFlight.slice(0, 2));
    await first.api.flush();
    p.tick(500);

    // The next instance: the request's remaining events wake it, before it has restored anything.
    const second = p.instance();
    deliver(second.webRequest, inFlight.slice(2));
    await second.api.whenReady();
    const all = await second.api.exchanges({ tabId: TAB });
    expect(all.map((r) => r.url)).toEqual([`${API}/done`, `${API}/across`]);
    const across = all[1]!;
    expect(across).toMatchObject({ browserOutcome: 'completed', requestHeaders: [{ name: 'Origin', value: PAGE }] });
    expect(across.interruptions).toHaveLength(1);
    expect(across.evaluation.verdict).toBe('allowed');
    expect((await second.api.state(TAB)).gaps).toEqual([
      expect.objectContaining({ requests: 1, why: expect.stringMatching(/worker was stopped while 1 request/) }),
    ]);
    expect(second.api.diagnostics().restarts).toBe(1);
  });

  it('dates a stop from the latest event the stopped worker had handled, when it was behind', async () => {
    const p = profile();
    const first = p.instance();
    await first.api.recordAll('test');
    // The worker handled events up to 1 000 000 but ran on until 1 000 000 + 3 000 (it was behind).
    deliver(first.webRequest, getEvents(`${API}/in-flight`, PAGE).slice(0, 2));
    p.tick(3000);
    await first.api.flush();
    const second = p.instance();
    await second.api.whenReady();
    expect((await second.api.state(TAB)).gaps).toEqual([expect.objectContaining({ from: 1_000_000 })]);
  });

  it('after a stop, says the worker was down for a request begun meanwhile, or one seen without the preflight it needed', async () => {
    const p = profile();
    const first = p.instance();
    await first.api.recordAll('test');
    await first.api.flush();
    const second = p.instance();
    const restartedAt = p.now();
    const at = (url: string, timeStamp: number, method = 'GET', contentType?: string) =>
      getEvents(url, PAGE).map(([event, d]): [WebRequestEventName, RequestDetails] => [
        event,
        {
          ...d,
          method,
          timeStamp,
          ...(d.requestHeaders && contentType
            ? { requestHeaders: [...d.requestHeaders, { name: 'Content-Type', value: contentType }] }
            : {}),
        },
      ]);
    // Its events waited for the worker to start: it was in flight while the worker was down.
    deliver(second.webRequest, at(`${API}/queued`, restartedAt - 50));
    // Started just after, with no preflight seen: the preflight's events may have gone with the stopped worker.
    deliver(second.webRequest, at(`${API}/put-soon`, restartedAt + 200, 'PUT', 'application/json'));
    // The same much later, or a request that needs no preflight, owes nothing to the stop.
    deliver(second.webRequest, at(`${API}/put-late`, restartedAt + 5000, 'PUT', 'application/json'));
    deliver(second.webRequest, at(`${API}/get-soon`, restartedAt + 200));
    await second.api.whenReady();
    const byUrl = new Map((await second.api.exchanges({ tabId: TAB })).map((r) => [r.url.slice(API.length), r]));
    expect([...byUrl].map(([url, r]) => [url, r.interruptions?.length ?? 0])).toEqual([
      ['/queued', 1],
      ['/put-soon', 1],
      ['/put-late', 0],
      ['/get-soon', 0],
    ]);
  });

  it('gives up at once on a request taken back by an earlier instance longer ago than the grace', async () => {
    const p = profile();
    const first = p.instance();
    await first.api.recordAll('test');
    deliver(first.webRequest, getEvents(`${API}/never-ends`, PAGE).slice(0, 2));
    await first.api.flush();
    const second = p.instance();
    await second.api.whenReady();
    await second.api.flush();
    // The second instance is stopped before its grace timer: the third must not wait for one again.
    p.tick(ADOPTION_GRACE_MS + 1);
    const third = p.instance();
    await third.api.whenReady();
    const [r] = await third.api.exchanges({ tabId: TAB });
    expect(r).toMatchObject({ url: `${API}/never-ends`, endedBy: expect.stringMatching(/end was not seen/) });
    expect(r!.interruptions).toHaveLength(2);
    expect(r!.evaluation.verdict).toBe('unfinished');
  });

  it('keeps a record whose only copy was the journal (its IndexedDB write never committed)', async () => {
    const p = profile();
    const first = p.instance({ writesNeverCommit: true });
    await first.api.recordAll('test');
    deliver(first.webRequest, getEvents(`${API}/journal-only`, PAGE));
    // The batches ran (the journal has the record) but the instance is gone before IndexedDB committed.
    await new Promise((r) => setTimeout(r, 100));
    const second = p.instance();
    await second.api.whenReady();
    expect((await second.api.exchanges({ tabId: TAB })).map((r) => [r.url, r.evaluation.verdict])).toEqual([
      [`${API}/journal-only`, 'allowed'],
    ]);
  });

  it('merges a preflight into its request when the request comes after the preflight was given up as unseen', async () => {
    const p = profile();
    const first = p.instance();
    await first.api.recordAll('test');
    const url = `${API}/put-after-given-up-orphan`;
    const [preflight, put] = preflightedPut(url);
    // The request's first event went with a stopped worker: its preflight is kept on its own.
    deliver(first.webRequest, preflight);
    await first.api.flush();
    const second = p.instance();
    await second.api.whenReady();
    await second.api.flush();
    // Taken back longer ago than the grace: the third instance gives the preflight up at once.
    p.tick(ADOPTION_GRACE_MS + 1);
    const third = p.instance();
    await third.api.whenReady();
    deliver(third.webRequest, put.slice(1));
    const all = await third.api.exchanges({ tabId: TAB });
    expect(all.map((r) => [r.method, r.preflight?.status ?? null, r.evaluation.verdict])).toEqual([
      ['PUT', 204, 'allowed'],
    ]);
  });

  it('merges a preflight whose events reach only the next instance into the request the last one stored as ended', async () => {
    const p = profile();
    const first = p.instance();
    await first.api.recordAll('test');
    await first.api.flush();
    const url = `${API}/put-before-its-preflight`;
    const [preflight, put] = preflightedPut(url);
    // Begun as the second instance started, and seen to its end with no preflight.
    const second = p.instance();
    deliver(second.webRequest, put);
    await second.api.whenReady();
    await second.api.flush();
    const third = p.instance();
    deliver(third.webRequest, preflight);
    await third.api.whenReady();
    const all = await third.api.exchanges({ tabId: TAB });
    expect(all.map((r) => [r.method, r.preflight?.status ?? null, r.evaluation.verdict])).toEqual([
      ['PUT', 204, 'allowed'],
    ]);
  });

  it('does not bring back a preflight merged into its request when the delete never committed', async () => {
    const p = profile();
    const first = p.instance();
    await first.api.recordAll('test');
    const url = `${API}/put-after-orphan`;
    const [preflight, put] = preflightedPut(url);
    // The preflight's events come before its request's: it is kept on its own until the request comes.
    deliver(first.webRequest, preflight);
    await first.api.flush();
    // From here the instance is stopped mid-commit: the merge's delete never reaches IndexedDB.
    first.db.write = () => new Promise(() => {});
    deliver(first.webRequest, put);
    await new Promise((r) => setTimeout(r, 100));
    const second = p.instance();
    await second.api.whenReady();
    const records = await second.api.exchanges({ tabId: TAB });
    expect(records.map((r) => [r.method, r.url, r.evaluation.verdict, !!r.preflight])).toEqual([
      ['PUT', url, 'allowed', true],
    ]);
  });

  it('counts the restored log against the bound and the badge', async () => {
    const p = profile();
    const first = p.instance();
    await first.api.recordAll('test');
    deliver(first.webRequest, getEvents(`${API}/blocked`, null));
    await first.api.flush();
    const second = p.instance();
    await second.api.whenReady();
    deliver(second.webRequest, getEvents(`${API}/blocked-again`, null));
    await second.api.flush();
    expect(p.badge.texts.get(TAB)).toBe('2');
  });

  describe("the page's reports", () => {
    const RELAY = { tab: { id: TAB }, frameId: 0, documentId: 'D', origin: PAGE };
    /** One batch as the relay sends it: a call's start and its successful end. */
    const batch = (seq: number, url: string, at: number): RelayBatch => ({
      seq,
      batch: JSON.stringify([
        { kind: 'start', call: seq, ...pageCall({ url, at }), stackText: null },
        {
          kind: 'end',
          call: seq,
          at: at + 10,
          outcome: { kind: 'response', type: 'cors', status: 200, redirected: false, url },
        },
      ]),
    });
    const settled = (port: FakePort) =>
      port.sent.flatMap((m) => ((m as { type?: string }).type === 'settled' ? (m as { seqs: number[] }).seqs : []));

    it('are settled once their call is joined to its stored record; one whose network events went with a stopped worker becomes a recovered exchange after the restart', async () => {
      const p = profile();
      const first = p.instance();
      await first.api.recordAll('test');
      const relay = first.connect(PAGE_PORT_NAME, RELAY);
      deliver(first.webRequest, getEvents(`${API}/seen`, PAGE));
      relay.receive(batch(1, `${API}/seen`, p.now()));
      await expect.poll(() => settled(relay)).toEqual([1]);
      // The worker is behind: this call's network events are still queued for it when it is stopped.
      const queued = batch(2, `${API}/queued-at-the-stop`, p.now() + 100);
      relay.receive(queued);
      await new Promise((r) => setTimeout(r, 100));
      expect(settled(relay)).toEqual([1]);
      p.tick(500);

      // The relay reconnects to the next instance and sends what is unsettled again.
      const second = p.instance();
      const again = second.connect(PAGE_PORT_NAME, RELAY);
      again.receive(queued);
      await expect.poll(() => settled(again)).toEqual([2]);
      const all = await second.api.exchanges({ tabId: TAB });
      expect(all.map((r) => [r.url.slice(API.length), r.id.split(':')[1], r.interruptions?.length ?? 0])).toEqual([
        ['/seen', expect.any(String), 0],
        ['/queued-at-the-stop', 'recovered', 1],
      ]);
    });
  });
});
