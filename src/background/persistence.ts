/**
 * The last stage before readers: keeps what the tab logs hold in IndexedDB (batched writes, paged
 * reads) and the worker's small state in chrome.storage.session, so a stopped worker loses nothing.
 *
 * A worker can be stopped at any moment, also between an IndexedDB put and its commit (the
 * transaction then aborts). So each flush first sends the records' first and last states to a
 * write-ahead journal in chrome.storage.session — the call leaves the worker before it returns —
 * and clears that entry once IndexedDB has committed the flush. Removals go in the same entry: a
 * record merged into another (an orphaned preflight folded into its request) whose delete was cut
 * short would otherwise come back from IndexedDB as a request still in flight, and be ended as a
 * second, unfinished exchange beside the real one. One entry per flush, holding it as one JSON string: chrome.storage converts every value it is given into the browser's own
 * value tree, and one call per state with the rows as objects kept the worker 1.6 s of every 13 s
 * busy at ~200 states a second (docs/architecture.md, "The service worker's lifetime").
 */
import type { CapturedRecord, ExchangeRecord } from '../shared/exchange.ts';
import type { StorageArea } from '../platform/worker.ts';
import type { ExchangeDb, PageQuery, Row } from './exchange-db.ts';

/** Batching window for IndexedDB writes. */
const FLUSH_MS = 16;
const JOURNAL_PREFIX = 'journal:';
/** Journal keys sort in write order: this instance's start, then its flush count (zero-padded). */
const journalKey = (instance: number, flush: number) =>
  `${JOURNAL_PREFIX}${String(instance).padStart(15, '0')}:${String(flush).padStart(9, '0')}`;

export interface Scheduler {
  now(): number;
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
  /** Ids to journal with the next flush (their first or last state is in `dirty`). */
  private toJournal = new Set<string>();
  private flushes = 0;
  private readonly instance: number;
  private stateDirty = false;
  private timer: unknown = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: ExchangeDb,
    private readonly session: StorageArea,
    /** The worker's small state (tab sessions, tab logs), saved with every flush that changed it. */
    private readonly state: () => object,
    private readonly scheduler: Scheduler,
  ) {
    this.instance = scheduler.now();
  }

  put(record: ExchangeRecord, isNew: boolean): void {
    const row = toRow(record);
    this.deleted.delete(row.id);
    this.dirty.set(row.id, row);
    if (isNew || ended(row)) {
      this.toJournal.add(row.id);
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
    const journaled: JournalEntry = { rows: puts.filter((row) => this.toJournal.has(row.id)), deleted: deletes };
    const key = journaled.rows.length > 0 || deletes.length > 0 ? journalKey(this.instance, ++this.flushes) : null;
    if (key)
      this.session.set({ [key]: JSON.stringify(journaled) }).catch(() => {
        // Over the session quota: IndexedDB still gets the rows; only the kill-safety is lost.
      });
    this.dirty.clear();
    this.deleted.clear();
    this.clearedTabs.clear();
    this.toJournal.clear();
    this.stateDirty = false;
    this.flushing = this.flushing
      .then(() =>
        Promise.all([
          this.db.write(puts, deletes, cleared),
          state ? this.session.set(state as Record<string, unknown>) : undefined,
        ]),
      )
      .then(() => {
        if (key) return this.session.remove([key]);
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

/** One flush's journal entry: the first and last states it wrote, and the ids it deleted. */
interface JournalEntry {
  rows: Row[];
  deleted: string[];
}

/**
 * The journal an earlier instance left in storage.session: its keys, the rows in the order they
 * were written (a later state of a record after an earlier one), and the ids deleted after their
 * last state. Those rows are newer than, or missing from, IndexedDB, and those ids may still be
 * there. An entry that does not parse is skipped (it only ever held copies).
 */
export function journalOf(session: Record<string, unknown>): { keys: string[]; rows: Row[]; deleted: string[] } {
  const keys = Object.keys(session)
    .filter((k) => k.startsWith(JOURNAL_PREFIX))
    .sort();
  const rows: Row[] = [];
  const deleted = new Set<string>();
  for (const key of keys) {
    const entry = entryOf(session[key]);
    for (const row of entry.rows) {
      deleted.delete(row.id);
      rows.push(row);
    }
    for (const id of entry.deleted) deleted.add(id);
  }
  return { keys, rows: rows.filter((r) => !deleted.has(r.id)), deleted: [...deleted] };
}

function entryOf(value: unknown): JournalEntry {
  try {
    const parsed = JSON.parse(String(value)) as Partial<JournalEntry> | null;
    return {
      rows: Array.isArray(parsed?.rows) ? parsed.rows : [],
      deleted: Array.isArray(parsed?.deleted) ? parsed.deleted.map(String) : [],
    };
  } catch {
    return { rows: [], deleted: [] };
  }
}
