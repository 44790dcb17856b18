/**
 * Service-worker entry. Wires capture → store → readers, and owns recording. Chrome listeners that
 * must wake the worker (runtime ports, tab removal) are registered synchronously at top level;
 * webRequest listeners exist only while someone records (recording.ts).
 */
import { originOf } from '../cors/origin.ts';
import { message, type TabState } from '../shared/messages.ts';
import { Badge } from './badge.ts';
import { Capture, type RequestDetails } from './capture.ts';
import { ChromeVerifier } from './debugger.ts';
import { ExchangeDb } from './exchange-db.ts';
import { ExchangeStore, type StoreSnapshot } from './exchange-store.ts';
import { installApi } from './inspection-api.ts';
import { Join } from './join.ts';
import { PageFactsHub } from './page-facts.ts';
import { PageScripts } from './page-facts-scripts.ts';
import { Readers, send } from './readers.ts';
import { Recording, type RecordingSnapshot } from './recording.ts';
import { loadSession, saveSession, sessionJournal } from './session-state.ts';
import { RecentKeys } from './recent-keys.ts';
import { addListenerSet, type WebRequestEventName } from './web-request-listeners.ts';

const db = new ExchangeDb();
const badge = new Badge();
const readers = new Readers({
  subscribed(port, tabId) {
    recording.addReader(tabId, port);
    void ready.then(() => {
      void primePageUrl(tabId);
      send(port, message('snapshot', { state: readerState(tabId), exchanges: store.records(tabId) }));
    });
  },
  unsubscribed(port, tabId) {
    recording.removeReader(tabId, port);
    verifier.ownerGone(port);
  },
  message(port, msg) {
    void ready.then(() => {
      switch (msg.type) {
        case 'clear':
          return store.clear(msg.data.tabId, 'user');
        case 'set-preserve-log':
          return store.setPreserveLog(msg.data.tabId, msg.data.value);
        case 'set-record-all':
          return msg.data.value ? recording.recordAll('user') : recording.stopRecordAll('user');
        case 'get-snapshot':
          return send(
            port,
            message('snapshot', { state: readerState(msg.data.tabId), exchanges: store.records(msg.data.tabId) }),
          );
        case 'set-page-observer':
          return pageFacts.setEnabled(msg.data.value).then(() => store.knownTabs().forEach(broadcastState));
        case 'set-verify-with-chrome':
          return msg.data.value ? verifier.enable(msg.data.tabId, port) : verifier.disable(msg.data.tabId, port);
      }
    });
  },
});

const store = new ExchangeStore(
  db,
  {
    exchange(tabId, record, isNew) {
      readers.broadcast(tabId, message(isNew ? 'exchange-added' : 'exchange-updated', { tabId, exchange: record }));
      badge.update(tabId, record);
      // Network records look for the page call behind them (page-only records are that call).
      if (isNew && !record.pageFacts) join.record(record);
      verifier.recordChanged(record);
    },
    removed(tabId, id) {
      join.recordRemoved(id);
      badge.forget(tabId, id);
      readers.broadcast(tabId, message('exchange-removed', { tabId, id }));
    },
    cleared(tabId, why) {
      badge.reset(tabId);
      readers.broadcast(tabId, message('cleared', { tabId, why }));
    },
    navigated(tabId, url, at) {
      readers.broadcast(tabId, message('navigated', { tabId, url, at }));
    },
    state(state) {
      readers.broadcast(state.tabId, message('state', { state: withPageSide(state) }));
    },
  },
  (snapshot: StoreSnapshot) => saveSession({ store: snapshot }),
);
store.journal = sessionJournal;

/** The page-side observer's reports, joined to the network's records (see page-facts.ts, join.ts). */
const join = new Join(
  {
    annotate: (tabId, id, pageFacts) => store.annotate(tabId, id, { pageFacts }),
    addRecord: (r) => store.upsert(r),
    removeRecord: (r) => store.remove(r),
    nextSeq: () => store.nextSeq(),
    pageUrl: (tabId) => store.pageUrl(tabId),
  },
  {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
);
const pageFacts = new PageFactsHub(join, new PageScripts());
const verifier = new ChromeVerifier({
  annotate: (tabId, id, patch) => store.annotate(tabId, id, patch),
  changed: (tabId) => broadcastState(tabId),
});

/** What readers get as a tab's state: the store's, plus the page-side switches. */
function withPageSide(state: TabState): TabState {
  return { ...state, pageObserver: pageFacts.enabled, verifyWithChrome: verifier.state(state.tabId) };
}
const readerState = (tabId: number) => withPageSide(store.state(tabId));
const broadcastState = (tabId: number) => readers.broadcast(tabId, message('state', { state: readerState(tabId) }));

const capture = new Capture({
  upsert: (r) => store.upsert(r),
  remove: (r) => store.remove(r),
  navigated: (tabId, url, at) => store.navigated(tabId, url, at),
  nextSeq: () => store.nextSeq(),
  pageUrl: (tabId) => store.pageUrl(tabId),
  tabsShowing: (origin) =>
    [
      ...pageFacts.tabsShowing(origin),
      ...store.knownTabs().filter((t) => originOf(store.pageUrl(t)) === origin),
    ].filter((t) => t >= 0 && !closedTabs.has(t) && recording.isRecording(t)),
});

/**
 * Startup bridge. A stopped worker is woken by the request that matched its (lazy) listeners, and
 * Chromium delivers that request's events only to listeners registered synchronously during
 * startup (measured: listeners added after an await lost them). Which tabs were recorded is known
 * only after an async read, so a catch-all set is registered here and removed as soon as the
 * recording state is restored; events it catches are replayed for recorded tabs only. It lives a
 * few milliseconds per worker start.
 */
const bridge = addListenerSet({ urls: ['<all_urls>'] }, (event, details) =>
  onWebRequest(event, details as unknown as RequestDetails),
);
let queued: [WebRequestEventName, RequestDetails][] | null = [];
const dedupe = new RecentKeys(2000);

function onWebRequest(event: WebRequestEventName, details: RequestDetails): void {
  // While the bridge and the real listeners overlap, both deliver the same event.
  if (!dedupe.add(`${event}|${details.requestId}|${details.timeStamp}`)) return;
  if (queued) queued.push([event, details]);
  else if (recording.isRecording(details.tabId)) capture.handle(event, details);
}

let recordAllSince = 0;
const recording = new Recording(
  (event, details) => onWebRequest(event, details as unknown as RequestDetails),
  (tabId, on) =>
    void ready.then(() => store.setRecording(tabId, on, on && recording.recordingAll() ? recordAllSince : Date.now())),
  (snapshot: RecordingSnapshot) => {
    void saveSession({ recording: snapshot });
    void pageFacts.recordingChanged(snapshot);
  },
);

async function primePageUrl(tabId: number): Promise<void> {
  if (store.pageUrl(tabId)) return;
  try {
    const tab = await chrome.tabs.get(tabId);
    if (tab.url && !store.pageUrl(tabId)) store.state(tabId).pageUrl = tab.url;
  } catch {
    // The tab is gone; nothing to name.
  }
}

chrome.runtime.onConnect.addListener((port) => readers.accept(port));
chrome.runtime.onConnect.addListener((port) => pageFacts.accept(port));
/** Tabs closed in this worker's life: a record-all log keeps them, but no worker request comes from them. */
const closedTabs = new Set<number>();
chrome.tabs.onRemoved.addListener((tabId) => {
  closedTabs.add(tabId);
  void ready.then(() => {
    capture.endTab(tabId, 'the tab was closed before the request finished');
    join.forgetTab(tabId);
    recording.tabClosed(tabId);
    if (!recording.recordingAll()) store.forgetTab(tabId);
  });
});

const ready = (async () => {
  const session = await loadSession();
  if (!session.started) {
    // A new browser session: whatever IndexedDB holds is from an earlier one.
    await db.clearAll();
    await saveSession({ started: Date.now() });
  }
  for (const pending of await store.restore(session.store)) {
    capture.adopt(pending);
    // Its page call may report only now, to this worker instance.
    if (!pending.pageFacts) join.record(pending);
  }
  recording.restore(session.recording);
  pageFacts.recordingRestored();
  bridge.remove();
  const backlog = queued ?? [];
  queued = null;
  for (const [event, details] of backlog) if (recording.isRecording(details.tabId)) capture.handle(event, details);
})();

installApi({ ready, join, store, recording, pageFacts, verifier, setRecordAllSince: (t) => (recordAllSince = t) });
