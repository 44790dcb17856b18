/**
 * Queues the observer's reports and hands them to the ISOLATED relay in batches, after the page's
 * current task: the page's own call path only pays for building one small object. A batch is a
 * JSON string in a CustomEvent's detail (strings cross between worlds; objects may not).
 */
import { PAGE_FACTS_EVENT, PAGE_LIMITS, type JsOutcome, type PageCall, type PageReport } from '../shared/page-facts.ts';
import type { Intrinsics } from './intrinsics.ts';

/** Reports kept while the page keeps its thread busy; beyond this the oldest are dropped. */
const MAX_QUEUED = 5000;
/** Recent calls remembered by URL, for a securitypolicyviolation that arrives after its call ended. */
const RECENT_CALLS = 256;

export class Reporter {
  /** False while the worker does not want reports (the tab is not recorded). */
  active = true;
  private queue: string[] = [];
  private scheduled = false;
  private nextId = 1;
  /** [id, URL without fragment] of the latest calls, oldest first. */
  private recent: [number, string][] = [];

  constructor(
    private readonly x: Intrinsics,
    /** The stack at the call (call-stack.ts); read here, inside the page's call, so the page's frames are on it. */
    private readonly stack: () => string | null = () => null,
  ) {}

  now(): number {
    return this.x.now();
  }

  /** Reports a call as it starts; returns its id for `end`. */
  start(call: Omit<PageCall, 'stack'>): number {
    const id = this.nextId++;
    let stackText: string | null = null;
    try {
      stackText = this.stack();
    } catch {
      // No call site; the report goes on without it.
    }
    this.push({ kind: 'start', call: id, ...call, stackText });
    if (this.active) {
      if (this.recent.length >= RECENT_CALLS) this.recent.shift();
      this.recent.push([id, withoutFragment(call.url)]);
    }
    return id;
  }

  /**
   * The page's Content-Security-Policy refused a URL: reports it for the latest call to that URL
   * (or, when the browser reports only an origin, to that origin).
   */
  refusedByCsp(blockedUri: string, directive: string): void {
    const exact = this.recent.findLast(([, url]) => url === blockedUri);
    const byOrigin = exact ?? this.recent.findLast(([, url]) => url.startsWith(`${blockedUri}/`));
    if (byOrigin) this.push({ kind: 'csp', call: byOrigin[0], directive });
  }

  /**
   * Reports how a call ended. The outcome is read inside, so a getter that fails (an exotic
   * Response, a detached document) costs the report, never the page's own result.
   */
  end(id: number, outcome: () => JsOutcome): void {
    try {
      this.push({ kind: 'end', call: id, at: this.x.now(), outcome: outcome() });
    } catch {
      // Not reported; the page's call has its result regardless.
    }
  }

  /** Forgets what is queued (the worker said it does not want it). */
  discard(): void {
    this.queue = [];
    this.recent = [];
  }

  /** Never throws: a report that cannot be made is not made, and the page's call goes on regardless. */
  private push(message: PageReport): void {
    if (!this.active) return;
    try {
      if (this.queue.length >= MAX_QUEUED) this.queue.shift();
      this.queue.push(this.x.stringify(message));
      if (this.scheduled) return;
      this.scheduled = true;
      this.x.later(() => this.flush());
    } catch {
      this.scheduled = false;
    }
  }

  /** Hands everything queued to the relay now (the document is going away: a later task would never run). */
  flush(): void {
    this.scheduled = false;
    const queue = this.queue;
    this.queue = [];
    let batch: string[] = [];
    let size = 2;
    for (const item of queue) {
      if (
        batch.length > 0 &&
        (batch.length >= PAGE_LIMITS.messagesPerBatch || size + item.length + 1 > PAGE_LIMITS.batchChars)
      ) {
        this.x.dispatch(PAGE_FACTS_EVENT, `[${batch.join(',')}]`);
        batch = [];
        size = 2;
      }
      batch.push(item);
      size += item.length + 1;
    }
    if (batch.length > 0) this.x.dispatch(PAGE_FACTS_EVENT, `[${batch.join(',')}]`);
  }
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}
