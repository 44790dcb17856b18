/**
 * Persistence and restart, on IndexedDB (fake-indexeddb) and a storage.session stand-in: only
 * changed rows are written, first and last states are journaled (one call per flush) until
 * IndexedDB commits them,
 * and a new worker instance gets back the logs' order, the badge and the requests in flight —
 * including a state whose IndexedDB write was cut short (only the journal has it).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ExchangeDb } from '../../../src/background/exchange-db.ts';
import { journalOf, Persistence } from '../../../src/background/persistence.ts';
import { FakeStorage, ManualTimers } from '../../support/fake-platform.ts';
import { blockedOver, judged } from '../../support/records.ts';

function harness() {
  const db = new ExchangeDb(new IDBFactory());
  const session = new FakeStorage();
  const timers = new ManualTimers();
  const persistence = new Persistence(db, session, () => ({ aliveAt: 42 }), timers);
  const journal = () => [...session.data.keys()].filter((k) => k.startsWith('journal:')).sort();
  return { db, session, persistence, journal };
}

describe('Persistence', () => {
  it('journals first and last states with each flush, in one entry, and clears it once IndexedDB has them', async () => {
    const { persistence, journal, db, session } = harness();
    const journaledIds = () => journalOf(Object.fromEntries(session.data)).rows.map((r) => r.id);
    persistence.put(judged(1, { browserOutcome: 'pending', response: null }), true);
    persistence.put(judged(2, { browserOutcome: 'pending', response: null }), true);
    expect(journal()).toEqual([]);
    const before = session.setCalls;
    const flushed = persistence.flush();
    // Sent before IndexedDB is even asked: a stop mid-commit leaves the journal's copy.
    expect(journaledIds()).toEqual(['1:1', '1:2']);
    expect(journal()).toHaveLength(1);
    expect(session.setCalls - before).toBe(1);
    await flushed;
    expect(journal()).toEqual([]);
    persistence.put(judged(1, { browserOutcome: 'pending' }), false);
    const between = persistence.flush();
    expect(journal()).toEqual([]);
    await between;
    persistence.put(judged(1), false);
    const last = persistence.flush();
    expect(journaledIds()).toEqual(['1:1']);
    await last;
    expect(journal()).toEqual([]);
    expect((await db.page({ limit: 10 }))[0]).toMatchObject({ id: '1:1', browserOutcome: 'completed' });
  });

  it('reads a journal back in write order, skipping an entry that does not parse', () => {
    const entry = (rows: object[], deleted: string[] = []) => JSON.stringify({ rows, deleted });
    const session = {
      'journal:000000000000002:000000001': entry([judged(1)]),
      'journal:000000000000001:000000002': entry([judged(1, { browserOutcome: 'pending' })]),
      'journal:000000000000001:000000001': '{not json',
      aliveAt: 5,
    };
    const { keys, rows } = journalOf(session);
    expect(keys).toHaveLength(3);
    expect(rows.map((r) => r.browserOutcome)).toEqual(['pending', 'completed']);
  });

  it('journals deletes with the flush, so a delete cut short is done again after a restart', async () => {
    const { persistence, session, db } = harness();
    persistence.put(judged(1, { browserOutcome: 'pending', response: null }), true);
    persistence.put(judged(2), true);
    await persistence.flush();
    db.write = () => new Promise(() => {});
    persistence.removed(['1:1']);
    void persistence.flush();
    const { rows, deleted } = journalOf(Object.fromEntries(session.data));
    expect(rows).toEqual([]);
    expect(deleted).toEqual(['1:1']);
  });

  it('keeps a row written again after its delete, and drops one deleted after its last state', () => {
    const entry = (rows: object[], deleted: string[] = []) => JSON.stringify({ rows, deleted });
    const { rows, deleted } = journalOf({
      'journal:000000000000001:000000001': entry([judged(1), judged(2)]),
      'journal:000000000000001:000000002': entry([], ['1:1', '1:2']),
      'journal:000000000000001:000000003': entry([judged(2)]),
    });
    expect(rows.map((r) => r.id)).toEqual(['1:2', '1:2']);
    expect(deleted).toEqual(['1:1']);
  });

  it('stores what was observed, never the evaluation, with the markers the startup reads', async () => {
    const { persistence, db } = harness();
    persistence.put(judged(1, { browserOutcome: 'pending', response: null }), true);
    persistence.put(judged(2, blockedOver), true);
    await persistence.flush();
    const rows = await db.page({ limit: 10 });
    expect(rows[0]).not.toHaveProperty('evaluation');
    expect(await db.openRows()).toHaveLength(1);
    expect(await db.blockedIds()).toEqual(['1:2']);
    expect(await db.maxSeq()).toBe(2);
  });

  it('pages in observation order, per tab or across tabs', async () => {
    const { persistence } = harness();
    for (let n = 1; n <= 7; n++) persistence.put(judged(n, { tabId: n % 2 ? 1 : 2 }), true);
    const first = await persistence.page({ limit: 3 });
    const next = await persistence.page({ afterSeq: first.at(-1)!.seq, limit: 3 });
    expect([...first, ...next].map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await persistence.page({ tabId: 2, limit: 10 })).map((r) => r.seq)).toEqual([2, 4, 6]);
    expect(await persistence.count(1)).toBe(4);
  });

  it('deletes removed rows and a cleared tab, and saves the small state with a flush that changed it', async () => {
    const { persistence, session } = harness();
    for (let n = 1; n <= 4; n++) persistence.put(judged(n, { tabId: n < 3 ? 1 : 2 }), true);
    await persistence.flush();
    persistence.removed(['2:3']);
    persistence.cleared(1);
    await persistence.flush();
    expect((await persistence.page({ limit: 10 })).map((r) => r.id)).toEqual(['2:4']);
    expect(session.data.get('aliveAt')).toBe(42);
  });
});
