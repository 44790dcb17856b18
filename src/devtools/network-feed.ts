/**
 * The DevTools page's half of the DevTools source (background/devtools-source.ts): it sends the
 * worker DevTools' own network log for the inspected tab — everything since DevTools attached
 * (getHAR), then each request as it finishes — numbering the entries, and sends again from
 * whatever the worker says it has after a restart (`devtools-ack`). Entries are sent at most once
 * per frame, so a burst costs few messages.
 */
import { message, type ReaderMessage, type WorkerMessage } from '../shared/messages.ts';
import type { NetworkLog } from '../platform/devtools.ts';

/** Entries kept to send again after a worker restart, at most. */
const MAX_KEPT = 20_000;
const BATCH_MS = 16;

/**
 * A key for an entry, so the same request from getHAR and onRequestFinished is sent once. Two
 * requests can share it (two identical calls started in the same millisecond), so keys are
 * counted, never merely remembered (sameRequestFilter).
 */
function keyOf(entry: unknown): string {
  const e = entry as { startedDateTime?: unknown; request?: { method?: unknown; url?: unknown } } | null;
  return `${String(e?.startedDateTime)}|${String(e?.request?.method)}|${String(e?.request?.url)}`;
}

/** Strips what cannot or need not cross a port (DevTools' Request objects carry getContent()). */
const plain = (entry: unknown): unknown => JSON.parse(JSON.stringify(entry));

export interface NetworkFeed {
  /** A message from the worker (the feed reads `devtools-ack`). */
  received(msg: WorkerMessage): void;
}

export function feedNetworkLog(tabId: number, log: NetworkLog, send: (msg: ReaderMessage) => void): NetworkFeed {
  let kept: unknown[] = [];
  /** The number of kept[0]. */
  let base = 0;
  /** What the worker has taken, up to (-1: nothing). */
  let taken = -1;
  const sameRequest = sameRequestFilter();
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const from = Math.max(taken + 1, base);
    const entries = kept.slice(from - base);
    if (entries.length) send(message('devtools-entries', { tabId, from, entries }));
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(flush, BATCH_MS);
  };
  const add = (entry: unknown) => {
    kept.push(plain(entry));
    if (kept.length > MAX_KEPT) {
      const drop = kept.length - MAX_KEPT;
      kept = kept.slice(drop);
      base += drop;
    }
    schedule();
  };

  log.onRequestFinished((entry) => {
    if (sameRequest.finished(keyOf(entry))) add(entry);
  });
  log.onNavigated((url) => send(message('devtools-navigated', { tabId, url })));
  void log.entries().then((entries) => {
    for (const entry of entries) if (sameRequest.logged(keyOf(entry))) add(entry);
    sameRequest.loggedAll();
  });

  return {
    received(msg) {
      if (msg.type !== 'devtools-ack' || msg.data.tabId !== tabId) return;
      taken = msg.data.upTo;
      // A restarted worker has less than was sent: send the rest again.
      if (taken < base + kept.length - 1) schedule();
    },
  };
}

/**
 * Which entries are new: getHAR (everything since DevTools attached) and onRequestFinished overlap
 * for the requests that finished before getHAR answered, and a request in flight then is in both
 * (it is kept as getHAR gave it). Each key of one side cancels one of the other, so identical
 * requests are all kept.
 */
function sameRequestFilter() {
  /** Keys onRequestFinished gave before getHAR answered. */
  const finishedFirst = new Map<string, number>();
  /** Keys getHAR gave that onRequestFinished has not (requests in flight when getHAR answered). */
  const loggedFirst = new Map<string, number>();
  let logAnswered = false;
  const take = (counts: Map<string, number>, key: string): boolean => {
    const n = counts.get(key) ?? 0;
    if (n === 0) return false;
    if (n === 1) counts.delete(key);
    else counts.set(key, n - 1);
    return true;
  };
  const count = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  return {
    /** An entry from onRequestFinished: whether it is new. */
    finished(key: string): boolean {
      if (!logAnswered) count(finishedFirst, key);
      return !take(loggedFirst, key);
    },
    /** An entry from getHAR: whether it is new. */
    logged(key: string): boolean {
      if (take(finishedFirst, key)) return false;
      count(loggedFirst, key);
      return true;
    },
    loggedAll(): void {
      logAnswered = true;
      finishedFirst.clear();
    },
  };
}
