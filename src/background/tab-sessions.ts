/**
 * The first stage of the worker's pipeline: what is known about each tab's session before any
 * request is captured — the page it shows, whether its log survives navigations, whether (and
 * since when) it is recorded — and the sequence counter every new record takes its number from.
 * Capture and the join read it; nothing downstream writes back into it. Small enough to be saved
 * whole in chrome.storage.session after each change, so a restarted worker has it at once.
 */

export interface TabSession {
  tabId: number;
  pageUrl: string;
  preserveLog: boolean;
  recording: boolean;
  recordingSince: number | null;
  /** When recording last stopped (a kept log that resumes gets a gap from here). */
  pausedAt: number | null;
}

export interface SessionsSnapshot {
  seq: number;
  preserveByDefault: boolean;
  tabs: TabSession[];
}

export interface SessionEvents {
  /** A tab's session changed (readers show it). */
  changed(tabId: number): void;
  /** Recording of a tab resumed after a pause: nothing was recorded in between. */
  resumed(tabId: number, pausedAt: number, at: number): void;
  /** Something worth keeping changed: save `snapshot()`. */
  save(): void;
}

export class TabSessions {
  private tabs = new Map<number, TabSession>();
  private seq = 0;
  /** Record-all sessions (CLI, Node API) keep every page's exchanges across navigations. */
  private preserveByDefault = false;

  constructor(private readonly events: SessionEvents) {}

  /** Takes back an earlier instance's state; numbers already given out (stored records) are never reused. */
  restore(s: SessionsSnapshot | undefined, usedSeq = 0): void {
    this.seq = Math.max(this.seq, usedSeq, s?.seq ?? 0);
    if (!s) return;
    this.preserveByDefault = s.preserveByDefault;
    for (const t of s.tabs) if (!this.tabs.has(t.tabId)) this.tabs.set(t.tabId, { ...t });
  }

  snapshot(): SessionsSnapshot {
    return { seq: this.seq, preserveByDefault: this.preserveByDefault, tabs: [...this.tabs.values()] };
  }

  nextSeq(): number {
    this.seq++;
    this.events.save();
    return this.seq;
  }

  get(tabId: number): TabSession {
    let s = this.tabs.get(tabId);
    if (!s) {
      s = {
        tabId,
        pageUrl: '',
        preserveLog: this.preserveByDefault,
        recording: false,
        recordingSince: null,
        pausedAt: null,
      };
      this.tabs.set(tabId, s);
    }
    return s;
  }

  has(tabId: number): boolean {
    return this.tabs.has(tabId);
  }

  known(): number[] {
    return [...this.tabs.keys()];
  }

  pageUrl(tabId: number): string {
    return this.tabs.get(tabId)?.pageUrl ?? '';
  }

  /** The tab shows a new top-level document (or, at subscribe time, the URL the tab reports). */
  setPageUrl(tabId: number, url: string): void {
    const s = this.get(tabId);
    if (s.pageUrl === url) return;
    s.pageUrl = url;
    this.update(tabId);
  }

  setPreserveLog(tabId: number, value: boolean): void {
    this.get(tabId).preserveLog = value;
    this.update(tabId);
  }

  /** From now on every tab (known or not) keeps its log across navigations. */
  preserveAll(): void {
    this.preserveByDefault = true;
    for (const tabId of this.tabs.keys()) this.setPreserveLog(tabId, true);
  }

  setRecording(tabId: number, recording: boolean, at: number): void {
    const s = this.get(tabId);
    if (s.recording === recording) return;
    s.recording = recording;
    if (!recording) s.pausedAt = at;
    else {
      const paused = s.pausedAt;
      s.pausedAt = null;
      s.recordingSince = at;
      if (paused !== null) this.events.resumed(tabId, paused, at);
    }
    this.update(tabId);
  }

  forget(tabId: number): void {
    if (this.tabs.delete(tabId)) this.events.save();
  }

  private update(tabId: number): void {
    this.events.changed(tabId);
    this.events.save();
  }
}
