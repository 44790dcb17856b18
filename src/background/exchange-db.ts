/**
 * IndexedDB storage of captured exchanges: one row per exchange, written in batches (a whole-log
 * rewrite measured 2–3.7× page time), read a page at a time. IndexedDB rather than
 * chrome.storage.session because 10 000 exchanges per tab with full header sets do not fit the
 * latter's 10 MB quota. Rows hold what was observed, never the evaluation (recomputed wherever a
 * record is shown), plus two small markers the worker's startup reads through indexes: which rows
 * had not ended, and which were blocked (the badge).
 */
import type { CapturedRecord } from '../shared/exchange.ts';

const DB_NAME = 'cors-inspector';
const VERSION = 2;
const STORE = 'exchanges';

/** A stored row: the record plus index markers (absent when false, so sparse indexes stay small). */
export type Row = CapturedRecord & { open?: 1; blockedTab?: number };

/** A page of rows in observation order, after `afterSeq`. */
export interface PageQuery {
  tabId?: number;
  afterSeq?: number;
  limit: number;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

/** The tab an id belongs to: ids are `${tabId}:${requestId}`. */
export const tabOfId = (id: string) => Number(id.slice(0, id.indexOf(':')));
/**
 * Which part of a tab log an exchange belongs to (tab-log.ts), from its id: page-reported
 * exchanges have ids `${tabId}:page:…`, and those recovered from the page's report after a worker
 * stop `${tabId}:recovered:…` (join-synthetic.ts).
 */
export type LogSection = 'network' | 'pageOnly' | 'recovered';
export const sectionOfId = (id: string): LogSection =>
  id.includes(':recovered:') ? 'recovered' : id.includes(':page:') ? 'pageOnly' : 'network';

const tabRange = (tabId: number, afterSeq = Number.NEGATIVE_INFINITY) =>
  IDBKeyRange.bound([tabId, afterSeq], [tabId, Number.POSITIVE_INFINITY], true, false);

export class ExchangeDb {
  private db: Promise<IDBDatabase>;

  constructor(private readonly idb: IDBFactory = indexedDB) {
    const open = this.idb.open(DB_NAME, VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      // Version 1 held the same rows without markers, from an earlier browser session: start over.
      if (db.objectStoreNames.contains(STORE)) db.deleteObjectStore(STORE);
      const store = db.createObjectStore(STORE, { keyPath: 'id' });
      store.createIndex('tab-seq', ['tabId', 'seq']);
      store.createIndex('seq', 'seq');
      store.createIndex('open', 'open');
      store.createIndex('blocked', 'blockedTab');
    };
    this.db = request(open);
  }

  /** One transaction: tabs cleared first, then deletions, then puts. */
  async write(puts: Row[], deletes: string[], clearedTabs: number[] = []): Promise<void> {
    if (puts.length === 0 && deletes.length === 0 && clearedTabs.length === 0) return;
    const tx = (await this.db).transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    for (const tabId of clearedTabs) {
      const cursor = store.index('tab-seq').openKeyCursor(tabRange(tabId));
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return;
        store.delete(c.primaryKey);
        c.continue();
      };
    }
    for (const id of deletes) store.delete(id);
    for (const r of puts) store.put(r);
    await done(tx);
  }

  /** Rows in observation order (one tab, or all). */
  async page(q: PageQuery): Promise<Row[]> {
    const store = (await this.db).transaction(STORE, 'readonly').objectStore(STORE);
    if (q.tabId !== undefined)
      return request(store.index('tab-seq').getAll(tabRange(q.tabId, q.afterSeq), q.limit) as IDBRequest<Row[]>);
    const range = q.afterSeq === undefined ? undefined : IDBKeyRange.lowerBound(q.afterSeq, true);
    return request(store.index('seq').getAll(range, q.limit) as IDBRequest<Row[]>);
  }

  /** How many rows a tab holds (or all tabs). */
  async count(tabId?: number): Promise<number> {
    const store = (await this.db).transaction(STORE, 'readonly').objectStore(STORE);
    return request(tabId === undefined ? store.count() : store.index('tab-seq').count(tabRange(tabId)));
  }

  /**
   * The rows among the `limit` highest sequence numbers, oldest first. One getAll over a key range,
   * not a cursor: a cursor takes one task per row, and a restarted worker busy with a page's events
   * took ~1 s for 2 000 rows that way (the page's reports wait for this read: startup.ts).
   */
  async latest(limit: number): Promise<Row[]> {
    const top = await this.maxSeq();
    const store = (await this.db).transaction(STORE, 'readonly').objectStore(STORE);
    return request(store.index('seq').getAll(IDBKeyRange.lowerBound(top - limit + 1)) as IDBRequest<Row[]>);
  }

  /** Rows whose end had not been seen when they were written. */
  async openRows(): Promise<Row[]> {
    const store = (await this.db).transaction(STORE, 'readonly').objectStore(STORE);
    return request(store.index('open').getAll() as IDBRequest<Row[]>);
  }

  /** Every stored id, oldest first per tab: what the tab logs held. */
  async idsInOrder(): Promise<string[]> {
    const store = (await this.db).transaction(STORE, 'readonly').objectStore(STORE);
    return request(store.index('tab-seq').getAllKeys() as IDBRequest<string[]>);
  }

  /** Ids of blocked exchanges (the badge counts them per tab). */
  async blockedIds(): Promise<string[]> {
    const store = (await this.db).transaction(STORE, 'readonly').objectStore(STORE);
    return request(store.index('blocked').getAllKeys() as IDBRequest<string[]>);
  }

  /** The highest sequence number stored (0 when empty). */
  async maxSeq(): Promise<number> {
    const store = (await this.db).transaction(STORE, 'readonly').objectStore(STORE);
    const cursor = await request(store.index('seq').openKeyCursor(null, 'prev'));
    return typeof cursor?.key === 'number' ? cursor.key : 0;
  }

  async clearAll(): Promise<void> {
    const tx = (await this.db).transaction(STORE, 'readwrite');
    tx.objectStore(STORE).clear();
    await done(tx);
  }
}
