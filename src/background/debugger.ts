/**
 * "Verify with Chrome" (opt-in): while a reader of a tab asks for it, chrome.debugger is attached
 * to that tab only, with the Network and Audits domains enabled, and Chromium's own answer for
 * each exchange (debugger-answers.ts) is set on the record beside our verdict. The session ends
 * when the last reader that asked turns it off or goes away (the panel closed), when the tab
 * closes, or when the user dismisses the browser's "is debugging this browser" bar.
 *
 * The `debugger` permission is optional: the panel asks for it (a user gesture) before turning
 * this on, and chrome.debugger exists only once it is granted.
 */
import { inFlight, type ExchangeRecord } from '../shared/exchange.ts';
import type { VerifyState } from '../shared/messages.ts';
import { ChromiumAnswers } from './debugger-answers.ts';

export interface VerifySink {
  annotate(tabId: number, recordId: string, patch: Pick<ExchangeRecord, 'chromium'>): void;
  /** The tab's verification state changed (readers show it). */
  changed(tabId: number): void;
}

type Unanswered = Pick<ExchangeRecord, 'id' | 'method' | 'url' | 'browserOutcome' | 'endedBy' | 'pageFacts'>;

interface Session {
  owners: Set<object>;
  answers: ChromiumAnswers;
  attached: boolean;
  since: number;
  /** Finished records still waiting for Chromium's answer, oldest first. */
  unanswered: Unanswered[];
}

const PROTOCOL_VERSION = '1.3';
const MAX_UNANSWERED = 2000;

export class ChromeVerifier {
  private sessions = new Map<number, Session>();
  private errors = new Map<number, string>();
  private listening = false;

  constructor(
    private readonly sink: VerifySink,
    private readonly now: () => number = Date.now,
  ) {
    // Listeners must exist from the worker's first task to receive events after a restart.
    this.listen();
    chrome.permissions.onAdded.addListener(() => this.listen());
  }

  state(tabId: number): VerifyState {
    return { on: this.sessions.get(tabId)?.attached ?? false, error: this.errors.get(tabId) ?? null };
  }

  async enable(tabId: number, owner: object): Promise<void> {
    const existing = this.sessions.get(tabId);
    if (existing) return void existing.owners.add(owner);
    if (!(await chrome.permissions.contains({ permissions: ['debugger'] })) || !chrome.debugger) {
      this.errors.set(tabId, 'The debugger permission has not been granted.');
      return this.sink.changed(tabId);
    }
    this.listen();
    const session: Session = {
      owners: new Set([owner]),
      answers: new ChromiumAnswers(),
      attached: false,
      since: this.now(),
      unanswered: [],
    };
    this.sessions.set(tabId, session);
    try {
      await chrome.debugger.attach({ tabId }, PROTOCOL_VERSION);
      await chrome.debugger.sendCommand({ tabId }, 'Network.enable', {});
      await chrome.debugger.sendCommand({ tabId }, 'Audits.enable', {});
      session.attached = true;
      this.errors.delete(tabId);
    } catch (e) {
      this.sessions.delete(tabId);
      this.errors.set(tabId, `Chrome refused to attach: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.sink.changed(tabId);
  }

  async disable(tabId: number, owner: object): Promise<void> {
    const session = this.sessions.get(tabId);
    if (!session) return;
    session.owners.delete(owner);
    if (session.owners.size > 0) return;
    this.sessions.delete(tabId);
    this.sink.changed(tabId);
    if (!session.attached) return;
    try {
      await chrome.debugger.detach({ tabId });
    } catch {
      // Already detached (the tab closed, or the user dismissed the debugging bar).
    }
  }

  /** A reader went away (its panel closed): it no longer asks for anything. */
  ownerGone(owner: object): void {
    for (const [tabId, session] of this.sessions) if (session.owners.has(owner)) void this.disable(tabId, owner);
  }

  /** Offered every record the store publishes: finished ones are paired with Chromium's answer. */
  recordChanged(r: ExchangeRecord): void {
    const session = this.sessions.get(r.tabId);
    if (!session || r.chromium || inFlight(r) || r.startedAt < session.since) return;
    const answer = session.answers.take(r, this.now());
    if (answer) return this.sink.annotate(r.tabId, r.id, { chromium: answer });
    if (session.unanswered.some((u) => u.id === r.id)) return;
    if (session.unanswered.length >= MAX_UNANSWERED) session.unanswered.shift();
    session.unanswered.push({
      id: r.id,
      method: r.method,
      url: r.url,
      browserOutcome: r.browserOutcome,
      endedBy: r.endedBy,
      pageFacts: r.pageFacts,
    });
  }

  private onEvent(tabId: number, method: string, params: unknown): void {
    const session = this.sessions.get(tabId);
    if (!session?.answers.event(method, params, this.now())) return;
    for (let i = 0; i < session.unanswered.length; i++) {
      const answer = session.answers.take(session.unanswered[i]!, this.now());
      if (!answer) continue;
      const [record] = session.unanswered.splice(i, 1);
      return this.sink.annotate(tabId, record!.id, { chromium: answer });
    }
  }

  private onDetach(tabId: number, reason: string): void {
    if (!this.sessions.delete(tabId)) return;
    this.errors.set(
      tabId,
      reason === 'canceled_by_user'
        ? 'Verification stopped: the "is debugging this browser" bar was closed.'
        : `Verification stopped: the debugger detached (${reason}).`,
    );
    this.sink.changed(tabId);
  }

  private listen(): void {
    if (this.listening || !chrome.debugger) return;
    this.listening = true;
    chrome.debugger.onEvent.addListener((source, method, params) => {
      if (source.tabId !== undefined) this.onEvent(source.tabId, method, params);
    });
    chrome.debugger.onDetach.addListener((source, reason) => {
      if (source.tabId !== undefined) this.onDetach(source.tabId, reason);
    });
  }
}
