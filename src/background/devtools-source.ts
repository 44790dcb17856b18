/**
 * A source for tabs DevTools is open on: DevTools' own network log (chrome.devtools.network), sent
 * by the DevTools page as HAR entries. DevTools records every request anyway, so reading its log
 * costs ~1.19× on top of DevTools, where webRequest's extraHeaders listeners cost ~1.52×
 * (docs/architecture.md, "What observing costs"); while a tab is fed this way, no webRequest
 * listener exists for it.
 *
 * The entries are read and grouped by the HAR importer (src/har-import): a preflight is its own
 * entry (`_resourceType: "preflight"`, `_initiator.requestId` naming its request), redirect hops are
 * entries joined by `response.redirectURL`. Entries arrive one by one as requests finish, so a
 * window of recent ones is grouped again as each batch comes, and a group becomes an exchange once
 * it is complete (its last hop is not a redirect waiting for the next, or it has waited long enough).
 */
import { analysePreflightNeed } from '../cors/preflight-need.ts';
import type { CapturedRecord } from '../shared/exchange.ts';
import { groupEntries, type EntryGroup } from '../har-import/grouping.ts';
import { EntryError, readEntry, type WireEntry } from '../har-import/entry.ts';
import { DocumentIndex, isDocument } from '../har-import/origin.ts';
import { detectProducer } from '../har-import/producer.ts';
import { toRecord } from '../har-import/to-record.ts';
import type { RecordContext } from './capture.ts';
import type { Timers } from './join.ts';

export interface DevtoolsSink {
  upsert(record: CapturedRecord, isNew: boolean): void;
}

/** How long a group may wait for its next redirect hop or its request, and how long entries stay in the window. */
const WAIT_MS = 2000;
const WINDOW_MS = 60_000;
/** Entries per tab kept for grouping, at most. */
const MAX_WINDOW = 2000;

const PRODUCER = detectProducer({ name: 'WebInspector', version: '' }, null);

interface TabFeed {
  window: WireEntry[];
  docs: DocumentIndex;
  /** The highest entry number taken (-1: none). */
  upTo: number;
  /** First-hop entry numbers already made exchanges. */
  emitted: Set<number>;
  /** A settle due for groups that are waiting: nothing else may arrive to settle them (the last request of a page). */
  due?: unknown;
}

export class DevtoolsSource {
  private feeds = new Map<number, TabFeed>();
  /** Entries that could not be read (counted for the diagnostics). */
  unreadable = 0;

  constructor(
    private readonly sink: DevtoolsSink,
    private readonly context: RecordContext,
    private readonly timers: Pick<Timers, 'now' | 'setTimeout' | 'clearTimeout'>,
  ) {}

  /** The highest entry number taken for a tab (-1 when none): the DevTools page resends what follows. */
  upTo(tabId: number): number {
    return this.feeds.get(tabId)?.upTo ?? -1;
  }

  receive(tabId: number, from: number, raw: unknown[]): void {
    const feed = this.feed(tabId);
    raw.forEach((entry, i) => {
      const index = from + i;
      if (index <= feed.upTo) return;
      feed.upTo = index;
      try {
        const e = readEntry(entry, index);
        if (isDocument(e)) feed.docs.add(e);
        else feed.window.push(e);
      } catch (error) {
        if (!(error instanceof EntryError)) throw error;
        this.unreadable++;
      }
    });
    this.settle(tabId, feed);
  }

  forgetTab(tabId: number): void {
    const due = this.feeds.get(tabId)?.due;
    if (due !== undefined) this.timers.clearTimeout(due);
    this.feeds.delete(tabId);
  }

  /** Makes exchanges of the complete groups and drops what is too old to belong to one. */
  private settle(tabId: number, feed: TabFeed): void {
    const now = this.timers.now();
    const { groups } = groupEntries(feed.window);
    const used = new Set<WireEntry>();
    let waitingSince: number | null = null;
    for (const group of groups) {
      const first = group.hops[0]!;
      const last = group.hops.at(-1)!;
      const young = now - last.startedAt < WAIT_MS;
      // A hop waiting for the next one, or a request that needed a preflight whose entry is not here
      // yet (getHAR lists entries by start, and a request starts before its preflight).
      const waiting =
        young &&
        ((last.redirectURL !== '' && !last.error) ||
          (!group.preflight && analysePreflightNeed(first.method, first.requestHeaders, false).needed));
      if (waiting) {
        waitingSince = Math.min(waitingSince ?? last.startedAt, last.startedAt);
        continue;
      }
      for (const e of [...group.hops, ...(group.preflight ? [group.preflight] : [])]) used.add(e);
      if (feed.emitted.has(first.index)) continue;
      feed.emitted.add(first.index);
      const record = this.recordOf(tabId, group, feed);
      if (record) this.sink.upsert(record, true);
    }
    feed.window = feed.window.filter((e) => !used.has(e) && now - e.startedAt < WINDOW_MS).slice(-MAX_WINDOW);
    if (feed.emitted.size > 20_000) feed.emitted = new Set([...feed.emitted].slice(-10_000));
    // A request served from the preflight cache waits for a preflight that never comes; with no
    // later entry to settle it, it would wait forever (the last request of a quiet page).
    if (waitingSince !== null && feed.due === undefined) {
      feed.due = this.timers.setTimeout(
        () => {
          feed.due = undefined;
          if (this.feeds.get(tabId) === feed) this.settle(tabId, feed);
        },
        Math.max(0, waitingSince + WAIT_MS - now) + 1,
      );
    }
  }

  private recordOf(tabId: number, group: EntryGroup, feed: TabFeed): CapturedRecord | null {
    const judged = toRecord(group, PRODUCER, feed.docs, this.context.nextSeq());
    if (typeof judged === 'string') return null;
    const { evaluation: _evaluation, ...captured } = judged;
    const id = `${tabId}:dt:${group.hops[0]!.index}`;
    return {
      ...captured,
      id,
      requestId: id,
      tabId,
      source: 'devtools',
      pageUrl: this.context.pageUrl(tabId) || captured.pageUrl,
    };
  }

  private feed(tabId: number): TabFeed {
    let feed = this.feeds.get(tabId);
    if (!feed) {
      feed = { window: [], docs: new DocumentIndex(), upTo: -1, emitted: new Set() };
      this.feeds.set(tabId, feed);
    }
    return feed;
  }
}
