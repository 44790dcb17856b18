/**
 * Who is looking, and therefore which tabs are recorded. webRequest listeners with 'extraHeaders'
 * slow every request of the profile while they exist (docs/architecture.md, "What observing costs":
 * 1.6–1.9× for the observed tab, ~1.16–1.26× for the others), so they exist only while someone
 * reads: DevTools open on a tab, a panel tab, or a CLI/Node session ("record all"). Like DevTools'
 * Network panel.
 */
import type { ListenerSet, ListenerTarget, WebRequestHandler, WebRequestHost } from '../platform/web-request.ts';

/** What survives a worker restart (readers' ports do not: they reconnect). */
export interface RecordingSnapshot {
  tabs: number[];
  allOwners: string[];
}

/** How long a tab stays recorded after a restart while its readers reconnect. */
export const RECONNECT_GRACE_MS = 10_000;

export class Recording {
  private sets = new Map<ListenerTarget, ListenerSet>();
  private readers = new Map<number, Set<object>>();
  private allOwners = new Set<string>();
  /** Tabs recorded before a restart, kept while their readers reconnect. */
  private awaitingReaders = new Set<number>();

  constructor(
    private webRequest: WebRequestHost,
    private handle: WebRequestHandler,
    private changed: (tabId: number, recording: boolean) => void,
    private persist: (s: RecordingSnapshot) => void,
  ) {}

  addReader(tabId: number, token: object): void {
    let set = this.readers.get(tabId);
    if (!set) {
      set = new Set();
      this.readers.set(tabId, set);
    }
    set.add(token);
    this.awaitingReaders.delete(tabId);
    this.reconcile();
  }

  removeReader(tabId: number, token: object): void {
    const set = this.readers.get(tabId);
    set?.delete(token);
    if (set && set.size === 0) this.readers.delete(tabId);
    this.reconcile();
  }

  recordAll(owner: string): void {
    this.allOwners.add(owner);
    this.reconcile();
  }

  stopRecordAll(owner: string): void {
    this.allOwners.delete(owner);
    this.reconcile();
  }

  tabClosed(tabId: number): void {
    this.readers.delete(tabId);
    this.awaitingReaders.delete(tabId);
    this.reconcile();
  }

  /** Re-creates the listeners an earlier worker instance had. */
  restore(s: RecordingSnapshot | undefined): void {
    for (const owner of s?.allOwners ?? []) this.allOwners.add(owner);
    for (const tabId of s?.tabs ?? []) this.awaitingReaders.add(tabId);
    this.reconcile();
    if (this.awaitingReaders.size) {
      setTimeout(() => {
        this.awaitingReaders.clear();
        this.reconcile();
      }, RECONNECT_GRACE_MS);
    }
  }

  isRecording(tabId: number): boolean {
    return this.allOwners.size > 0 || this.readers.has(tabId) || this.awaitingReaders.has(tabId);
  }

  recordedTabs(): number[] {
    return [...new Set([...this.readers.keys(), ...this.awaitingReaders])];
  }

  recordingAll(): boolean {
    return this.allOwners.size > 0;
  }

  extraHeadersListenerCount(): number {
    let n = 0;
    for (const set of this.sets.values()) n += set.extraHeadersCount;
    return n;
  }

  private reconcile(): void {
    const tabs = this.recordedTabs();
    const wanted = new Set<ListenerTarget>(this.allOwners.size ? ['all'] : tabs);
    for (const [target, set] of this.sets) {
      if (wanted.has(target)) continue;
      set.remove();
      this.sets.delete(target);
      if (target !== 'all') this.changed(target, false);
    }
    for (const target of wanted) {
      if (this.sets.has(target)) continue;
      this.sets.set(target, this.webRequest.listen(target, this.handle));
    }
    for (const tabId of tabs) this.changed(tabId, true);
    this.persist({ tabs, allOwners: [...this.allOwners] });
  }
}
