/**
 * The per-tab exchange log: evaluates each captured record with the engine, keeps it in memory,
 * bounds it (oldest evicted first, counted), persists changes incrementally, and tells readers.
 */
import { evaluate } from '../cors/index.ts';
import { inFlight, toObserved, type ExchangeRecord } from '../shared/exchange.ts';
import type { TabState } from '../shared/messages.ts';
import type { CapturedRecord } from './capture.ts';
import type { ExchangeDb } from './exchange-db.ts';

export const DEFAULT_MAX_PER_TAB = 10_000;
/** Batching window for evaluation, notification and persistence. */
const FLUSH_MS = 16;

export interface StoreEvents {
  exchange(tabId: number, record: ExchangeRecord, isNew: boolean): void;
  removed(tabId: number, id: string): void;
  cleared(tabId: number, why: 'user' | 'navigation'): void;
  navigated(tabId: number, url: string, at: number): void;
  state(state: TabState): void;
}

interface TabLog {
  state: TabState;
  records: Map<string, ExchangeRecord>;
}

/** Facts about a record that come from outside the capture, kept across the capture's updates. */
export type RecordAnnotations = Pick<ExchangeRecord, 'pageFacts' | 'chromium'>;

/** Persisted across worker restarts in chrome.storage.session (small; cleared with the browser session). */
export interface StoreSnapshot {
  seq: number;
  tabs: TabState[];
}

export interface Journal {
  write(record: CapturedRecord): void;
  clear(ids: string[]): void;
  read(): Promise<CapturedRecord[]>;
}

export function evaluated(c: CapturedRecord): ExchangeRecord {
  return { ...c, evaluation: evaluate(toObserved(c)) };
}

export class ExchangeStore {
  private tabs = new Map<number, TabLog>();
  private seq = 0;
  private pending = new Map<string, CapturedRecord>();
  private dirty = new Map<string, CapturedRecord>();
  private deleted = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** `${initiator}|${url}|${method}` → the exchange whose preflight the cache may be reusing. */
  private lastPreflight = new Map<string, string>();
  private pausedAt = new Map<number, number>();
  private annotations = new Map<string, RecordAnnotations>();
  /** Test hook ("Verify with Chrome" must flag a wrong answer): may replace the engine's evaluation of a record. */
  evaluationOverride: ((record: ExchangeRecord) => ExchangeRecord['evaluation'] | null) | null = null;

  constructor(
    private db: ExchangeDb,
    private events: StoreEvents,
    private saveSnapshot: (s: StoreSnapshot) => Promise<void>,
    public maxPerTab = DEFAULT_MAX_PER_TAB,
  ) {}

  /** Record-all sessions (CLI, Node API) keep every page's exchanges across navigations. */
  preserveLogByDefault = false;

  /**
   * Write-ahead copies of records' first and last states, cleared once IndexedDB has committed
   * them. A worker can be killed between an IndexedDB put and its commit (the transaction then
   * aborts); a journal write leaves the worker in the call that makes it.
   */
  journal: Journal | null = null;
  private journaled = new Set<string>();

  /** Loads what an earlier worker instance stored. Returns records that were still in flight. */
  async restore(snapshot: StoreSnapshot | undefined): Promise<CapturedRecord[]> {
    this.seq = snapshot?.seq ?? 0;
    for (const state of snapshot?.tabs ?? []) this.tabs.set(state.tabId, { state, records: new Map() });
    const stored = new Map((await this.db.all()).map((r) => [r.id, r]));
    // A journaled state is newer than the stored one, or the only one (its IndexedDB write aborted).
    for (const j of (await this.journal?.read()) ?? []) {
      const s = stored.get(j.id);
      if (!s || s.browserOutcome === 'pending') {
        stored.set(j.id, j);
        this.dirty.set(j.id, j);
      }
    }
    const rows = [...stored.values()].sort((a, b) => a.seq - b.seq);
    for (const row of rows) {
      if (row.pageFacts || row.chromium)
        this.annotations.set(row.id, { pageFacts: row.pageFacts, chromium: row.chromium });
      this.log(row.tabId).records.set(row.id, evaluated(row));
      this.seq = Math.max(this.seq, row.seq);
      this.rememberPreflight(row);
    }
    return rows.filter(inFlight);
  }

  nextSeq(): number {
    return ++this.seq;
  }

  state(tabId: number): TabState {
    return this.log(tabId).state;
  }

  pageUrl(tabId: number): string {
    return this.log(tabId).state.pageUrl;
  }

  knownTabs(): number[] {
    return [...this.tabs.keys()];
  }

  records(tabId?: number): ExchangeRecord[] {
    this.settle();
    const logs = tabId === undefined ? [...this.tabs.values()] : this.tabs.has(tabId) ? [this.tabs.get(tabId)!] : [];
    return logs.flatMap((l) => [...l.records.values()]).sort((a, b) => a.seq - b.seq);
  }

  /**
   * Takes a new or changed record. Evaluation, persistence and notification are batched: a request
   * changes several times within milliseconds (sent, headers, completed) and only its latest state
   * needs the engine.
   */
  upsert(c: CapturedRecord): void {
    const isNew = !this.pending.has(c.id) && !this.tabs.get(c.tabId)?.records.has(c.id);
    this.pending.set(c.id, structuredClone(c));
    // A worker can be stopped at any moment: a record's first and last states are written at once,
    // the changes in between are batched.
    if (isNew || c.browserOutcome !== 'pending' || c.endedBy !== null) {
      this.journal?.write(c);
      this.journaled.add(c.id);
      void this.flush();
    } else {
      this.scheduleFlush();
    }
  }

  /**
   * Adds facts from the page-side observer or from Chromium to a record the store holds; the
   * record is evaluated again with them. Facts for a record the store does not hold are dropped.
   */
  annotate(tabId: number, id: string, patch: RecordAnnotations): void {
    const known = this.pending.get(id) ?? this.tabs.get(tabId)?.records.get(id);
    if (!known) return;
    this.annotations.set(id, { ...this.annotations.get(id), ...patch });
    if (this.pending.has(id)) return;
    const { evaluation: _evaluation, ...captured } = known as ExchangeRecord;
    this.pending.set(id, captured);
    this.scheduleFlush();
  }

  remove(c: CapturedRecord): void {
    this.pending.delete(c.id);
    const log = this.tabs.get(c.tabId);
    if (!log?.records.delete(c.id)) return;
    this.markDeleted(c.id);
    this.events.removed(c.tabId, c.id);
  }

  /** Evaluates and publishes every pending record now. */
  settle(): void {
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const c of batch) this.apply(c);
  }

  navigated(tabId: number, url: string, at: number): void {
    this.settle();
    const log = this.log(tabId);
    log.state.pageUrl = url;
    if (log.state.preserveLog) {
      this.events.navigated(tabId, url, at);
      this.changedState(log);
    } else {
      this.clear(tabId, 'navigation');
    }
  }

  clear(tabId: number, why: 'user' | 'navigation'): void {
    this.settle();
    const log = this.log(tabId);
    for (const id of log.records.keys()) this.markDeleted(id);
    log.records.clear();
    log.state.evicted = 0;
    log.state.gaps = [];
    this.events.cleared(tabId, why);
    this.changedState(log);
  }

  setPreserveLog(tabId: number, value: boolean): void {
    const log = this.log(tabId);
    log.state.preserveLog = value;
    this.changedState(log);
  }

  /**
   * Recording of a tab started or stopped. A kept log that resumes after a pause gets a gap, so
   * readers never mistake "not recorded" for "nothing happened".
   */
  setRecording(tabId: number, recording: boolean, at: number): void {
    const log = this.log(tabId);
    if (log.state.recording === recording) return;
    log.state.recording = recording;
    if (!recording) this.pausedAt.set(tabId, at);
    else {
      const paused = this.pausedAt.get(tabId);
      this.pausedAt.delete(tabId);
      if (paused !== undefined && log.records.size > 0)
        log.state.gaps.push({ from: paused, to: at, why: 'nobody was recording this tab' });
      log.state.recordingSince = at;
    }
    this.changedState(log);
  }

  forgetTab(tabId: number): void {
    this.settle();
    const log = this.tabs.get(tabId);
    if (!log) return;
    for (const id of log.records.keys()) this.markDeleted(id);
    this.tabs.delete(tabId);
    this.scheduleFlush();
  }

  /** Evaluates, notifies and writes everything pending now. */
  flush(): Promise<void> {
    this.settle();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const puts = [...this.dirty.values()];
    const deletes = [...this.deleted];
    this.dirty.clear();
    this.deleted.clear();
    const snapshot: StoreSnapshot = { seq: this.seq, tabs: [...this.tabs.values()].map((l) => l.state) };
    const committed = puts.map((p) => p.id).filter((id) => this.journaled.delete(id));
    this.flushing = this.flushing
      .then(() => Promise.all([this.db.write(puts, deletes), this.saveSnapshot(snapshot)]))
      .then(() => {
        if (committed.length) this.journal?.clear(committed);
      });
    return this.flushing;
  }

  private apply(c: CapturedRecord): void {
    const log = this.log(c.tabId);
    const isNew = !log.records.has(c.id);
    const record = evaluated({ ...c, ...this.annotations.get(c.id) });
    const override = this.evaluationOverride?.(record);
    if (override) record.evaluation = override;
    if (record.evaluation.preflight.cached && !record.preflightCached) {
      record.preflightCached = true;
      record.preflightCachedFrom = this.lastPreflight.get(preflightKey(record)) ?? null;
    }
    this.rememberPreflight(record);
    log.records.set(record.id, record);
    this.markDirty(record);
    this.events.exchange(c.tabId, record, isNew);
    if (isNew && log.records.size > this.maxPerTab) this.evictOldest(log);
  }

  private log(tabId: number): TabLog {
    let log = this.tabs.get(tabId);
    if (!log) {
      log = {
        state: {
          tabId,
          recording: false,
          recordingSince: null,
          preserveLog: this.preserveLogByDefault,
          evicted: 0,
          gaps: [],
          pageUrl: '',
        },
        records: new Map(),
      };
      this.tabs.set(tabId, log);
    }
    return log;
  }

  private evictOldest(log: TabLog): void {
    // Map iteration is insertion order, which is observation order for new records.
    const excess = log.records.size - this.maxPerTab;
    let n = 0;
    for (const id of log.records.keys()) {
      if (n++ >= excess) break;
      log.records.delete(id);
      this.markDeleted(id);
    }
    log.state.evicted += excess;
    this.changedState(log);
  }

  private rememberPreflight(r: CapturedRecord): void {
    if (r.preflight?.outcome === 'completed') this.lastPreflight.set(preflightKey(r), r.id);
  }

  private changedState(log: TabLog): void {
    this.events.state(log.state);
    this.scheduleFlush();
  }

  private markDirty(r: ExchangeRecord): void {
    const { evaluation: _evaluation, ...captured } = r;
    this.deleted.delete(r.id);
    this.dirty.set(r.id, captured);
    this.scheduleFlush();
  }

  private markDeleted(id: string): void {
    this.annotations.delete(id);
    this.dirty.delete(id);
    this.deleted.add(id);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }
}

/** Chromium's preflight cache is keyed by origin and URL (and credentials), not by tab. */
function preflightKey(r: Pick<CapturedRecord, 'initiator' | 'url' | 'method'>): string {
  return `${r.initiator}|${r.url}|${r.method}`;
}
