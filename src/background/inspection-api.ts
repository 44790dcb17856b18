/**
 * The worker's inspection API on its global scope, for the Node API / CLI and tests, which reach
 * it with Playwright's worker.evaluate(). A "record all" owner is a session someone is looking at.
 */
import type { ExchangeRecord } from '../shared/exchange.ts';
import type { TabState, VerifyState } from '../shared/messages.ts';
import type { ChromeVerifier } from './debugger.ts';
import { wrongAnswersFor } from './debugger-test-hooks.ts';
import type { ExchangeStore } from './exchange-store.ts';
import type { Join } from './join.ts';
import type { PageFactsHub, PageFactsStats } from './page-facts.ts';
import type { Recording } from './recording.ts';

export interface InspectionApi {
  ready: Promise<void>;
  recordAll(owner: string): Promise<void>;
  stopRecordAll(owner: string): Promise<void>;
  /** Records one tab for a named reader (the bench, tools without a port). */
  recordTab(tabId: number, owner: string): Promise<void>;
  stopRecordTab(tabId: number, owner: string): Promise<void>;
  exchanges(filter?: { tabId?: number }): Promise<ExchangeRecord[]>;
  state(tabId: number): Promise<TabState>;
  clear(tabId: number): Promise<void>;
  flush(): Promise<void>;
  extraHeadersListenerCount(): number;
  recordedTabs(): number[];
  /** The page-side observer: the on/off switch (CLI and Node API option), its counters, and the failed calls still waiting for a network record. */
  pageObserver: { enabled(): boolean; set(on: boolean): Promise<void>; stats(): PageFactsStats; waiting(): number };
  /** "Verify with Chrome" for a tab, held by a named owner; `forceWrongAnswer` is the test hook that makes the engine wrong for matching URLs. */
  verify: {
    set(tabId: number, on: boolean, owner: string): Promise<VerifyState>;
    state(tabId: number): VerifyState;
    forceWrongAnswer(urlIncludes: string | null): void;
  };
}

interface Parts {
  ready: Promise<void>;
  join: Join;
  store: ExchangeStore;
  recording: Recording;
  pageFacts: PageFactsHub;
  verifier: ChromeVerifier;
  setRecordAllSince(at: number): void;
}

/** Readers are identified by object; named owners get one stable token each. */
const tokens = new Map<string, object>();
const tokenFor = (owner: string): object => tokens.get(owner) ?? tokens.set(owner, { owner }).get(owner)!;

export function installApi({ ready, join, store, recording, pageFacts, verifier, setRecordAllSince }: Parts): void {
  const api: InspectionApi = {
    ready,
    async recordAll(owner) {
      await ready;
      if (!recording.recordingAll()) setRecordAllSince(Date.now());
      recording.recordAll(owner);
      // Record-all sessions keep every page's exchanges (a CLI visits many URLs in one tab).
      store.preserveLogByDefault = true;
      for (const tabId of store.knownTabs()) store.setPreserveLog(tabId, true);
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
      await ready;
      return store.records(filter.tabId);
    },
    async state(tabId) {
      await ready;
      store.settle();
      return store.state(tabId);
    },
    async clear(tabId) {
      await ready;
      store.clear(tabId, 'user');
    },
    async flush() {
      await ready;
      await store.flush();
    },
    extraHeadersListenerCount: () => recording.extraHeadersListenerCount(),
    recordedTabs: () => recording.recordedTabs(),
    pageObserver: {
      enabled: () => pageFacts.enabled,
      set: (on) => pageFacts.setEnabled(on),
      stats: () => ({ ...pageFacts.stats }),
      waiting: () => join.waitingForNetwork(),
    },
    verify: {
      async set(tabId, on, owner) {
        await ready;
        await (on ? verifier.enable(tabId, tokenFor(owner)) : verifier.disable(tabId, tokenFor(owner)));
        return verifier.state(tabId);
      },
      state: (tabId) => verifier.state(tabId),
      forceWrongAnswer: (urlIncludes) => {
        store.evaluationOverride = wrongAnswersFor(urlIncludes);
      },
    },
  };
  (globalThis as unknown as { corsInspector: InspectionApi }).corsInspector = api;
}
