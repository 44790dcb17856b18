/**
 * The worker's small state that must survive a restart within one browser session
 * (chrome.storage.session: in memory, cleared when the browser closes).
 */
import { browser } from '../platform/browser.ts';
import type { CapturedRecord } from './capture.ts';
import type { Journal, StoreSnapshot } from './exchange-store.ts';
import type { RecordingSnapshot } from './recording.ts';

export interface SessionState {
  /** Set once per browser session; absent means the browser just started. */
  started?: number;
  store?: StoreSnapshot;
  recording?: RecordingSnapshot;
}

export async function loadSession(): Promise<SessionState> {
  return (await browser.storage.session.get(null)) as SessionState;
}

export function saveSession(partial: SessionState): Promise<void> {
  return browser.storage.session.set(partial as Record<string, unknown>);
}

const JOURNAL_PREFIX = 'journal:';

/** The store's write-ahead journal (see Journal in exchange-store.ts), kept in storage.session. */
export const sessionJournal: Journal = {
  write(record) {
    browser.storage.session.set({ [JOURNAL_PREFIX + record.id]: record }).catch(() => {
      // Over the session quota: IndexedDB still gets the record; only the kill-safety is lost.
    });
  },
  clear(ids) {
    void browser.storage.session.remove(ids.map((id) => JOURNAL_PREFIX + id)).catch(() => {});
  },
  async read() {
    const all = await browser.storage.session.get(null);
    return Object.entries(all)
      .filter(([k]) => k.startsWith(JOURNAL_PREFIX))
      .map(([, v]) => v as CapturedRecord);
  },
};
