/**
 * The latest judged state of the most recent exchanges, so readers of a small log (the panel's
 * snapshot, the tests' and tools' `exchanges()`) get them without the engine running again. It
 * is fed by the tab log's output, so an entry is never older than the stored row; bounded, so the
 * worker's memory does not grow with the log (older exchanges are judged again when read).
 */
import type { CapturedRecord, ExchangeRecord } from '../shared/exchange.ts';

export const RECENT_EVALUATIONS = 2000;

export class RecentEvaluations {
  private byId = new Map<string, ExchangeRecord>();

  constructor(
    /** Judges a stored record that is not (or no longer) here. */
    private readonly judge: (c: CapturedRecord) => ExchangeRecord,
    private readonly max = RECENT_EVALUATIONS,
  ) {}

  put(record: ExchangeRecord): void {
    this.byId.delete(record.id);
    this.byId.set(record.id, record);
    if (this.byId.size > this.max) this.byId.delete(this.byId.keys().next().value!);
  }

  forget(ids: string[]): void {
    for (const id of ids) this.byId.delete(id);
  }

  forgetTab(tabId: number): void {
    for (const [id, r] of this.byId) if (r.tabId === tabId) this.byId.delete(id);
  }

  /** The judged form of a stored record. */
  of(stored: CapturedRecord): ExchangeRecord {
    return this.byId.get(stored.id) ?? this.judge(stored);
  }
}
