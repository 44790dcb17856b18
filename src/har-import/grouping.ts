/**
 * HAR entries → exchanges: each request with its redirect hops (separate entries joined by
 * `response.redirectURL`) and the preflight that guarded it (a separate entry too). Linear in the
 * number of entries: entries are indexed by URL once, and each index is walked with a cursor.
 *
 * Preflights are paired by Chromium request id when the HAR names both ends (`_initiator.requestId`
 * on the preflight, `_requestId` on the request: some Chromium-based tools write both), else by
 * URL, the Access-Control-Request-Method and time: the preflight starts after its request was
 * created and before it ends (DevTools dates a request from its creation, so the pair overlaps).
 * A CORS Inspector HAR names each entry's exchange in `_cors.exchangeId`, which is exact.
 */
import { combinedHeader, hasHeader } from '../cors/headers.ts';
import type { WireEntry } from './entry.ts';

export interface EntryGroup {
  /** The request as first sent, then each redirect hop's request, in order. */
  hops: WireEntry[];
  preflight: WireEntry | null;
}

/**
 * Clock slack (ms): a preflight may be dated a little before its request, and after the request's
 * recorded end (Firefox dates a request its preflight stopped with a duration of 0); a redirect hop
 * starts as soon as the previous one ends.
 */
const CLOCK_SLACK_MS = 50;
const PREFLIGHT_AFTER_END_MS = 1000;
const HOP_GAP_MS = 3000;

export function isPreflight(e: WireEntry): boolean {
  if (e.cors) return e.cors.role === 'preflight';
  if (e.resourceType === 'preflight' || e.initiator?.type === 'preflight') return true;
  return (
    e.method === 'OPTIONS' &&
    hasHeader(e.requestHeaders, 'Access-Control-Request-Method') &&
    hasHeader(e.requestHeaders, 'Origin')
  );
}

const end = (e: WireEntry) => e.startedAt + Math.max(0, e.time ?? 0);
const byStart = (a: WireEntry, b: WireEntry) => a.startedAt - b.startedAt || a.index - b.index;

/** Entries under a key, in start order, handed out once each. */
class Queue {
  private readonly lists = new Map<string, WireEntry[]>();
  private readonly cursors = new Map<string, number>();
  readonly taken = new Set<WireEntry>();

  add(key: string, e: WireEntry): void {
    const list = this.lists.get(key);
    if (list) list.push(e);
    else this.lists.set(key, [e]);
  }

  /** The first entry not yet taken with `from <= start <= to`; takes it. */
  take(key: string, from: number, to: number, accept: (e: WireEntry) => boolean = () => true): WireEntry | null {
    const list = this.lists.get(key);
    if (!list) return null;
    let i = this.cursors.get(key) ?? 0;
    while (i < list.length && this.taken.has(list[i]!)) i++;
    this.cursors.set(key, i);
    for (; i < list.length && list[i]!.startedAt <= to; i++) {
      const e = list[i]!;
      if (this.taken.has(e) || e.startedAt < from || !accept(e)) continue;
      this.taken.add(e);
      return e;
    }
    return null;
  }
}

const preflightKey = (url: string, method: string) => `${method}\n${url}`;

function nextHop(last: WireEntry, byUrl: Queue): WireEntry | null {
  if (!last.redirectURL || last.status < 300 || last.status > 399) return null;
  // A hop that ended in an error (a blocked redirect) was not followed.
  if (last.error) return null;
  return byUrl.take(
    last.redirectURL,
    last.startedAt - CLOCK_SLACK_MS,
    end(last) + HOP_GAP_MS,
    (n) =>
      (last.frameRef === null || n.frameRef === last.frameRef) && (last.pageRef === null || n.pageRef === last.pageRef),
  );
}

export function groupEntries(entries: readonly WireEntry[]): { groups: EntryGroup[]; orphanPreflights: WireEntry[] } {
  const sorted = [...entries].sort(byStart);
  const ours = new Map<string, EntryGroup>();
  const preflights = new Queue();
  const byRequestId = new Map<string, WireEntry>();
  const byUrl = new Queue();
  const requests: WireEntry[] = [];
  for (const e of sorted) {
    if (e.cors) {
      const g = ours.get(e.cors.exchangeId) ?? { hops: [], preflight: null };
      ours.set(e.cors.exchangeId, g);
      if (e.cors.role === 'preflight') g.preflight = e;
      else g.hops.push(e);
    } else if (isPreflight(e)) {
      const method = combinedHeader(e.requestHeaders, 'Access-Control-Request-Method') ?? '';
      preflights.add(preflightKey(e.url, method.trim()), e);
      if (e.initiator?.requestId && !byRequestId.has(e.initiator.requestId)) byRequestId.set(e.initiator.requestId, e);
    } else {
      byUrl.add(e.url, e);
      requests.push(e);
    }
  }
  const groups: EntryGroup[] = [...ours.values()].filter((g) => g.hops.length > 0);
  for (const first of requests) {
    if (byUrl.taken.has(first)) continue;
    byUrl.taken.add(first);
    const hops = [first];
    for (let next = nextHop(first, byUrl); next; next = nextHop(next, byUrl)) hops.push(next);
    const last = hops[hops.length - 1]!;
    let preflight: WireEntry | null = null;
    const exact = first.requestId ? byRequestId.get(first.requestId) : undefined;
    if (exact && !preflights.taken.has(exact)) {
      preflights.taken.add(exact);
      preflight = exact;
    }
    // A request redirected to a new URL is preflighted again there. The engine takes one
    // preflight: the last, which is the one that failed when one did (as in the e2e matrix).
    for (const [i, hop] of hops.entries()) {
      if (i === 0 && preflight) continue;
      preflight =
        preflights.take(
          preflightKey(hop.url, first.method),
          first.startedAt - CLOCK_SLACK_MS,
          end(last) + PREFLIGHT_AFTER_END_MS,
        ) ?? preflight;
    }
    groups.push({ hops, preflight });
  }
  const orphanPreflights = sorted.filter((e) => !e.cors && isPreflight(e) && !preflights.taken.has(e));
  return { groups, orphanPreflights };
}
