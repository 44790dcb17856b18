/**
 * The last stage before readers: keeps what the tab logs hold in IndexedDB (batched writes, paged
 * reads) and the worker's small state in chrome.storage.session, so a stopped worker loses nothing.
 *
 * A worker can be stopped at any moment, also between an IndexedDB put and its commit (the
 * transaction then aborts). So a record's first and last states also go at once to a write-ahead
 * journal in chrome.storage.session — the call leaves the worker before it returns — and are
 * cleared from there once IndexedDB has committed them. The states in between are batched.
 */
import type { CapturedRecord, ExchangeRecord } from '../shared/exchange.ts';
import type { StorageArea } from '../platform/worker.ts';
import type { ExchangeDb, PageQuery, Row } from './exchange-db.ts';

/** Batching window for IndexedDB writes. */
const FLUSH_MS = 16;
const JOURNAL_PREFIX = 'journal:';

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const ended = (r: CapturedRecord) => r.browserOutcome !== 'pending' || r.endedBy !== null;

/** The stored form of a record: what was observed, plus the markers the startup reads. */
export function toRow(r: ExchangeRecord): Row {
  const { evaluation, ...captured } = r;
  const row: Row = captured;
  if (!ended(r)) row.open = 1;
  if (evaluation.verdict === 'blocked') row.blockedTab = r.tabId;
  return row;
}

export class Persistence {
  private dirty = new Map<string, Row>();
  private deleted = new Set<string>();
  private clearedTabs = new Set<number>();
  private journaled = new Set<string>();
  private stateDirty = false;
  private timer: unknown = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: ExchangeDb,
    private readonly session: StorageArea,
    /** The worker's small state (tab sessions, tab logs), saved with every flush that changed it. */
    private readonly state: () => object,
    private readonly scheduler: Scheduler,
  ) {}

  put(record: ExchangeRecord, isNew: boolean): void {
    const row = toRow(record);
    this.deleted.delete(row.id);
    this.dirty.set(row.id, row);
    if (isNew || ended(row)) {
      this.journaled.add(row.id);
      this.session.set({ [JOURNAL_PREFIX + row.id]: row }).catch(() => {
        // Over the session quota: IndexedDB still gets the row; only the kill-safety is lost.
      });
      this.stateDirty = true;
    }
    this.schedule();
  }

  removed(ids: string[]): void {
    for (const id of ids) {
      this.dirty.delete(id);
      this.deleted.add(id);
    }
    this.schedule();
  }

  cleared(tabId: number): void {
    for (const [id, row] of this.dirty) if (row.tabId === tabId) this.dirty.delete(id);
    this.clearedTabs.add(tabId);
    this.stateChanged();
  }

  /** The small state changed (sessions, tab logs, recording): save it with the next flush. */
  stateChanged(): void {
    this.stateDirty = true;
    this.schedule();
  }

  /** Writes everything pending now; resolves once IndexedDB has committed it. */
  flush(): Promise<void> {
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
    const puts = [...this.dirty.values()];
    const deletes = [...this.deleted];
    const cleared = [...this.clearedTabs];
    const state = this.stateDirty ? this.state() : null;
    this.dirty.clear();
    this.deleted.clear();
    this.clearedTabs.clear();
    this.stateDirty = false;
    const committed = puts.map((p) => p.id).filter((id) => this.journaled.delete(id));
    this.flushing = this.flushing
      .then(() =>
        Promise.all([
          this.db.write(puts, deletes, cleared),
          state ? this.session.set(state as Record<string, unknown>) : undefined,
        ]),
      )
      .then(() => {
        if (committed.length) return this.session.remove(committed.map((id) => JOURNAL_PREFIX + id));
      })
      .catch(() => {
        // The rows stay journaled (when they were) and are written again after a restart.
      });
    return this.flushing;
  }

  private schedule(): void {
    this.timer ??= this.scheduler.setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** A page of stored records, after everything pending was written. */
  async page(q: PageQuery): Promise<CapturedRecord[]> {
    await this.flush();
    return (await this.db.page(q)).map(plain);
  }

  async count(tabId?: number): Promise<number> {
    await this.flush();
    return this.db.count(tabId);
  }
}

/** A stored row without its index markers. */
export function plain(row: Row): CapturedRecord {
  const { open: _open, blockedTab: _blockedTab, ...record } = row;
  return record;
}

/** Journaled records found in a storage.session read (newer than, or missing from, IndexedDB). */
export function journalOf(session: Record<string, unknown>): Row[] {
  return Object.entries(session).flatMap(([key, value]) => (key.startsWith(JOURNAL_PREFIX) ? [value as Row] : []));
}
