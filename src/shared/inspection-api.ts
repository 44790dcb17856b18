/**
 * The worker's inspection API, typed once: the service worker installs it on its global scope
 * (background/inspection-api.ts); the Node API and the end-to-end tests call it through
 * Playwright's worker.evaluate() with `callWorker` (node/worker-api.ts). Every method takes and
 * returns plain data, so it crosses that boundary unchanged.
 */
import type { CapturedRecord, ExchangeRecord } from './exchange.ts';
import type { TabState, VerifyState } from './messages.ts';

export interface PageFactsStats {
  /** Reports accepted and passed to the join. */
  accepted: number;
  /** Reports or batches dropped as malformed or oversized. */
  dropped: number;
  /** Batches ignored because their tab was not recorded or the observer was off. */
  unwanted: number;
  /** Page-reported exchanges not made because the tab's page reported too many too fast. */
  limited: number;
}

/** One page of stored records (without evaluations: the reader judges them). */
export interface RecordsQuery {
  tabId?: number;
  afterSeq?: number;
  limit: number;
}

/** What the worker knows about its own lifetime (the soak and the tests read it). */
export interface WorkerDiagnostics {
  /** When this worker instance started (epoch ms). */
  startedAt: number;
  /** How long it took to restore the recording and start listening again (ms). */
  startupMs: number | null;
  /** How many earlier instances this browser session had. */
  restarts: number;
  /** The startup's steps, each as ms since the instance started (absent: not reached yet). */
  steps: Record<string, number>;
  /** webRequest events held while the startup ran (handled once it was done). */
  held: number;
  /** Records kept open to late page facts or Chromium answers. */
  recent: number;
  /** webRequest events received by this instance. */
  events: number;
}

export interface InspectionApi {
  /** Resolves once the worker restored its state and listens. */
  whenReady(): Promise<void>;
  recordAll(owner: string): Promise<void>;
  stopRecordAll(owner: string): Promise<void>;
  /** Records one tab for a named reader (the bench, tools without a port). */
  recordTab(tabId: number, owner: string): Promise<void>;
  stopRecordTab(tabId: number, owner: string): Promise<void>;
  /** Every exchange (of a tab) with its evaluation — for small logs; large ones page with `records`. */
  exchanges(filter?: { tabId?: number }): Promise<ExchangeRecord[]>;
  /** A page of stored records, oldest first. */
  records(query: RecordsQuery): Promise<CapturedRecord[]>;
  /** How many captured requests (of a tab) have not ended yet. */
  inFlight(tabId?: number): number;
  state(tabId: number): Promise<TabState>;
  clear(tabId: number): Promise<void>;
  flush(): Promise<void>;
  /** Every tab with its URL (the Node API finds its pages' tabs with it). */
  tabs(): Promise<{ id: number; url: string }[]>;
  extraHeadersListenerCount(): number;
  recordedTabs(): number[];
  pageObserverEnabled(): boolean;
  setPageObserver(on: boolean): Promise<void>;
  pageObserverStats(): PageFactsStats;
  /** Failed page calls still waiting for their network record (they become exchanges of their own if none comes). */
  pageObserverWaiting(): number;
  /** "Verify with Chrome" for a tab, held by a named owner. */
  setVerify(tabId: number, on: boolean, owner: string): Promise<VerifyState>;
  verifyState(tabId: number): VerifyState;
  /** Test hook: the engine answers wrongly for records whose URL contains the text (null: off). */
  forceWrongAnswer(urlIncludes: string | null): void;
  diagnostics(): WorkerDiagnostics;
}

declare global {
  // The worker's global, reached from Node with worker.evaluate().
  var corsInspector: InspectionApi | undefined;
}
