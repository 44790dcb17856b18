/**
 * The service worker, wired: the pipeline and nothing else (docs/architecture.md). Data flows one
 * way:
 *
 *   tab sessions → capture (webRequest) ─┬→ assembly → evaluation → tab log → persistence
 *                  join (page facts) ────┤                                  → readers, badge
 *                  verify with Chrome ───┘
 *
 * Everything that touches the browser comes in through `WorkerHost`, so the whole worker also
 * runs in unit tests on fakes (test/support/fake-platform.ts), restarts included.
 */
import type { DebuggerHost } from '../platform/debugger.ts';
import type { WebRequestHost } from '../platform/web-request.ts';
import type { ScriptFiles, WorkerPlatform } from '../platform/worker.ts';
import { originOf } from '../cors/origin.ts';
import type { CapturedRecord } from '../shared/exchange.ts';
import { message, type TabState } from '../shared/messages.ts';
import { pagesBySeq } from '../shared/pages.ts';
import { Assembly } from './assembly.ts';
import { Badge } from './badge.ts';
import { Capture } from './capture.ts';
import { DevtoolsSource } from './devtools-source.ts';
import { Evaluator } from './evaluation.ts';
import type { ExchangeDb } from './exchange-db.ts';
import { installApi } from './inspection-api.ts';
import { Join, type Timers } from './join.ts';
import { PageFactsHub } from './page-facts-hub.ts';
import { PageScripts } from './page-scripts.ts';
import { Persistence } from './persistence.ts';
import { Readers, send } from './readers.ts';
import { RecentEvaluations } from './recent-evaluations.ts';
import { Recording } from './recording.ts';
import { Startup, type SavedState } from './startup.ts';
import { TabLog } from './tab-log.ts';
import { TabSessions } from './tab-sessions.ts';
import { VerifyWithChrome } from './verify-with-chrome.ts';

export interface WorkerHost {
  platform: WorkerPlatform;
  webRequest: WebRequestHost;
  debugger: DebuggerHost;
  db: ExchangeDb;
  scripts: ScriptFiles;
  timers: Timers;
}

/** Starts one worker instance. Call during the worker's first task: it registers the listeners that wake it. */
export function startWorker(host: WorkerHost) {
  const { platform, timers, db } = host;
  // ── state and the stages after the engine ──
  const sessions = new TabSessions({
    changed: (tabId) => broadcastState(tabId),
    resumed: (tabId, from, to) => tabLog.gap(tabId, { from, to, why: 'nobody was recording this tab' }),
    save: () => persistence.stateChanged(),
  });
  const saved = (): SavedState => ({
    sessions: sessions.snapshot(),
    logs: tabLog.tabs().map((tabId) => {
      const { evicted, gaps } = tabLog.state(tabId);
      return { tabId, evicted, gaps };
    }),
    aliveAt: timers.now(),
    heardUpTo: startup.heardUpTo() ?? undefined,
  });
  const persistence = new Persistence(db, platform.session, saved, timers);
  const badge = new Badge(platform.badge);
  const readers = new Readers(
    {
      subscribed(port, tabId, feeds) {
        recording.addReader(tabId, port, feeds);
        void primePageUrl(tabId);
        // A feeding DevTools page sends again what follows the entries this instance has.
        if (feeds) send(port, message('devtools-ack', { tabId, upTo: devtools.upTo(tabId) }));
      },
      unsubscribed(port, tabId) {
        recording.removeReader(tabId, port);
        verifier.ownerGone(port);
      },
      message(port, msg) {
        void startup.ready.then(() => {
          switch (msg.type) {
            case 'clear':
              evaluator.drain();
              return tabLog.clear(msg.data.tabId, 'user');
            case 'set-preserve-log':
              return sessions.setPreserveLog(msg.data.tabId, msg.data.value);
            case 'set-record-all':
              return msg.data.value ? recording.recordAll('user') : recording.stopRecordAll('user');
            case 'set-page-observer':
              return pageFacts.setEnabled(msg.data.value).then(() => sessions.known().forEach(broadcastState));
            case 'set-verify-with-chrome':
              return msg.data.value ? verifier.enable(msg.data.tabId, port) : verifier.disable(msg.data.tabId, port);
            case 'devtools-entries': {
              const { tabId, from, entries } = msg.data;
              devtools.receive(tabId, from, entries);
              return send(port, message('devtools-ack', { tabId, upTo: devtools.upTo(tabId) }));
            }
            case 'devtools-navigated':
              return navigated(msg.data.tabId, msg.data.url, timers.now());
            default:
              return send(port, message('error', { message: `unexpected ${msg.type}` }));
          }
        });
      },
    },
    {
      state: (tabId) => tabState(tabId),
      async *pages(tabId) {
        await startup.ready;
        evaluator.drain();
        for await (const page of pagesBySeq((afterSeq) => persistence.page({ tabId, afterSeq, limit: 500 })))
          yield page.map((c) => recent.of(c));
      },
    },
  );
  const tabLog = new TabLog(
    {
      put(record, isNew) {
        persistence.put(record, isNew);
        recent.put(record);
        badge.update(record);
        readers.broadcast(
          record.tabId,
          message(isNew ? 'exchange-added' : 'exchange-updated', { tabId: record.tabId, exchange: record }),
        );
      },
      removed(tabId, ids, why) {
        persistence.removed(ids);
        recent.forget(ids);
        badge.forget(tabId, ids);
        readers.broadcast(tabId, message('exchanges-removed', { tabId, ids, why }));
      },
      cleared(tabId, why) {
        persistence.cleared(tabId);
        recent.forgetTab(tabId);
        badge.reset(tabId);
        if (why !== 'tab-closed') readers.broadcast(tabId, message('cleared', { tabId, why }));
      },
      navigated: (tabId, url, at) => readers.broadcast(tabId, message('navigated', { tabId, url, at })),
      state(tabId) {
        persistence.stateChanged();
        broadcastState(tabId);
      },
    },
    { preserveLog: (tabId) => sessions.get(tabId).preserveLog },
  );

  // ── the engine and the stage before it ──
  const evaluator = new Evaluator(tabLog, timers);
  const recent = new RecentEvaluations((c) => evaluator.evaluate(c));
  const assembly = new Assembly(evaluator, timers.now, host.webRequest.browser);

  // ── sources ──
  const verifier = new VerifyWithChrome(
    { annotate: (_tabId, id, patch) => assembly.annotate(id, patch), changed: (tabId) => broadcastState(tabId) },
    host.debugger,
  );
  const join = new Join(
    {
      annotate: (_tabId, id, pageFacts) => assembly.annotate(id, { pageFacts }),
      addRecord(record) {
        assembly.upsert(record);
        verifier.recordChanged(record);
      },
      removeRecord: (record) => assembly.remove(record.tabId, record.id),
    },
    sessions,
    timers,
    (): number | null => startup.heardUpTo(),
  );
  /** A network source's record (webRequest's capture, DevTools' log): on to the join, the verifier and the assembly. */
  const fromNetwork = (record: CapturedRecord, isNew: boolean) => {
    assembly.upsert(record);
    if (isNew) join.record(record);
    verifier.recordChanged(record);
  };
  const navigated = (tabId: number, url: string, at: number) => {
    sessions.setPageUrl(tabId, url);
    assembly.navigated(tabId, url, at);
  };
  const capture = new Capture(
    {
      upsert: fromNetwork,
      remove(record) {
        join.recordRemoved(record.id);
        assembly.remove(record.tabId, record.id);
      },
      navigated,
    },
    {
      nextSeq: () => sessions.nextSeq(),
      pageUrl: (tabId) => sessions.pageUrl(tabId),
      // A shared or service worker's request belongs to the one recorded tab showing its origin.
      tabsShowing: (origin) =>
        [
          ...new Set([
            ...pageFacts.tabsShowing(origin),
            ...sessions.known().filter((t) => originOf(sessions.pageUrl(t)) === origin),
          ]),
        ].filter((t) => t >= 0 && !closedTabs.has(t) && recording.isRecording(t)),
    },
    host.webRequest.browser,
  );
  const devtools = new DevtoolsSource({ upsert: fromNetwork }, sessions, timers);
  const pageFacts = new PageFactsHub(
    join,
    new PageScripts(platform.scripting, host.scripts),
    platform.local,
    platform.tabs,
    (): Promise<void> => startup.joinReady,
    // A stop after the flush's journal entry is sent loses nothing (persistence.ts).
    () => {
      evaluator.drain();
      void persistence.flush();
    },
    timers,
  );

  // ── who is looking ──
  let recordAllSince = 0;
  const recording = new Recording(
    host.webRequest,
    (event, details) => startup.onEvent(event, details),
    (tabId, on) => sessions.setRecording(tabId, on, on && recording.recordingAll() ? recordAllSince : timers.now()),
    (snapshot) => {
      void platform.session.set({ recording: snapshot });
      void pageFacts.recordingChanged(snapshot);
    },
  );

  const startup = new Startup({
    webRequest: host.webRequest,
    session: platform.session,
    db,
    sessions,
    recording,
    capture,
    join,
    tabLog,
    badge,
    timers,
    resume(record) {
      assembly.upsert(record, true);
      join.record(record);
      verifier.recordChanged(record);
    },
  });

  function tabState(tabId: number): TabState {
    const s = sessions.get(tabId);
    const log = tabLog.state(tabId);
    return {
      tabId,
      recording: s.recording,
      recordingSince: s.recordingSince,
      preserveLog: s.preserveLog,
      evicted: log.evicted,
      gaps: log.gaps,
      pageUrl: s.pageUrl,
      pageObserver: pageFacts.enabled,
      verifyWithChrome: verifier.state(tabId),
    };
  }

  function broadcastState(tabId: number): void {
    readers.broadcast(tabId, message('state', { state: tabState(tabId) }));
  }

  /** A reader opened on a tab the worker has not seen navigate: name the page it shows. */
  async function primePageUrl(tabId: number): Promise<void> {
    await startup.ready;
    if (sessions.pageUrl(tabId)) return;
    const url = await platform.tabs.url(tabId);
    if (url && !sessions.pageUrl(tabId)) sessions.setPageUrl(tabId, url);
  }

  platform.ports.onConnect((port) => readers.accept(port));
  platform.ports.onConnect((port) => pageFacts.accept(port));
  /** Tabs closed in this worker's life: a record-all log keeps them, but no worker's request comes from them. */
  const closedTabs = new Set<number>();
  platform.tabs.onRemoved((tabId) => {
    closedTabs.add(tabId);
    void startup.ready.then(() => {
      capture.endTab(tabId, 'the tab was closed before the request finished');
      join.forgetTab(tabId);
      devtools.forgetTab(tabId);
      recording.tabClosed(tabId);
      evaluator.drain();
      assembly.forgetTab(tabId);
      if (recording.recordingAll()) return;
      tabLog.forgetTab(tabId);
      sessions.forget(tabId);
    });
  });

  installApi({
    ready: startup.ready,
    sessions,
    join,
    evaluator,
    recent,
    tabLog,
    persistence,
    recording,
    pageFacts,
    verifier,
    tabs: platform.tabs,
    state: tabState,
    inFlight: (tabId) => capture.inFlight(tabId),
    diagnostics: () => ({ ...startup.diagnostics(), recent: assembly.size() }),
    recordAllStarted: () => {
      recordAllSince = timers.now();
    },
  });

  return { startup, sessions, capture, tabLog, persistence, readers, recording };
}
