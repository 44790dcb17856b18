/**
 * Installs the worker's inspection API (src/shared/inspection-api.ts) on its global scope, for the
 * Node API, the CLI and the tests. A "record all" owner is a session someone is looking at.
 */
import type { ExchangeRecord } from '../shared/exchange.ts';
import type { InspectionApi, WorkerDiagnostics } from '../shared/inspection-api.ts';
import type { TabState } from '../shared/messages.ts';
import type { Tabs } from '../platform/worker.ts';
import { pagesBySeq } from '../shared/pages.ts';
import type { Evaluator } from './evaluation.ts';
import type { PageFactsHub } from './page-facts-hub.ts';
import type { Persistence } from './persistence.ts';
import type { RecentEvaluations } from './recent-evaluations.ts';
import type { Join } from './join.ts';
import type { Recording } from './recording.ts';
import type { TabLog } from './tab-log.ts';
import type { TabSessions } from './tab-sessions.ts';
import { wrongAnswersFor } from './verify-with-chrome-test-hook.ts';
import type { VerifyWithChrome } from './verify-with-chrome.ts';

export interface ApiParts {
  ready: Promise<void>;
  sessions: TabSessions;
  join: Join;
  evaluator: Evaluator;
  recent: RecentEvaluations;
  tabLog: TabLog;
  persistence: Persistence;
  recording: Recording;
  pageFacts: PageFactsHub;
  verifier: VerifyWithChrome;
  tabs: Tabs;
  state(tabId: number): TabState;
  inFlight(tabId?: number): number;
  diagnostics(): WorkerDiagnostics;
  /** Record-all began now (its start time is each tab's "recording since"). */
  recordAllStarted(): void;
}

/** Readers are identified by object; named owners get one stable token each. */
const tokens = new Map<string, object>();
const tokenFor = (owner: string): object => tokens.get(owner) ?? tokens.set(owner, { owner }).get(owner)!;

const PAGE = 1000;

export function installApi(p: ApiParts): void {
  const { ready, sessions, evaluator, tabLog, persistence, recording, pageFacts, verifier } = p;
  /** Everything captured so far, written (the evaluation batch first). */
  const settled = async () => {
    await ready;
    evaluator.drain();
    await persistence.flush();
  };
  const api: InspectionApi = {
    whenReady: () => ready,
    async recordAll(owner) {
      await ready;
      if (!recording.recordingAll()) p.recordAllStarted();
      recording.recordAll(owner);
      // Record-all sessions keep every page's exchanges (a CLI visits many URLs in one tab).
      sessions.preserveAll();
      // Pages opened from now on get the page-side observer from their first script on.
      await pageFacts.settled();
    },
    async stopRecordAll(owner) {
      await ready;
      recording.stopRecordAll(owner);
      await pageFacts.settled();
    },
    async recordTab(tabId, owner) {
      await ready;
      recording.addReader(tabId, tokenFor(owner));
      await pageFacts.settled();
    },
    async stopRecordTab(tabId, owner) {
      await ready;
      recording.removeReader(tabId, tokenFor(owner));
      await pageFacts.settled();
    },
    async exchanges(filter = {}) {
      const all: ExchangeRecord[] = [];
      for await (const page of pagesBySeq((afterSeq) => api.records({ tabId: filter.tabId, afterSeq, limit: PAGE })))
        all.push(...page.map((c) => p.recent.of(c)));
      return all;
    },
    async records(query) {
      await settled();
      return persistence.page(query);
    },
    inFlight: (tabId) => p.inFlight(tabId),
    async state(tabId) {
      await settled();
      return p.state(tabId);
    },
    async clear(tabId) {
      await ready;
      evaluator.drain();
      tabLog.clear(tabId, 'user');
    },
    flush: settled,
    tabs: async () => {
      const ids = await p.tabs.ids();
      return Promise.all(ids.map(async (id) => ({ id, url: (await p.tabs.url(id)) ?? '' })));
    },
    extraHeadersListenerCount: () => recording.extraHeadersListenerCount(),
    recordedTabs: () => recording.recordedTabs(),
    pageObserverEnabled: () => pageFacts.enabled,
    setPageObserver: (on) => pageFacts.setEnabled(on),
    pageObserverStats: () => ({ ...pageFacts.stats }),
    pageObserverWaiting: () => p.join.waitingForNetwork(),
    async setVerify(tabId, on, owner) {
      await ready;
      await (on ? verifier.enable(tabId, tokenFor(owner)) : verifier.disable(tabId, tokenFor(owner)));
      return verifier.state(tabId);
    },
    verifyState: (tabId) => verifier.state(tabId),
    forceWrongAnswer: (urlIncludes) => {
      evaluator.override = wrongAnswersFor(urlIncludes);
    },
    diagnostics: () => p.diagnostics(),
  };
  globalThis.corsInspector = api;
}
