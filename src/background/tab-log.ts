/**
 * Each tab's log, after the engine: which exchanges it holds and in what order, bounded (the
 * oldest go first and are counted), cleared on navigation unless the log is preserved, and the
 * gaps in it (stretches nobody recorded, or when the worker was down). Exchanges the network saw
 * and exchanges only the page reported have separate bounds (see Log), so page reports — which a
 * hostile page can forge at will — can never push a network-observed exchange out. The records
 * themselves are not kept here: persistence stores them and readers get them as they pass.
 */
import type { ExchangeRecord } from '../shared/exchange.ts';
import type { CaptureGap } from '../shared/messages.ts';
import type { EvaluatedSink } from './evaluation.ts';
import { sectionOfId, type LogSection } from './exchange-db.ts';

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

/**
 * A tab's log in three sections, each bounded on its own, so the page's word never evicts what
 * the network showed: network-observed exchanges; page-reported ones (calls refused before any
 * request); and calls recovered from the page's report after a worker stop lost their network
 * events (their own budget per stop, join.ts; as many as the network's own, since a soak of 20 000
 * requests recovered over 2 000 per tab and a page cannot time a stop).
 */
interface Log extends Record<LogSection, Order> {
  evicted: number;
  gaps: CaptureGap[];
}

export interface TabLogOptions {
  maxPerTab?: number;
  maxPageOnlyPerTab?: number;
  /** Whether the tab's log survives a navigation (the tab's session, upstream). */
  preserveLog(tabId: number): boolean;
}

const SECTIONS: LogSection[] = ['network', 'pageOnly', 'recovered'];
const size = (log: Log) => SECTIONS.reduce((n, section) => n + log[section].size, 0);

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
    const section = sectionOfId(record.id);
    const order = log[section];
    const known = order.live.has(record.id);
    // A record evicted while still in flight must not come back when it ends.
    if (!known && !isNew) return;
    if (!known) order.add(record.id);
    this.events.put(record, !known);
    if (!known) this.bound(record.tabId, log, section);
  }

  remove(tabId: number, id: string): void {
    const log = this.logs.get(tabId);
    if (!log?.[sectionOfId(id)].delete(id)) return;
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
    if (size(log) === 0) return;
    log.gaps.push(gap);
    this.events.state(tabId);
  }

  /** Restores what an earlier worker instance held (ids oldest first, from persistence). */
  restore(tabId: number, ids: Record<LogSection, string[]>, state: { evicted: number; gaps: CaptureGap[] }): void {
    const log = this.log(tabId);
    for (const section of SECTIONS) log[section].prepend(ids[section]);
    log.evicted += state.evicted;
    log.gaps = [...state.gaps, ...log.gaps];
    for (const section of SECTIONS) this.bound(tabId, log, section);
  }

  state(tabId: number): { evicted: number; gaps: CaptureGap[]; size: number } {
    const log = this.logs.get(tabId);
    return {
      evicted: log?.evicted ?? 0,
      gaps: log?.gaps ?? [],
      size: log ? size(log) : 0,
    };
  }

  tabs(): number[] {
    return [...this.logs.keys()];
  }

  private bound(tabId: number, log: Log, section: LogSection): void {
    const order = log[section];
    const max = section === 'pageOnly' ? this.maxPageOnlyPerTab : this.maxPerTab;
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
    return { network: new Order(), pageOnly: new Order(), recovered: new Order(), evicted: 0, gaps: [] };
  }
}
