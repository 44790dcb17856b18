/**
 * How a worker instance starts without losing what happens meanwhile.
 *
 * A stopped worker is woken by the request its listeners matched, and Chromium delivers that
 * request's events only to listeners registered during the worker's first task (measured:
 * listeners added after an `await` missed them). Which tabs are recorded is known only after an
 * async read, so a catch-all "bridge" set is registered at once and the events it hears are held
 * until the recording is restored — a few milliseconds: only chrome.storage.session is read
 * before listening resumes. What an earlier instance left in IndexedDB (requests still in flight,
 * the tab logs' order, the badge) is restored after that, while events already flow.
 *
 * Why this matters (measured on 3 000 requests with 8 forced stops): restoring used to read and
 * re-judge every stored exchange before listening again — 0.2 s at the first restart, over 1 s by
 * the eighth — and a stop in that window lost every event held meanwhile (18 % of the requests).
 */
import type { RequestDetails, WebRequestEventName, WebRequestHost } from '../platform/web-request.ts';
import type { StorageArea } from '../platform/worker.ts';
import type { CapturedRecord } from '../shared/exchange.ts';
import type { CaptureGap } from '../shared/messages.ts';
import type { Badge } from './badge.ts';
import type { Capture } from './capture.ts';
import type { Join } from './join.ts';
import { sectionOfId, tabOfId, type ExchangeDb, type LogSection, type Row } from './exchange-db.ts';
import { journalOf, plain } from './persistence.ts';
import { RecentKeys } from './recent-keys.ts';
import type { Recording, RecordingSnapshot } from './recording.ts';
import type { TabLog } from './tab-log.ts';
import type { SessionsSnapshot, TabSessions } from './tab-sessions.ts';

/** What the worker keeps in chrome.storage.session (besides the journal). */
export interface SavedState {
  /** Set once per browser session; absent means the browser just started. */
  started?: number;
  /** How many worker instances this browser session had before this one. */
  restarts?: number;
  sessions?: SessionsSnapshot;
  logs?: { tabId: number; evicted: number; gaps: CaptureGap[] }[];
  recording?: RecordingSnapshot;
  /** The last time an instance was known to be running (saved with every flush). */
  aliveAt?: number;
  /**
   * The browser's time of the latest webRequest event that instance had handled (saved with
   * every flush). A worker behind its events is stopped with them still queued, and Chromium
   * drops those: what happened after this may be missing, even before `aliveAt`.
   */
  heardUpTo?: number;
  /** The latest times the worker was down (the page may report calls from them again after a restart). */
  downtimes?: { from: number; to: number }[];
}

export interface StartupParts {
  webRequest: WebRequestHost;
  session: StorageArea;
  db: ExchangeDb;
  sessions: TabSessions;
  recording: Recording;
  capture: Capture;
  join: Join;
  tabLog: TabLog;
  badge: Badge;
  timers: { now(): number; setTimeout(fn: () => void, ms: number): unknown };
  /** A request an earlier instance left in flight, taken back by the capture: pass it down the pipeline. */
  resume(record: CapturedRecord): void;
}

/** Stored exchanges the join is told of after a restart (the page's resent calls may be theirs). */
const RECENT_FOR_THE_JOIN = 2000;

/** How long a request taken back after a restart may stay silent before its end counts as unseen. */
export const ADOPTION_GRACE_MS = 3000;

const END_NOT_SEEN =
  "its end was not seen: the extension's worker was stopped while it was in flight, and its last events went with it";

const isOpen = (r: CapturedRecord) => r.browserOutcome === 'pending' && r.endedBy === null;

const noIds = (): Record<LogSection, string[]> => ({ network: [], pageOnly: [], recovered: [] });

/** The open rows as stored, with the journal's newer states and deletes laid over them. */
function stillOpen(stored: Row[], journal: Row[], deleted: string[]): Row[] {
  const byId = new Map(stored.map((r) => [r.id, r]));
  for (const row of journal) byId.set(row.id, row);
  for (const id of deleted) byId.delete(id);
  return [...byId.values()].filter((r) => r.open === 1);
}

export class Startup {
  /** Resolves once everything an earlier instance left has been restored. */
  readonly ready: Promise<void>;
  /**
   * Resolves once the join knows the stored exchanges the page's resent reports may belong to,
   * and the events held meanwhile have been handled: the page's reports wait for this, not for
   * the whole restore (the tab logs' order of 20 000 rows took seconds under load, and a worker
   * stopped again before then lost the reports once more).
   */
  readonly joinReady: Promise<void>;
  private markJoinReady!: () => void;
  private held: [WebRequestEventName, RequestDetails][] | null = [];
  /** While the bridge and the real listeners overlap, both deliver the same event. */
  private dedupe = new RecentKeys(4000);
  private readonly startedAt: number;
  private listeningAt: number | null = null;
  private restarts = 0;
  private events = 0;
  private latestEventAt: number | null = null;
  private readonly steps: Record<string, number> = {};
  private heldCount = 0;

  constructor(private readonly p: StartupParts) {
    this.startedAt = p.timers.now();
    const bridge = p.webRequest.listen('all', (event, details) => this.onEvent(event, details));
    this.joinReady = new Promise((resolve) => {
      this.markJoinReady = resolve;
    });
    this.ready = this.restore(() => bridge.remove()).finally(() => this.markJoinReady());
  }

  /** Every webRequest event of this instance arrives here. */
  onEvent(event: WebRequestEventName, details: RequestDetails): void {
    if (!this.dedupe.add(`${event}|${details.requestId}|${details.timeStamp}`)) return;
    this.events++;
    if (this.latestEventAt === null || details.timeStamp > this.latestEventAt) this.latestEventAt = details.timeStamp;
    if (this.held) this.held.push([event, details]);
    else if (this.wanted(details.tabId)) this.p.capture.handle(event, details);
  }

  /** webRequest's events matter for recorded tabs DevTools' own network log does not feed. */
  private wanted(tabId: number): boolean {
    return this.p.recording.isRecording(tabId) && !this.p.recording.isFed(tabId);
  }

  /** The browser's time of the latest webRequest event this instance has handled (null: none yet). */
  heardUpTo(): number | null {
    return this.latestEventAt;
  }

  diagnostics() {
    return {
      startedAt: this.startedAt,
      startupMs: this.listeningAt === null ? null : this.listeningAt - this.startedAt,
      restarts: this.restarts,
      events: this.events,
      steps: { ...this.steps },
      held: this.heldCount,
    };
  }

  private step(name: string): void {
    this.steps[name] = this.p.timers.now() - this.startedAt;
  }

  private async restore(removeBridge: () => void): Promise<void> {
    const { p } = this;
    const saved = (await p.session.get(null)) as SavedState & Record<string, unknown>;
    this.step('session read');
    const firstOfSession = !saved.started;
    if (firstOfSession) {
      // A new browser session: whatever IndexedDB holds is from an earlier one.
      await p.db.clearAll();
      await p.session.set({ started: this.startedAt, restarts: 0 });
    } else {
      this.restarts = (saved.restarts ?? 0) + 1;
      void p.session.set({ restarts: this.restarts });
    }
    const {
      keys: journalKeys,
      rows: journal,
      deleted,
    } = firstOfSession ? { keys: [], rows: [], deleted: [] } : journalOf(saved);
    // The open rows are read before the journal's write is queued, so the read does not wait for
    // it (IndexedDB runs a read-only transaction created first at once); the journal, newer, is laid
    // over what it returns. Later reads queue behind the write and see the store whole; the
    // journal's entries go once it has committed (this instance journals what it writes itself).
    // Awaiting the write first kept events held 100–500 ms longer at every restart of the soak.
    const openStored = firstOfSession ? Promise.resolve([]) : p.db.openRows();
    if (journalKeys.length > 0)
      void p.db.write(journal, deleted).then(
        () => p.session.remove(journalKeys),
        () => undefined,
      );
    const open = stillOpen(await openStored, journal, deleted);
    this.step(`${open.length} open read`);
    p.sessions.restore(
      saved.sessions,
      journal.reduce((max, r) => Math.max(max, r.seq), 0),
    );
    for (const log of saved.logs ?? []) p.tabLog.restore(log.tabId, noIds(), log);
    p.recording.restore(saved.recording);
    // Requests in flight at the stop are taken back before the events held meanwhile, which
    // continue them.
    if (!firstOfSession) {
      const down = {
        from: Math.min(saved.aliveAt ?? this.startedAt, saved.heardUpTo ?? Number.POSITIVE_INFINITY),
        to: this.startedAt,
      };
      const downtimes = [...(saved.downtimes ?? []), down].slice(-10);
      void p.session.set({ downtimes });
      p.capture.restartedAfter(down);
      for (const d of downtimes) p.join.restartedAfter(d);
      this.resumeInFlight(open, down);
    }
    removeBridge();
    const held = this.held ?? [];
    this.held = null;
    this.heldCount = held.length;
    for (const [event, details] of held) if (this.wanted(details.tabId)) p.capture.handle(event, details);
    this.listeningAt = p.timers.now();
    this.step('listening');
    if (firstOfSession) return;
    p.timers.setTimeout(() => p.capture.giveUpOnAdopted(END_NOT_SEEN), ADOPTION_GRACE_MS);
    await this.restoreLogs();
  }

  /**
   * The requests an earlier instance left in flight (IndexedDB has their latest state: the journal
   * was written there first) go back to the capture, marked with the time the worker was down.
   */
  private resumeInFlight(open: Row[], down: { from: number; to: number }): void {
    const { p } = this;
    const interrupted = new Map<number, number>();
    for (const record of open.map(plain).sort((a, b) => a.seq - b.seq)) {
      // Known to the tab log from now on (the rest of its order is read later).
      const ids = noIds();
      ids[sectionOfId(record.id)].push(record.id);
      p.tabLog.restore(record.tabId, ids, { evicted: 0, gaps: [] });
      const adopted = p.capture.adopt(record, down);
      // Taken back by an earlier instance already, longer ago than the grace: that instance's
      // timer went with it (stops ~1 s apart left such requests open through 9 restarts).
      const firstTakenBack = record.interruptions?.[0]?.to;
      if (firstTakenBack !== undefined && down.to - firstTakenBack > ADOPTION_GRACE_MS)
        p.capture.giveUp(adopted.requestId, END_NOT_SEEN);
      p.resume(adopted);
      interrupted.set(record.tabId, (interrupted.get(record.tabId) ?? 0) + 1);
    }
    for (const [tabId, n] of interrupted)
      p.tabLog.gap(tabId, {
        ...down,
        requests: n,
        why: `the extension's worker was stopped while ${n} request(s) were in flight`,
      });
  }

  /** The logs' order and the badge, as the earlier instance left them (read while events already flow). */
  private async restoreLogs(): Promise<void> {
    const { p } = this;
    // The page reports again what it sent while the worker was stopping (content/relay.iife.ts):
    // the join must know the exchanges those calls already have, or it would make them twice.
    const ended = (await p.db.latest(RECENT_FOR_THE_JOIN)).filter((row) => !isOpen(row)).map(plain);
    for (const record of ended) p.join.record(record);
    this.markJoinReady();
    this.step('join ready');
    const [ids, blocked, maxSeq] = await Promise.all([p.db.idsInOrder(), p.db.blockedIds(), p.db.maxSeq()]);
    p.sessions.restore(undefined, maxSeq);
    const byTab = new Map<number, Record<LogSection, string[]>>();
    for (const id of ids) {
      const tabId = tabOfId(id);
      const lists = byTab.get(tabId) ?? noIds();
      lists[sectionOfId(id)].push(id);
      byTab.set(tabId, lists);
    }
    for (const [tabId, lists] of byTab) p.tabLog.restore(tabId, lists, { evicted: 0, gaps: [] });
    // Once the tab logs know them, so a preflight joining one updates it in place.
    p.capture.takeBackEnded(ended);
    p.badge.restore(blocked.map((id) => ({ tabId: tabOfId(id), id })));
  }
}
