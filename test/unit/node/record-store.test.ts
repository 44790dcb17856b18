/** The CDP source's per-tab log in Node: bounded like the extension's, a request's later state replacing its earlier one. */
import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../../src/node/cdp/record-store.ts';
import { newRecord, type CapturedRecord } from '../../../src/shared/exchange.ts';

const record = (tabId: number, n: number, rest: Partial<CapturedRecord> = {}) =>
  newRecord(
    {
      id: `${tabId}:${n}`,
      requestId: String(n),
      seq: n,
      tabId,
      frameId: 0,
      parentFrameId: -1,
      documentId: null,
      pageUrl: 'http://127.0.0.1:1/',
      initiator: 'http://127.0.0.1:1',
      url: `http://localhost:2/${n}`,
      method: 'GET',
      type: 'xmlhttprequest',
      startedAt: 1000 + n,
    },
    { source: 'cdp', ...rest },
  );

describe('RecordStore', () => {
  it('keeps at most maxPerTab records per tab, dropping and counting the oldest', () => {
    const store = new RecordStore(3);
    for (let n = 1; n <= 5; n++) store.put(record(1, n));
    store.put(record(2, 9));
    expect([...store.read(1)].map((r) => r.seq)).toEqual([3, 4, 5]);
    expect(store.state(1)).toEqual({ evicted: 2, gaps: [] });
    expect([...store.read(2)].map((r) => r.seq)).toEqual([9]);
    expect(store.state(2).evicted).toBe(0);
  });

  it("replaces a request's earlier state in place, without evicting", () => {
    const store = new RecordStore(2);
    store.put(record(1, 1));
    store.put(record(1, 2));
    store.put(record(1, 1, { browserOutcome: 'completed' }));
    expect([...store.read(1)].map((r) => [r.seq, r.browserOutcome])).toEqual([
      [1, 'completed'],
      [2, 'pending'],
    ]);
    expect(store.state(1).evicted).toBe(0);
  });

  it('gives back what was put, and gaps until they are closed', () => {
    const store = new RecordStore();
    const r = record(1, 1, { requestHeaders: [{ name: 'Origin', value: 'http://127.0.0.1:1' }] });
    store.put(r);
    expect([...store.read(1)]).toEqual([r]);
    store.gap(1, { from: 5, to: null, why: 'the page crashed' });
    store.closeGaps(1, 9);
    expect(store.state(1).gaps).toEqual([{ from: 5, to: 9, why: 'the page crashed' }]);
  });
});
