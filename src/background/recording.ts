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
  /** Recorded tabs DevTools' network log fed (absent in snapshots from before it could). */
  fed?: number[];
}

/** How long a tab stays recorded after a restart while its readers reconnect. */
export const RECONNECT_GRACE_MS = 10_000;

export class Recording {
  private sets = new Map<ListenerTarget, ListenerSet>();
  private readers = new Map<number, Set<object>>();
  /** Readers that send DevTools' own network log for their tab: such a tab needs no webRequest listener. */
  private feeders = new Map<number, Set<object>>();
  private allOwners = new Set<string>();
  /** Tabs recorded before a restart, kept while their readers reconnect (and whether DevTools fed them). */
  private awaitingReaders = new Set<number>();
  private awaitingFeeders = new Set<number>();
  private recordedBefore = new Set<number>();

  constructor(
    private webRequest: WebRequestHost,
    private handle: WebRequestHandler,
    private changed: (tabId: number, recording: boolean) => void,
    private persist: (s: RecordingSnapshot) => void,
  ) {}

  /** `feeds`: the reader sends DevTools' network log for the tab (devtools-source.ts). */
  addReader(tabId: number, token: object, feeds = false): void {
    addTo(this.readers, tabId, token);
    if (feeds) addTo(this.feeders, tabId, token);
    this.awaitingReaders.delete(tabId);
    this.awaitingFeeders.delete(tabId);
    this.reconcile();
  }

  removeReader(tabId: number, token: object): void {
    deleteFrom(this.readers, tabId, token);
    deleteFrom(this.feeders, tabId, token);
    this.reconcile();
  }

  /** Whether DevTools' network log feeds the tab (its webRequest events are then not needed). */
  isFed(tabId: number): boolean {
    return this.feeders.has(tabId) || this.awaitingFeeders.has(tabId);
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
    this.feeders.delete(tabId);
    this.awaitingReaders.delete(tabId);
    this.awaitingFeeders.delete(tabId);
    this.reconcile();
  }

  /** Re-creates the listeners an earlier worker instance had. */
  restore(s: RecordingSnapshot | undefined): void {
    for (const owner of s?.allOwners ?? []) this.allOwners.add(owner);
    for (const tabId of s?.tabs ?? []) this.awaitingReaders.add(tabId);
    for (const tabId of s?.fed ?? []) this.awaitingFeeders.add(tabId);
    this.reconcile();
    if (this.awaitingReaders.size) {
      setTimeout(() => {
        this.awaitingReaders.clear();
        this.awaitingFeeders.clear();
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
    const wanted = new Set<ListenerTarget>(this.allOwners.size ? ['all'] : tabs.filter((t) => !this.isFed(t)));
    for (const [target, set] of this.sets) {
      if (wanted.has(target)) continue;
      set.remove();
      this.sets.delete(target);
    }
    for (const target of wanted) {
      if (this.sets.has(target)) continue;
      this.sets.set(target, this.webRequest.listen(target, this.handle));
    }
    for (const tabId of this.recordedBefore) if (!tabs.includes(tabId)) this.changed(tabId, false);
    for (const tabId of tabs) this.changed(tabId, true);
    this.recordedBefore = new Set(tabs);
    this.persist({ tabs, allOwners: [...this.allOwners], fed: tabs.filter((t) => this.isFed(t)) });
  }
}

function addTo(map: Map<number, Set<object>>, tabId: number, token: object): void {
  let set = map.get(tabId);
  if (!set) {
    set = new Set();
    map.set(tabId, set);
  }
  set.add(token);
}

function deleteFrom(map: Map<number, Set<object>>, tabId: number, token: object): void {
  const set = map.get(tabId);
  set?.delete(token);
  if (set?.size === 0) map.delete(tabId);
}
