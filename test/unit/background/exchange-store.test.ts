/**
 * The per-tab log: bounded with an eviction count, cleared on navigation unless preserve-log,
 * gaps when recording resumes, cached preflights traced to the preflight they reuse, incremental
 * persistence (only changed rows are written), and restore after a worker restart.
 */
import { describe, expect, it } from 'vitest';
import type { CapturedRecord } from '../../../src/background/capture.ts';
import type { ExchangeDb } from '../../../src/background/exchange-db.ts';
import { ExchangeStore, type StoreSnapshot } from '../../../src/background/exchange-store.ts';

const PAGE = 'http://127.0.0.1:7001';

class MemoryDb {
  rows = new Map<string, CapturedRecord>();
  writes: { puts: string[]; deletes: string[] }[] = [];
  async write(puts: CapturedRecord[], deletes: string[]) {
    this.writes.push({ puts: puts.map((p) => p.id), deletes });
    for (const id of deletes) this.rows.delete(id);
    for (const p of puts) this.rows.set(p.id, structuredClone(p));
  }
  async all() {
    return [...this.rows.values()];
  }
}

function record(n: number, over: Partial<CapturedRecord> = {}): CapturedRecord {
  return {
    id: `1:${n}`,
    requestId: String(n),
    seq: n,
    tabId: 1,
    frameId: 0,
    parentFrameId: -1,
    documentId: 'D',
    pageUrl: `${PAGE}/`,
    initiator: PAGE,
    url: `http://localhost:7002/x${n}`,
    urlChain: [`http://localhost:7002/x${n}`],
    method: 'GET',
    type: 'xmlhttprequest',
    startedAt: 1000 + n,
    durationMs: 5,
    requestHeaders: [{ name: 'Origin', value: PAGE }],
    response: {
      status: 200,
      statusLine: null,
      headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }],
      fromCache: false,
      ip: null,
    },
    redirects: [],
    preflight: null,
    preflightCached: false,
    preflightCachedFrom: null,
    browserOutcome: 'completed',
    browserError: null,
    endedBy: null,
    ...over,
  };
}

function harness(max = 100) {
  const db = new MemoryDb();
  const events: string[] = [];
  let snapshot: StoreSnapshot | undefined;
  const store = new ExchangeStore(
    db as unknown as ExchangeDb,
    {
      exchange: (_t, r, isNew) => events.push(`${isNew ? 'added' : 'updated'} ${r.id}`),
      removed: (_t, id) => events.push(`removed ${id}`),
      cleared: (_t, why) => events.push(`cleared ${why}`),
      navigated: (_t, url) => events.push(`navigated ${url}`),
      state: () => {},
    },
    async (s) => {
      snapshot = structuredClone(s);
    },
    max,
  );
  return { db, events, store, snapshot: () => snapshot };
}

describe('ExchangeStore', () => {
  it('evaluates records and evicts the oldest beyond the cap, counting them', async () => {
    const { store, db } = harness(3);
    for (let n = 1; n <= 5; n++) store.upsert(record(n));
    await store.flush();
    expect(store.records(1).map((r) => r.id)).toEqual(['1:3', '1:4', '1:5']);
    expect(store.records(1)[0]!.evaluation.verdict).toBe('allowed');
    expect(store.state(1).evicted).toBe(2);
    expect([...db.rows.keys()].sort()).toEqual(['1:3', '1:4', '1:5']);
  });

  it('writes only what changed', async () => {
    const { store, db } = harness();
    store.upsert(record(1));
    store.upsert(record(2));
    await store.flush();
    db.writes.length = 0;
    store.upsert(record(2, { durationMs: 9 }));
    await store.flush();
    expect(db.writes.flatMap((w) => w.puts)).toEqual(['1:2']);
    expect(db.rows.get('1:2')!).not.toHaveProperty('evaluation');
  });

  it('clears on navigation, or keeps the log with a marker when preserve-log is on', () => {
    const { store, events } = harness();
    store.upsert(record(1));
    store.navigated(1, `${PAGE}/next`, 2000);
    expect(store.records(1)).toEqual([]);
    expect(events).toContain('cleared navigation');
    store.setPreserveLog(1, true);
    store.upsert(record(2));
    store.navigated(1, `${PAGE}/third`, 3000);
    expect(store.records(1).map((r) => r.id)).toEqual(['1:2']);
    expect(events).toContain(`navigated ${PAGE}/third`);
    expect(store.state(1).pageUrl).toBe(`${PAGE}/third`);
  });

  it('records a gap when recording resumes on a kept log', () => {
    const { store } = harness();
    store.setRecording(1, true, 100);
    store.upsert(record(1));
    store.setRecording(1, false, 200);
    store.setRecording(1, true, 300);
    expect(store.state(1).gaps).toEqual([{ from: 200, to: 300, why: 'nobody was recording this tab' }]);
  });

  it('traces a cached preflight to the exchange whose preflight it reused', () => {
    const { store } = harness();
    const put = { method: 'PUT', url: 'http://localhost:7002/p', urlChain: ['http://localhost:7002/p'] };
    store.upsert(
      record(1, {
        ...put,
        preflight: {
          requestId: '9',
          url: put.url,
          method: 'OPTIONS',
          startedAt: 1,
          durationMs: 1,
          status: 204,
          statusLine: null,
          outcome: 'completed',
          error: null,
          redirectedTo: null,
          requestHeaders: [{ name: 'Access-Control-Request-Method', value: 'PUT' }],
          responseHeaders: [
            { name: 'Access-Control-Allow-Origin', value: PAGE },
            { name: 'Access-Control-Allow-Methods', value: 'PUT' },
          ],
        },
      }),
    );
    store.upsert(record(2, put));
    const second = store.records(1)[1]!;
    expect(second.preflightCached).toBe(true);
    expect(second.preflightCachedFrom).toBe('1:1');
  });

  it('restores records and tab state after a worker restart', async () => {
    const first = harness();
    first.store.setPreserveLog(1, true);
    first.store.upsert(record(1));
    first.store.upsert(record(2, { browserOutcome: 'pending', response: null, durationMs: null }));
    await first.store.flush();
    const second = harness();
    second.db.rows = first.db.rows;
    const inFlight = await second.store.restore(first.snapshot());
    expect(second.store.records(1).map((r) => r.id)).toEqual(['1:1', '1:2']);
    expect(inFlight.map((r) => r.id)).toEqual(['1:2']);
    expect(second.store.state(1).preserveLog).toBe(true);
    expect(second.store.nextSeq()).toBe(3);
  });

  it('journals first and last states and recovers them when IndexedDB never committed', async () => {
    const first = harness();
    const journal = new Map<string, CapturedRecord>();
    first.store.journal = {
      write: (r) => journal.set(r.id, structuredClone(r)),
      clear: (ids) => {
        for (const id of ids) journal.delete(id);
      },
      read: async () => [...journal.values()],
    };
    first.store.upsert(record(1, { browserOutcome: 'pending', response: null }));
    expect([...journal.keys()]).toEqual(['1:1']);
    await first.store.flush();
    expect(journal.size).toBe(0);
    first.store.upsert(record(1));
    expect(journal.get('1:1')?.browserOutcome).toBe('completed');
    // The worker dies here: the completed state is in the journal, IndexedDB still says pending.
    const second = harness();
    second.db.rows = new Map([['1:1', record(1, { browserOutcome: 'pending', response: null })]]);
    second.store.journal = { write: () => {}, clear: () => {}, read: async () => [...journal.values()] };
    const inFlight = await second.store.restore(undefined);
    expect(second.store.records(1)[0]!.browserOutcome).toBe('completed');
    expect(inFlight).toEqual([]);
    await second.store.flush();
    expect(second.db.rows.get('1:1')?.browserOutcome).toBe('completed');
  });

  it('drops a record merged into another', () => {
    const { store, events } = harness();
    store.upsert(record(1));
    store.records(1);
    store.remove(record(1));
    expect(store.records(1)).toEqual([]);
    expect(events).toContain('removed 1:1');
  });
});
