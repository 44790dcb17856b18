/**
 * The engine stage: judges each assembled record with src/cors. A request changes several times
 * within milliseconds (sent, headers, completed) and only its latest state needs the engine, so
 * every state waits one short batch and a request that starts and ends within it is judged once.
 * Removals and navigations go on at once, after what was queued before them, so a tab is never
 * cleared before the records that came before its navigation.
 *
 * Why not judge a record's first and last states at once (as an earlier version did, to journal
 * them sooner): at ~1 200 webRequest events a second the engine then ran ~4.8 times per request
 * and the worker fell 50–290 ms behind its events; a forced stop drops every event still queued
 * for the worker, so that backlog, not the batch, was what a stop lost (docs/architecture.md,
 * "The service worker's lifetime").
 */
import type { Evaluation } from '../cors/types.ts';
import type { CapturedRecord, ExchangeRecord } from '../shared/exchange.ts';
import { evaluateRecord } from '../shared/observed.ts';
import type { PipelineChange, Stage } from './assembly.ts';
import { PreflightCache } from '../shared/preflight-cache.ts';

/** Batching window for evaluation. */
export const EVALUATION_BATCH_MS = 16;

/** What the tab log takes from this stage. */
export interface EvaluatedSink {
  put(record: ExchangeRecord, isNew: boolean): void;
  remove(tabId: number, id: string): void;
  navigated(tabId: number, url: string, at: number): void;
}

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
}

type Queued = { kind: 'upsert'; record: CapturedRecord; isNew: boolean } | Exclude<PipelineChange, { kind: 'upsert' }>;

export class Evaluator implements Stage {
  private queue: Queued[] = [];
  /** Where each record waiting in the queue sits, so a newer state replaces it in place. */
  private queuedAt = new Map<string, number>();
  private scheduled = false;
  private preflights = new PreflightCache();
  /** Test hook ("Verify with Chrome" must flag a wrong answer): may replace the engine's evaluation. */
  override: ((record: ExchangeRecord) => Evaluation | null) | null = null;

  constructor(
    private readonly sink: EvaluatedSink,
    private readonly scheduler: Scheduler,
  ) {}

  push(change: PipelineChange): void {
    if (change.kind === 'upsert') {
      const at = this.queuedAt.get(change.record.id);
      if (at !== undefined) {
        const earlier = this.queue[at] as Extract<Queued, { kind: 'upsert' }>;
        this.queue[at] = { ...change, isNew: earlier.isNew || change.isNew };
      } else {
        this.queuedAt.set(change.record.id, this.queue.length);
        this.queue.push(change);
      }
    } else {
      this.queue.push(change);
      return this.drain();
    }
    if (this.scheduled) return;
    this.scheduled = true;
    this.scheduler.setTimeout(() => {
      this.scheduled = false;
      this.drain();
    }, EVALUATION_BATCH_MS);
  }

  /** Judges and passes on everything waiting now (readers call it before reading). */
  drain(): void {
    const queue = this.queue;
    this.queue = [];
    this.queuedAt.clear();
    for (const change of queue) {
      if (change.kind === 'upsert') this.sink.put(this.judge(change.record), change.isNew);
      else if (change.kind === 'remove') this.sink.remove(change.tabId, change.id);
      else this.sink.navigated(change.tabId, change.url, change.at);
    }
  }

  /** The engine's judgement of a record (with the test hook's, when set). */
  evaluate(c: CapturedRecord): ExchangeRecord {
    const record = evaluateRecord(c);
    const override = this.override?.(record);
    if (override) record.evaluation = override;
    return record;
  }

  private judge(c: CapturedRecord): ExchangeRecord {
    const record = this.evaluate(c);
    if (record.evaluation.preflight.cached && !record.preflightCached) {
      record.preflightCached = true;
      record.preflightCachedFrom = this.preflights.sourceOf(record);
    }
    this.preflights.remember(record);
    return record;
  }
}
