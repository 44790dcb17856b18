/**
 * Joins the page's calls to the webRequest exchanges they caused. Both sides arrive on their own
 * schedule (webRequest events from the browser process, page reports through the relay), so each
 * side waits for the other. A call and a record join when they come from the same tab, frame and
 * document and name the same URL and method; among several, the oldest of each side pair up (the
 * page issues calls in the order the network sees them start). A call whose record never comes
 * becomes an exchange of its own (join-synthetic.ts), replaced if the record turns up after all.
 *
 * Each report comes with a `settled` callback, called once the join is done with it: its call has
 * an exchange (joined to a network record, or one of its own), or needs none. The relay keeps a
 * report until then and sends it again to a restarted worker (content/relay.iife.ts). A call that
 * ended well needs no exchange of its own only if its network record exists; a worker behind its
 * events has not heard of that record yet, so such a call is settled only once the worker has
 * heard the network past the call's end (or has been up long enough that nothing is still queued).
 */
import type { CapturedRecord } from '../shared/exchange.ts';
import { comparableUrl } from '../cors/origin.ts';
import type { JsOutcome, PageCall, PageFacts } from '../shared/page-facts.ts';
import type { RecordContext } from './capture.ts';
import { ownRecordNeed, pageOnlyRecord } from './join-synthetic.ts';

/** The browser's word on where a report came from (the relay port's sender), never the page's. */
export interface CallSource {
  tabId: number;
  frameId: number;
  documentId: string | null;
  frameOrigin: string;
}

/** What the join reads from a network record. */
export type JoinableRecord = Pick<
  CapturedRecord,
  'id' | 'tabId' | 'frameId' | 'documentId' | 'url' | 'method' | 'startedAt'
>;

export interface JoinSink {
  /** Sets the page's facts on a network record. */
  annotate(tabId: number, recordId: string, facts: PageFacts): void;
  addRecord(record: CapturedRecord): void;
  removeRecord(record: CapturedRecord): void;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const JOIN_LIMITS = {
  /** How far a page timestamp may run ahead of the browser's for the same request (two processes, one clock). */
  clockSkewMs: 1000,
  /** How long a failed call waits for its network record before it becomes an exchange of its own. */
  networkGraceMs: 500,
  /**
   * The same wait for a call that was in flight while the worker was stopped. Reports are taken
   * only once the restarted worker has restored its store and handled the events held meanwhile
   * (page-facts-hub.ts), so a record the network saw is known by then; the wait is short because a
   * worker stopped again before its timer fired would forget the call once more (measured: with
   * 800 ms, 30–120 of 2 000 requests over 8 stops ~1.3 s apart were lost that way; with 200, none).
   */
  restartGraceMs: 200,
  /** Unmatched calls and records are forgotten after this. */
  waitMs: 60_000,
  /** Unmatched entries kept per join key. */
  perKey: 256,
  /** Calls tracked per document. */
  perDocument: 10_000,
  /**
   * Page-reported exchanges a tab may add, across all its frames: a steady rate and a burst.
   * A page's report is only the page's word; a hostile one must not flood the log with it.
   */
  pageOnlyPerSecond: 10,
  pageOnlyBurst: 100,
  /**
   * Calls that were in flight while the worker was stopped, whose network events went with it: the
   * page's report is then all there is, for every call of a busy page at once (the soak loses
   * 50–100 a stop at ~130 requests a second), so they draw on their own budget per tab and stop,
   * not on the steady one. A page cannot time a stop.
   */
  pageOnlyPerStop: 500,
  /**
   * A call that ended well without a network record is settled as "the network did not see it"
   * after this long, even when no later webRequest event has shown the worker caught up (a quiet
   * page sends none).
   */
  caughtUpMs: 3000,
  /** A call that has not ended is settled after this long without a network record. */
  unendedMs: 10_000,
  /** How often the calls waiting to be settled are looked at. */
  settleCheckMs: 250,
} as const;

/** Called once the join is done with a report (see the file's comment). */
export type Settled = () => void;
const NOTHING: Settled = () => undefined;

interface CallEntry {
  key: string;
  matchKey: string;
  source: CallSource;
  call: PageCall;
  outcome: JsOutcome | null;
  endedAt: number | null;
  cspDirective: string | null;
  recordId: string | null;
  ownRecord: CapturedRecord | null;
  /** The worker stop the call was in flight during, when its end was heard. */
  down: { from: number; to: number } | null;
  timer: unknown;
  /** When this instance heard of the call (its start, then its end). */
  heardAt: number;
  /** The reports about this call waiting to be settled; null once it is. */
  settlers: Settled[] | null;
}

const matchKey = (tabId: number, frameId: number, method: string, url: string) =>
  `${tabId}|${frameId}|${method}|${comparableUrl(url)}`;
/** One document of a tab (a frame's, when the browser names no document). */
export const documentKey = (s: Pick<CallSource, 'tabId' | 'frameId' | 'documentId'>) =>
  `${s.tabId}|${s.documentId ?? `frame-${s.frameId}`}`;
const sameDocument = (a: string | null, b: string | null) => a === null || b === null || a === b;

export class Join {
  private calls = new Map<string, CallEntry>();
  private byRecord = new Map<string, CallEntry>();
  private waitingCalls = new Map<string, CallEntry[]>();
  private waitingRecords = new Map<string, JoinableRecord[]>();
  private perDocument = new Map<string, number>();
  /** Each tab's budget of page-reported exchanges (a token bucket). */
  private budgets = new Map<number, { tokens: number; at: number }>();
  /** Each tab's page-reported exchanges recovered per worker stop (`${tabId}|${stop start}`). */
  private recovered = new Map<string, number>();
  /** Page-reported exchanges not made because their tab was over its budget. */
  limited = 0;
  /** When the worker was stopped before this instance (set at startup). */
  private downtimes: { from: number; to: number }[] = [];
  private lastSweep = 0;
  /** Calls not yet settled that wait on nothing but time or the network catching up. */
  private unsettled = new Set<CallEntry>();
  private settleTimer: unknown = null;

  constructor(
    private readonly sink: JoinSink,
    private readonly context: RecordContext,
    private readonly timers: Timers,
    /** The browser's time of the latest webRequest event the worker has handled (null: none yet). */
    private readonly heardUpTo: () => number | null = () => null,
  ) {}

  /** A call started in the page. */
  start(source: CallSource, callId: number, call: PageCall, settled: Settled = NOTHING): void {
    this.sweep();
    const doc = documentKey(source);
    const key = `${doc}#${callId}`;
    const count = this.perDocument.get(doc) ?? 0;
    const known = this.calls.get(key);
    if (known) return this.whenSettled(known, settled);
    if (count >= JOIN_LIMITS.perDocument) return settled();
    this.perDocument.set(doc, count + 1);
    const entry: CallEntry = {
      key,
      matchKey: matchKey(source.tabId, source.frameId, call.method, call.url),
      source,
      call,
      outcome: null,
      endedAt: null,
      cspDirective: null,
      recordId: null,
      ownRecord: null,
      down: null,
      timer: null,
      heardAt: this.timers.now(),
      settlers: [settled],
    };
    this.calls.set(key, entry);
    this.waitToSettle(entry);
    const records = this.fresh(this.waitingRecords, entry.matchKey, (r) => r.startedAt);
    const i = records.findIndex(
      (r) => sameDocument(r.documentId, source.documentId) && r.startedAt >= call.at - JOIN_LIMITS.clockSkewMs,
    );
    if (i >= 0) return this.attach(entry, records.splice(i, 1)[0]!.id);
    this.enqueue(this.waitingCalls, entry.matchKey, entry);
  }

  /** A call ended in the page. */
  end(source: CallSource, callId: number, at: number, outcome: JsOutcome, settled: Settled = NOTHING): void {
    const entry = this.calls.get(`${documentKey(source)}#${callId}`);
    if (!entry) return settled();
    this.whenSettled(entry, settled);
    if (entry.outcome) return;
    entry.outcome = outcome;
    entry.endedAt = at;
    entry.heardAt = this.timers.now();
    if (entry.recordId !== null) return this.sink.annotate(entry.source.tabId, entry.recordId, this.facts(entry));
    const down = this.downtimeDuring(entry.call.at, at);
    const facts = this.facts(entry);
    const need = ownRecordNeed(facts, down !== null);
    if (need === 'now') {
      this.unqueue(entry);
      this.addOwnRecord(entry);
    } else if (need === 'unless-the-network-saw-it') {
      // Only a call that may have had network events can have lost them with a stopped worker.
      entry.down = down;
      this.unsettled.delete(entry);
      entry.timer = this.timers.setTimeout(
        () => {
          entry.timer = null;
          if (entry.recordId === null) this.addOwnRecord(entry);
        },
        down ? JOIN_LIMITS.restartGraceMs : JOIN_LIMITS.networkGraceMs,
      );
    } else if (down === null && ownRecordNeed(facts, true) !== 'no') {
      // Needs no exchange of its own only if the network saw it, which a worker behind its events
      // may not know yet: settled once it has caught up (checkUnsettled).
      this.waitToSettle(entry);
    } else this.settle(entry);
  }

  /**
   * The page's Content-Security-Policy refused a call. The violation event fires after the call
   * rejected, usually while its own record waits for the network grace; a record already made is
   * made again with the fact.
   */
  refusedByCsp(source: CallSource, callId: number, directive: string, settled: Settled = NOTHING): void {
    const entry = this.calls.get(`${documentKey(source)}#${callId}`);
    if (!entry) return settled();
    this.whenSettled(entry, settled);
    if (entry.cspDirective !== null) return;
    entry.cspDirective = directive;
    if (entry.recordId !== null) return this.sink.annotate(entry.source.tabId, entry.recordId, this.facts(entry));
    if (entry.ownRecord) this.addOwnRecord(entry);
  }

  /** A network record appeared in the store. */
  record(r: JoinableRecord): void {
    const key = matchKey(r.tabId, r.frameId, r.method, r.url);
    const calls = this.fresh(this.waitingCalls, key, (c) => c.call.at);
    // A call's request starts before the call ends: a later request to the same URL is another call's.
    const i = calls.findIndex(
      (c) =>
        sameDocument(r.documentId, c.source.documentId) &&
        c.call.at <= r.startedAt + JOIN_LIMITS.clockSkewMs &&
        (c.endedAt === null || r.startedAt <= c.endedAt + JOIN_LIMITS.clockSkewMs),
    );
    if (i < 0) return this.enqueue(this.waitingRecords, key, r);
    const entry = calls.splice(i, 1)[0]!;
    if (entry.timer !== null) this.timers.clearTimeout(entry.timer);
    entry.timer = null;
    if (entry.ownRecord) this.sink.removeRecord(entry.ownRecord);
    entry.ownRecord = null;
    this.attach(entry, r.id);
  }

  /** Failed calls still waiting for their network record (they become exchanges when the grace ends). */
  waitingForNetwork(): number {
    let n = 0;
    for (const entry of this.calls.values()) if (entry.timer !== null) n++;
    return n;
  }

  /** A record was merged into another one (a preflight that arrived before its request): its call waits again. */
  recordRemoved(recordId: string): void {
    const entry = this.byRecord.get(recordId);
    if (!entry) return;
    this.byRecord.delete(recordId);
    entry.recordId = null;
    const list = this.waitingCalls.get(entry.matchKey) ?? [];
    list.unshift(entry);
    this.waitingCalls.set(entry.matchKey, list);
  }

  forgetTab(tabId: number): void {
    const prefix = `${tabId}|`;
    for (const [key, entry] of this.calls) {
      if (!key.startsWith(prefix)) continue;
      if (entry.timer !== null) {
        this.timers.clearTimeout(entry.timer);
        entry.timer = null;
        // Its network record, had there been one, would have come before the tab closed: a failed
        // call still waiting for one is an exchange of its own now, not lost with the tab.
        if (entry.recordId === null) this.addOwnRecord(entry);
      }
      this.settle(entry);
      this.calls.delete(key);
      if (entry.recordId !== null) this.byRecord.delete(entry.recordId);
    }
    this.budgets.delete(tabId);
    for (const key of this.recovered.keys()) if (key.startsWith(prefix)) this.recovered.delete(key);
    for (const map of [this.waitingCalls, this.waitingRecords, this.perDocument])
      for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
  }

  /** Forgets calls older than the wait (their exchanges keep the facts they were given). */
  private sweep(): void {
    const now = this.timers.now();
    if (now - this.lastSweep < JOIN_LIMITS.waitMs / 6) return;
    this.lastSweep = now;
    for (const [key, entry] of this.calls) {
      if (entry.call.at >= now - JOIN_LIMITS.waitMs || entry.timer !== null) continue;
      this.settle(entry);
      this.calls.delete(key);
      if (entry.recordId !== null) this.byRecord.delete(entry.recordId);
      const doc = documentKey(entry.source);
      const left = (this.perDocument.get(doc) ?? 1) - 1;
      if (left > 0) this.perDocument.set(doc, left);
      else this.perDocument.delete(doc);
    }
  }

  private facts(entry: CallEntry): PageFacts {
    return {
      seen: entry.recordId === null ? 'page-only' : 'page-and-network',
      frameOrigin: entry.source.frameOrigin,
      call: entry.call,
      outcome: entry.outcome,
      endedAt: entry.endedAt,
      ...(entry.cspDirective !== null ? { cspViolation: { directive: entry.cspDirective } } : {}),
    };
  }

  private attach(entry: CallEntry, recordId: string): void {
    entry.recordId = recordId;
    this.byRecord.set(recordId, entry);
    this.sink.annotate(entry.source.tabId, recordId, this.facts(entry));
    this.settle(entry);
  }

  /** Calls `settled` once the call is settled (at once if it is). */
  private whenSettled(entry: CallEntry, settled: Settled): void {
    if (entry.settlers) entry.settlers.push(settled);
    else settled();
  }

  private settle(entry: CallEntry): void {
    this.unsettled.delete(entry);
    const settlers = entry.settlers;
    entry.settlers = null;
    for (const settled of settlers ?? []) settled();
  }

  /** The call waits on nothing but time or the network catching up: looked at every settleCheckMs. */
  private waitToSettle(entry: CallEntry): void {
    if (!entry.settlers) return;
    this.unsettled.add(entry);
    this.settleTimer ??= this.timers.setTimeout(() => this.checkUnsettled(), JOIN_LIMITS.settleCheckMs);
  }

  private checkUnsettled(): void {
    this.settleTimer = null;
    const now = this.timers.now();
    const heard = this.heardUpTo() ?? Number.NEGATIVE_INFINITY;
    for (const entry of this.unsettled) {
      const caughtUp =
        entry.endedAt !== null &&
        (heard >= entry.endedAt + JOIN_LIMITS.clockSkewMs || now - entry.heardAt >= JOIN_LIMITS.caughtUpMs);
      if (caughtUp || now - entry.heardAt >= JOIN_LIMITS.unendedMs) this.settle(entry);
    }
    if (this.unsettled.size > 0)
      this.settleTimer = this.timers.setTimeout(() => this.checkUnsettled(), JOIN_LIMITS.settleCheckMs);
  }

  /** This worker instance follows a stop: calls in flight meanwhile may have lost their network events. */
  restartedAfter(down: { from: number; to: number }): void {
    this.downtimes.push(down);
    if (this.downtimes.length <= 20) return;
    const gone = this.downtimes.shift()!;
    for (const key of this.recovered.keys()) if (key.endsWith(`|${gone.from}`)) this.recovered.delete(key);
  }

  /** The worker stop a call from `start` to `end` overlapped, if any (page and browser clocks differ a little). */
  private downtimeDuring(start: number, end: number): { from: number; to: number } | null {
    const skew = JOIN_LIMITS.clockSkewMs;
    return this.downtimes.find((d) => start <= d.to + skew && end >= d.from - skew) ?? null;
  }

  /** Makes (or, with a new fact, makes again) the call's exchange of its own. */
  private addOwnRecord(entry: CallEntry): void {
    const { tabId, frameId, documentId } = entry.source;
    const down = entry.down;
    if (!entry.ownRecord && !(down ? this.spendRecovery(tabId, down) : this.spend(tabId))) {
      this.limited++;
      return this.settle(entry);
    }
    const own = pageOnlyRecord(
      { tabId, frameId, documentId, key: entry.key.slice(`${tabId}|`.length) },
      this.facts(entry),
      this.context.nextSeq(),
      this.context.pageUrl(tabId),
      down,
    );
    entry.ownRecord = own;
    this.sink.addRecord(own);
    this.settle(entry);
  }

  private spend(tabId: number): boolean {
    const now = this.timers.now();
    const b = this.budgets.get(tabId) ?? { tokens: JOIN_LIMITS.pageOnlyBurst, at: now };
    b.tokens = Math.min(JOIN_LIMITS.pageOnlyBurst, b.tokens + ((now - b.at) / 1000) * JOIN_LIMITS.pageOnlyPerSecond);
    b.at = now;
    this.budgets.set(tabId, b);
    if (b.tokens < 1) return false;
    b.tokens--;
    return true;
  }

  private spendRecovery(tabId: number, down: { from: number }): boolean {
    const key = `${tabId}|${down.from}`;
    const used = this.recovered.get(key) ?? 0;
    if (used >= JOIN_LIMITS.pageOnlyPerStop) return false;
    this.recovered.set(key, used + 1);
    return true;
  }

  private unqueue(entry: CallEntry): void {
    const list = this.waitingCalls.get(entry.matchKey);
    const i = list?.indexOf(entry) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  private enqueue<T>(map: Map<string, T[]>, key: string, item: T): void {
    const list = map.get(key) ?? [];
    if (list.length >= JOIN_LIMITS.perKey) list.shift();
    list.push(item);
    map.set(key, list);
  }

  /** The waiting list under `key`, without the entries that waited too long. */
  private fresh<T>(map: Map<string, T[]>, key: string, at: (item: T) => number): T[] {
    const list = map.get(key);
    if (!list) return [];
    const oldest = this.timers.now() - JOIN_LIMITS.waitMs;
    while (list.length > 0 && at(list[0]!) < oldest) list.shift();
    if (list.length === 0) map.delete(key);
    return list;
  }
}
