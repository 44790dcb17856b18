/**
 * The CDP source for one page: a DevTools-protocol session of our own (beside Playwright's), with
 * Network, Audits and Page enabled, and every child target of the page (out-of-process iframes,
 * dedicated workers) attached paused, enabled the same way, then let run — so no request of a
 * child is made before it is watched. Requests become exchange records (record.ts) in the store
 * once settled; calls refused in the renderer become records from their CORS issue (refusals.ts).
 */
import type Protocol from 'devtools-protocol';
import type { BrowserContext, Page } from 'playwright-core';
import type { CapturedRecord } from '../../shared/exchange.ts';
import type { CaptureGap } from '../../shared/messages.ts';
import { childChannel, playwrightChannel, type CdpChannel, type CdpEvent, type CdpMessage } from './channel.ts';
import { FrameMap } from './frames.ts';
import { MissedRequests } from './missed-requests.ts';
import { NETWORK_ENABLE, NETWORK_EVENTS, NetworkLog, type CdpExchange, type CdpRequest } from './network-log.ts';
import { PreflightAnswers, preflightDue } from './preflight-due.ts';
import { recordFromCdp, type RequestPlace } from './record.ts';
import { RecordStore } from './record-store.ts';
import { refusalOf, refusalRecord } from './refusals.ts';

/** What every tab's capture shares: the log, one sequence across tabs, and the preflight answers Chromium may have cached. */
export interface CaptureHub {
  store: RecordStore;
  nextSeq(): number;
  preflights: PreflightAnswers;
}

/** A hub for one inspector's tabs. */
export function newCaptureHub(): CaptureHub {
  let seq = 0;
  return { store: new RecordStore(), nextSeq: () => ++seq, preflights: new PreflightAnswers() };
}

/** The events the page's own session listens to (Playwright's CDPSession has no catch-all). */
const ROOT_EVENTS: readonly CdpEvent[] = [
  ...NETWORK_EVENTS,
  'Audits.issueAdded',
  'Page.frameAttached',
  'Page.frameNavigated',
  'Page.frameDetached',
  'Inspector.targetCrashed',
  'Target.attachedToTarget',
  'Target.detachedFromTarget',
  'Target.receivedMessageFromTarget',
];

/** URLs whose starts are counted per tab, at most. */
const MAX_COUNTED_URLS = 5000;

/** How long a reader waits for the children's Resource Timing, at most. */
const RECHECK_MS = 1000;

/** The document Chromium shows when a page could not be loaded. */
const CHROME_ERROR_PAGE = 'chrome-error://';

export class TabCapture {
  private readonly frames = new FrameMap();
  private readonly places = new WeakMap<CdpRequest, RequestPlace>();
  private readonly log: NetworkLog;
  private nextIssue = 1;
  private missedGap: CaptureGap | null = null;
  private readonly starts = new Map<string, number>();
  private readonly misses = new MissedRequests();
  /** Child targets let run, and per URL how many of its early requests each one's Resource Timing showed missed. */
  private readonly children = new Map<CdpChannel, Map<string, number>>();
  /** While set, records of requests still in flight end with this reason (and after the tab closed, for good). */
  private endingAs: string | null = null;
  private closed = false;
  private crashed = false;
  private startedCount = 0;

  private constructor(
    readonly tabId: number,
    private readonly hub: CaptureHub,
  ) {
    this.log = new NetworkLog({
      started: (r) => {
        this.startedCount++;
        this.places.set(r, this.placeOf(r.frameId));
        this.countStart(r.hops[0]!.url);
      },
      settled: (x) => this.settled(x),
      missed: (r) => {
        this.missed(r.response?.url, 'ended');
        if (!r.response) for (const child of this.children.keys()) void this.checkEarlyRequests(child);
      },
      preflightDue: (x) =>
        preflightDue(
          x,
          this.places.get(x.request)?.frameOrigin ?? this.frames.place(x.request.frameId).frameOrigin,
          hub.preflights,
        ),
      preflightAnswered: (p) => hub.preflights.note(p),
    });
  }

  /**
   * Watches `page` from its next request on. Resolves once Network is enabled on it, so a page
   * from context.newPage() that is navigated after this loses nothing.
   */
  static async attach(context: BrowserContext, page: Page, tabId: number, hub: CaptureHub): Promise<TabCapture> {
    const capture = new TabCapture(tabId, hub);
    const root = playwrightChannel(await context.newCDPSession(page), ROOT_EVENTS);
    await capture.watch(root, true);
    page.once('close', () => {
      capture.closed = true;
      capture.endInFlight('the tab closed');
    });
    return capture;
  }

  /**
   * Reads each child's Resource Timing again (checkEarlyRequests): an early request that was in
   * flight when the child was let run, and whose end never reached this session, shows only there.
   */
  async recheckChildren(): Promise<void> {
    // A child busy in a long script answers late: a reader does not wait for it beyond a moment.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.children.keys()].map((c) => this.checkEarlyRequests(c))),
      new Promise((r) => {
        timer = setTimeout(r, RECHECK_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  /** Requests this tab has seen start, so far. */
  get started(): number {
    return this.startedCount;
  }

  /** The tab's top-level URL now. */
  get pageUrl(): string {
    return this.frames.pageUrl;
  }

  /** Exchanges of this tab still in flight (not yet settled), and requests whose start was not seen. */
  inFlight(): number {
    return this.pending().length + this.log.startsUnseen();
  }

  /** The records of the requests in flight, as they stand now. */
  pending(): CapturedRecord[] {
    return [...this.log.inFlight()].flatMap((x) => this.recordOf(x) ?? []);
  }

  private async watch(channel: CdpChannel, isRoot: boolean, type = 'page'): Promise<void> {
    channel.onEvent((m) => this.dispatch(channel, m));
    const hasFrames = type === 'page' || type === 'iframe';
    const enabling = [
      channel.send('Network.enable', NETWORK_ENABLE),
      channel.send('Audits.enable'),
      channel.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false }),
      ...(hasFrames ? [channel.send('Page.enable')] : []),
    ];
    if (isRoot) {
      await Promise.all(enabling);
      this.frames.seed((await channel.send('Page.getFrameTree')).frameTree);
      return;
    }
    // A child that cannot take a domain (a worker has no Page or Audits) is still let run.
    await Promise.allSettled(enabling);
    await channel.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
    this.children.set(channel, new Map());
    channel.onClose(() => this.children.delete(channel));
    await this.checkEarlyRequests(channel);
  }

  /**
   * A child Playwright's session let run before this one was ready may already have made requests
   * (see `missed`). Those that ended are in its Resource Timing buffer, failures included
   * (measured: CORS-blocked and refused fetches have entries): any this tab never saw start were
   * missed. Looked at when the child is let run, and again when a missed request ends without its
   * URL known (it was in flight the first time, so its entry is there now); each URL's misses are
   * noted once per child, however often the buffer is read.
   */
  private async checkEarlyRequests(channel: CdpChannel): Promise<void> {
    const noted = this.children.get(channel);
    if (!noted) return;
    const made = await channel
      .send('Runtime.evaluate', {
        expression: "performance.getEntriesByType('resource').map((e) => e.name)",
        returnByValue: true,
      })
      .then((r) => (Array.isArray(r.result.value) ? (r.result.value as string[]) : []))
      .catch(() => []);
    const counted = new Map<string, number>();
    for (const url of made) {
      const n = (counted.get(url) ?? 0) + 1;
      counted.set(url, n);
      if (n <= (this.starts.get(url) ?? 0) || n <= (noted.get(url) ?? 0)) continue;
      noted.set(url, n);
      this.missed(url, 'timed');
    }
  }

  /** How many requests to each URL this tab saw start (bounded: the oldest URLs are forgotten). */
  private countStart(url: string): void {
    const n = this.starts.get(url) ?? 0;
    this.starts.delete(url);
    this.starts.set(url, n + 1);
    if (this.starts.size > MAX_COUNTED_URLS) this.starts.delete(this.starts.keys().next().value!);
  }

  private dispatch(channel: CdpChannel, m: CdpMessage): void {
    if (m.method.startsWith('Network.')) return this.log.handle(m);
    if (m.method.startsWith('Page.')) {
      const topNavigated = this.frames.handle(m);
      // A crashed page that loads again is recorded again (the session and its domains survive the renderer).
      if (this.crashed && topNavigated) {
        this.hub.store.closeGaps(this.tabId, Date.now());
        this.crashed = false;
      }
      return;
    }
    switch (m.method) {
      case 'Audits.issueAdded':
        return this.issue((m.params as Protocol.Audits.IssueAddedEvent).issue);
      case 'Target.attachedToTarget': {
        const p = m.params as Protocol.Target.AttachedToTargetEvent;
        void this.watch(childChannel(channel, p.sessionId), false, p.targetInfo.type).catch(() => undefined);
        return;
      }
      case 'Inspector.targetCrashed':
        this.crashed = true;
        this.hub.store.gap(this.tabId, { from: Date.now(), to: null, why: 'the page crashed' });
        return this.endInFlight('the page crashed');
    }
  }

  private issue(issue: Protocol.Audits.InspectorIssue): void {
    const refusal = refusalOf(issue);
    if (!refusal) return;
    const id = issue.issueId ?? `n${this.nextIssue++}`;
    this.hub.store.put(refusalRecord(refusal, id, this.placeOf(undefined, refusal.initiatorOrigin), Date.now()));
  }

  private settled(x: CdpExchange): void {
    const record = this.recordOf(x);
    if (record) this.hub.store.put(record);
  }

  /** Notes a request this tab missed (missed-requests.ts), in one gap per tab that grows. */
  private missed(url: string | undefined, how: 'ended' | 'timed'): void {
    const now = Date.now();
    if (!this.missedGap) {
      this.missedGap = { from: now, to: now, why: '' };
      this.hub.store.gap(this.tabId, this.missedGap);
    }
    this.missedGap.to = now;
    this.misses.note(url, how);
    this.missedGap.why = this.misses.why();
    this.missedGap.requests = this.misses.total;
  }

  private recordOf(x: CdpExchange): CapturedRecord | null {
    // Chromium's own error page (a page that could not load) fetches its images as data: URLs;
    // they are the browser's, not the site's (webRequest never shows them either).
    if (x.request.documentURL.startsWith(CHROME_ERROR_PAGE)) return null;
    let place = this.places.get(x.request);
    if (!place) {
      place = this.placeOf(x.request.frameId);
      this.places.set(x.request, place);
    }
    const record = recordFromCdp(x, place);
    if (record && record.browserOutcome === 'pending' && this.endingAs) record.endedBy = this.endingAs;
    return record;
  }

  private placeOf(frameId: string | undefined, frameOrigin?: string): RequestPlace {
    const frame = this.frames.place(frameId);
    return {
      tabId: this.tabId,
      ...frame,
      frameOrigin: frame.frameOrigin ?? frameOrigin ?? null,
      pageUrl: this.frames.pageUrl,
      seq: this.hub.nextSeq(),
    };
  }

  /** What is in flight will not finish (the tab closed, the page crashed): it is settled as it stands, saying why. */
  private endInFlight(why: string): void {
    this.endingAs = why;
    this.log.flush();
    if (!this.closed) this.endingAs = null;
  }
}
