/**
 * The CDP source's log, in the Node process: per tab, the settled records, newest replacing an
 * earlier state of the same request, at most `maxPerTab` of them (the oldest go first and are
 * counted, as the extension's tab log does). Records are kept as JSON text, without their
 * evaluation — a third or less of the memory of the live objects — and judged when read.
 */
import type { CapturedRecord } from '../../shared/exchange.ts';
import type { CaptureGap } from '../../shared/messages.ts';

/** The extension's per-tab bound (background/tab-log.ts): 10 tabs at the cap make a 100 000-exchange report. */
export const MAX_RECORDS_PER_TAB = 10_000;

interface Stored {
  seq: number;
  text: string;
}

interface TabLog {
  records: Map<string, Stored>;
  evicted: number;
  gaps: CaptureGap[];
}

export class RecordStore {
  private tabs = new Map<number, TabLog>();

  constructor(private readonly maxPerTab = MAX_RECORDS_PER_TAB) {}

  put(record: CapturedRecord): void {
    const log = this.tab(record.tabId);
    log.records.set(record.id, { seq: record.seq, text: JSON.stringify(record) });
    if (log.records.size <= this.maxPerTab) return;
    log.records.delete(log.records.keys().next().value!);
    log.evicted++;
  }

  gap(tabId: number, gap: CaptureGap): void {
    this.tab(tabId).gaps.push(gap);
  }

  /** Ends the tab's open gaps (recording resumed). */
  closeGaps(tabId: number, at: number): void {
    for (const g of this.tab(tabId).gaps) if (g.to === null) g.to = at;
  }

  tabIds(): number[] {
    return [...this.tabs.keys()];
  }

  /** The tab's records in the order they settled (parse on read: callers judge and drop them as they go). */
  *read(tabId: number): Generator<CapturedRecord> {
    for (const { text } of this.tabs.get(tabId)?.records.values() ?? []) yield JSON.parse(text) as CapturedRecord;
  }

  /** Each record's id and sequence number, to read them in another order one at a time. */
  index(tabId: number): { id: string; seq: number }[] {
    return [...(this.tabs.get(tabId)?.records ?? [])].map(([id, { seq }]) => ({ id, seq }));
  }

  /** One record, or null once evicted. */
  get(tabId: number, id: string): CapturedRecord | null {
    const stored = this.tabs.get(tabId)?.records.get(id);
    return stored ? (JSON.parse(stored.text) as CapturedRecord) : null;
  }

  size(tabId: number): number {
    return this.tabs.get(tabId)?.records.size ?? 0;
  }

  state(tabId: number): { evicted: number; gaps: CaptureGap[] } {
    const log = this.tabs.get(tabId);
    return { evicted: log?.evicted ?? 0, gaps: log ? log.gaps.map((g) => ({ ...g })) : [] };
  }

  private tab(tabId: number): TabLog {
    let log = this.tabs.get(tabId);
    if (!log) {
      log = { records: new Map(), evicted: 0, gaps: [] };
      this.tabs.set(tabId, log);
    }
    return log;
  }
}
