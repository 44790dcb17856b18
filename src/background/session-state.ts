/**
 * The worker's small state that must survive a restart within one browser session
 * (chrome.storage.session: in memory, cleared when the browser closes).
 */
import { browser } from '../platform/browser.ts';
import type { StoreSnapshot } from './exchange-store.ts';
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
