/**
 * Where the sources meet: the capture's record (what the network showed) plus what came from the
 * side — the page's facts about the call (join.ts) and Chromium's own answer (verify-with-chrome.ts).
 * Those arrive on their own schedule, sometimes after the request ended, so the latest captured
 * state of each recent record is kept here and the merged record is passed on whenever either part
 * changes. Records stop being recent once they have ended and nothing has touched them for as long
 * as the join waits for a page's report; later facts are dropped (the join has forgotten the call by
 * then too).
 */
import type { BrowserProfile } from '../cors/types.ts';
import type { CapturedRecord, ExchangeRecord } from '../shared/exchange.ts';
import { JOIN_LIMITS } from './join.ts';

/** Facts about a record that come from outside the capture. */
export type Annotations = Pick<ExchangeRecord, 'pageFacts' | 'chromium'>;

export type PipelineChange =
  | { kind: 'upsert'; record: CapturedRecord; isNew: boolean }
  | { kind: 'remove'; tabId: number; id: string }
  | { kind: 'navigated'; tabId: number; url: string; at: number };

export interface Stage {
  push(change: PipelineChange): void;
}

interface Entry {
  captured: CapturedRecord;
  annotations: Annotations;
  touchedAt: number;
}

export const ASSEMBLY_LIMITS = {
  /** How long an ended record stays open to late facts. */
  keepMs: JOIN_LIMITS.waitMs,
  /** Recent records kept at most (the oldest ended ones go first). */
  maxEntries: 20_000,
} as const;

const ended = (r: CapturedRecord) => r.browserOutcome !== 'pending' || r.endedBy !== null;

export class Assembly {
  private entries = new Map<string, Entry>();
  private lastSweep = 0;

  constructor(
    private readonly next: Stage,
    private readonly now: () => number,
    /** The browser every source's records come from; Firefox's say so, for Firefox's rules to judge them. */
    private readonly browser: BrowserProfile = 'chromium',
  ) {}

  /**
   * A source's record was created or changed. `restored` records come from an earlier worker
   * instance: readers already know them.
   */
  upsert(captured: CapturedRecord, restored = false): void {
    const entry = this.entries.get(captured.id);
    // Annotations a restored record carries were merged before it was stored.
    const annotations = entry?.annotations ?? { pageFacts: captured.pageFacts, chromium: captured.chromium };
    this.entries.set(captured.id, { captured, annotations, touchedAt: this.now() });
    this.emit(captured.id, !entry && !restored);
    this.sweep();
  }

  /** Adds facts from the page or from Chromium to a record, if it is still recent. */
  annotate(id: string, patch: Annotations): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.annotations = { ...entry.annotations, ...patch };
    entry.touchedAt = this.now();
    this.emit(id, false);
  }

  remove(tabId: number, id: string): void {
    this.entries.delete(id);
    this.next.push({ kind: 'remove', tabId, id });
  }

  navigated(tabId: number, url: string, at: number): void {
    this.next.push({ kind: 'navigated', tabId, url, at });
  }

  /** Forgets a closed tab's records (nothing more will arrive for them). */
  forgetTab(tabId: number): void {
    for (const [id, e] of this.entries) if (e.captured.tabId === tabId) this.entries.delete(id);
  }

  /** How many records are kept open to late facts (for tests and the soak's memory figures). */
  size(): number {
    return this.entries.size;
  }

  private emit(id: string, isNew: boolean): void {
    const e = this.entries.get(id)!;
    const record: CapturedRecord = { ...e.captured };
    if (this.browser !== 'chromium') record.browser = this.browser;
    if (e.annotations.pageFacts) record.pageFacts = e.annotations.pageFacts;
    if (e.annotations.chromium) record.chromium = e.annotations.chromium;
    this.next.push({ kind: 'upsert', record, isNew });
  }

  private sweep(): void {
    const now = this.now();
    const over = this.entries.size > ASSEMBLY_LIMITS.maxEntries;
    if (!over && now - this.lastSweep < ASSEMBLY_LIMITS.keepMs / 6) return;
    this.lastSweep = now;
    const oldest = now - ASSEMBLY_LIMITS.keepMs;
    let excess = this.entries.size - ASSEMBLY_LIMITS.maxEntries;
    // Map order is insertion order: the oldest records come first.
    for (const [id, e] of this.entries) {
      if (!ended(e.captured)) continue;
      if (e.touchedAt < oldest || excess > 0) {
        this.entries.delete(id);
        excess--;
      }
    }
  }
}
