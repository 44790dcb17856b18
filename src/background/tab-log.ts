/**
 * Each tab's log, after the engine: which exchanges it holds and in what order, bounded (the
 * oldest go first and are counted), cleared on navigation unless the log is preserved, and the
 * gaps in it (stretches nobody recorded, or when the worker was down). Exchanges the network saw
 * and exchanges only the page reported have separate bounds, so page reports — which a hostile
 * page can forge at will — can never push a network-observed exchange out. The records themselves
 * are not kept here: persistence stores them and readers get them as they pass.
 */
import type { ExchangeRecord } from '../shared/exchange.ts';
import type { CaptureGap } from '../shared/messages.ts';
import type { EvaluatedSink } from './evaluation.ts';

export const DEFAULT_MAX_PER_TAB = 10_000;
/** Page-reported exchanges (calls refused before any request) kept per tab. */
export const DEFAULT_MAX_PAGE_ONLY_PER_TAB = 1_000;

export interface TabLogEvents {
  /** An exchange was added (`isNew`) or changed. */
  put(record: ExchangeRecord, isNew: boolean): void;
  /** Exchanges left the log: merged into another, or evicted as the oldest beyond the bound. */
  removed(tabId: number, ids: string[], why: 'merged' | 'evicted'): void;
  /** Every exchange of the tab left the log. */
  cleared(tabId: number, why: 'user' | 'navigation' | 'tab-closed'): void;
  /** A preserved log saw its tab navigate. */
  navigated(tabId: number, url: string, at: number): void;
  /** The tab's evicted count or gaps changed. */
  state(tabId: number): void;
}

/** Ids in arrival order; removal is lazy (skipped when their turn to be evicted comes). */
class Order {
  private ids: string[] = [];
  private head = 0;
  readonly live = new Set<string>();

  add(id: string): void {
    this.ids.push(id);
    this.live.add(id);
  }

  delete(id: string): boolean {
    return this.live.delete(id);
  }

  /** Puts ids from before a worker restart in front of the ones seen since. */
  prepend(ids: string[]): void {
    const fresh = ids.filter((id) => !this.live.has(id));
    for (const id of fresh) this.live.add(id);
    this.ids = [...fresh, ...this.ids.slice(this.head)];
    this.head = 0;
  }

  /** Removes and returns the `n` oldest ids still present. */
  shift(n: number): string[] {
    const out: string[] = [];
    while (out.length < n && this.head < this.ids.length) {
      const id = this.ids[this.head++]!;
      if (this.live.delete(id)) out.push(id);
    }
    if (this.head > 4096 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  get size(): number {
    return this.live.size;
  }
}

interface Log {
  network: Order;
  pageOnly: Order;
  evicted: number;
  gaps: CaptureGap[];
}

export interface TabLogOptions {
  maxPerTab?: number;
  maxPageOnlyPerTab?: number;
  /** Whether the tab's log survives a navigation (the tab's session, upstream). */
  preserveLog(tabId: number): boolean;
}

const isPageOnly = (r: Pick<ExchangeRecord, 'pageFacts'>) => r.pageFacts?.seen === 'page-only';

export class TabLog implements EvaluatedSink {
  private logs = new Map<number, Log>();
  readonly maxPerTab: number;
  readonly maxPageOnlyPerTab: number;

  constructor(
    private readonly events: TabLogEvents,
    private readonly options: TabLogOptions,
  ) {
    this.maxPerTab = options.maxPerTab ?? DEFAULT_MAX_PER_TAB;
    this.maxPageOnlyPerTab = options.maxPageOnlyPerTab ?? DEFAULT_MAX_PAGE_ONLY_PER_TAB;
  }

  put(record: ExchangeRecord, isNew: boolean): void {
    const log = this.log(record.tabId);
    const order = isPageOnly(record) ? log.pageOnly : log.network;
    const known = order.live.has(record.id);
    // A record evicted while still in flight must not come back when it ends.
    if (!known && !isNew) return;
    if (!known) order.add(record.id);
    this.events.put(record, !known);
    if (!known) this.bound(record.tabId, log, order, order === log.network ? this.maxPerTab : this.maxPageOnlyPerTab);
  }

  remove(tabId: number, id: string): void {
    const log = this.logs.get(tabId);
    if (!log || !(log.network.delete(id) || log.pageOnly.delete(id))) return;
    this.events.removed(tabId, [id], 'merged');
  }

  navigated(tabId: number, url: string, at: number): void {
    if (this.options.preserveLog(tabId)) this.events.navigated(tabId, url, at);
    else this.clear(tabId, 'navigation');
  }

  clear(tabId: number, why: 'user' | 'navigation'): void {
    this.logs.set(tabId, this.empty());
    this.events.cleared(tabId, why);
    this.events.state(tabId);
  }

  /** A closed tab's log goes with it. */
  forgetTab(tabId: number): void {
    if (!this.logs.delete(tabId)) return;
    this.events.cleared(tabId, 'tab-closed');
  }

  /** Nothing was recorded in the tab between `from` and `to` (a gap matters only in a log with entries). */
  gap(tabId: number, gap: CaptureGap): void {
    const log = this.log(tabId);
    if (log.network.size + log.pageOnly.size === 0) return;
    log.gaps.push(gap);
    this.events.state(tabId);
  }

  /** Restores what an earlier worker instance held (ids oldest first, from persistence). */
  restore(
    tabId: number,
    ids: { network: string[]; pageOnly: string[] },
    state: { evicted: number; gaps: CaptureGap[] },
  ): void {
    const log = this.log(tabId);
    log.network.prepend(ids.network);
    log.pageOnly.prepend(ids.pageOnly);
    log.evicted += state.evicted;
    log.gaps = [...state.gaps, ...log.gaps];
    this.bound(tabId, log, log.network, this.maxPerTab);
    this.bound(tabId, log, log.pageOnly, this.maxPageOnlyPerTab);
  }

  state(tabId: number): { evicted: number; gaps: CaptureGap[]; size: number } {
    const log = this.logs.get(tabId);
    return {
      evicted: log?.evicted ?? 0,
      gaps: log?.gaps ?? [],
      size: (log?.network.size ?? 0) + (log?.pageOnly.size ?? 0),
    };
  }

  tabs(): number[] {
    return [...this.logs.keys()];
  }

  private bound(tabId: number, log: Log, order: Order, max: number): void {
    if (order.size <= max) return;
    const gone = order.shift(order.size - max);
    log.evicted += gone.length;
    this.events.removed(tabId, gone, 'evicted');
    this.events.state(tabId);
  }

  private log(tabId: number): Log {
    let log = this.logs.get(tabId);
    if (!log) {
      log = this.empty();
      this.logs.set(tabId, log);
    }
    return log;
  }

  private empty(): Log {
    return { network: new Order(), pageOnly: new Order(), evicted: 0, gaps: [] };
  }
}
