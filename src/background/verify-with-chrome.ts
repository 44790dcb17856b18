/**
 * "Verify with Chrome" (opt-in): while a reader of a tab asks for it, chrome.debugger is attached
 * to that tab only, with the Network and Audits domains enabled, and Chromium's own answer for
 * each exchange (verify-with-chrome-answers.ts) is set on the record beside our verdict. The
 * session ends when the last reader that asked turns it off or goes away (the panel closed), when
 * the tab closes, or when the user dismisses the browser's "is debugging this browser" bar.
 *
 * The `debugger` permission is a build choice (Chromium refuses it as an optional permission):
 * only the Verify build (`CORS_INSPECTOR_VERIFY=1`) holds it; elsewhere enabling says why not.
 */
import { inFlight, type CapturedRecord, type ExchangeRecord } from '../shared/exchange.ts';
import type { VerifyState } from '../shared/messages.ts';
import type { DebuggerHost } from '../platform/debugger.ts';
import { ChromiumAnswers } from './verify-with-chrome-answers.ts';

export interface VerifySink {
  annotate(tabId: number, recordId: string, patch: Pick<ExchangeRecord, 'chromium'>): void;
  /** The tab's verification state changed (readers show it). */
  changed(tabId: number): void;
}

type Unanswered = Pick<CapturedRecord, 'id' | 'method' | 'url' | 'browserOutcome' | 'endedBy' | 'pageFacts'>;

interface Session {
  owners: Set<object>;
  answers: ChromiumAnswers;
  attached: boolean;
  since: number;
  /** Finished records still waiting for Chromium's answer, oldest first. */
  unanswered: Unanswered[];
}

const MAX_UNANSWERED = 2000;
/** Answered record ids remembered, so a record's later states are not offered again. */
const MAX_ANSWERED = 20_000;

export class VerifyWithChrome {
  private sessions = new Map<number, Session>();
  private errors = new Map<number, string>();
  private answered = new Set<string>();

  constructor(
    private readonly sink: VerifySink,
    private readonly debuggerHost: DebuggerHost,
    private readonly now: () => number = Date.now,
  ) {
    // Listeners must exist from the worker's first task to receive events after a restart.
    debuggerHost.listen({
      event: (tabId, method, params) => this.onEvent(tabId, method, params),
      detached: (tabId, reason) => this.onDetach(tabId, reason),
    });
  }

  state(tabId: number): VerifyState {
    return { on: this.sessions.get(tabId)?.attached ?? false, error: this.errors.get(tabId) ?? null };
  }

  async enable(tabId: number, owner: object): Promise<void> {
    const existing = this.sessions.get(tabId);
    if (existing) return void existing.owners.add(owner);
    if (!(await this.debuggerHost.available())) {
      this.errors.set(tabId, 'This build has no debugger permission (build with CORS_INSPECTOR_VERIFY=1).');
      return this.sink.changed(tabId);
    }
    const session: Session = {
      owners: new Set([owner]),
      answers: new ChromiumAnswers(),
      attached: false,
      since: this.now(),
      unanswered: [],
    };
    this.sessions.set(tabId, session);
    try {
      await this.debuggerHost.attach(tabId);
      await this.debuggerHost.send(tabId, 'Network.enable');
      await this.debuggerHost.send(tabId, 'Audits.enable');
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
      await this.debuggerHost.detach(tabId);
    } catch {
      // Already detached (the tab closed, or the user dismissed the debugging bar).
    }
  }

  /** A reader went away (its panel closed): it no longer asks for anything. */
  ownerGone(owner: object): void {
    for (const [tabId, session] of this.sessions) if (session.owners.has(owner)) void this.disable(tabId, owner);
  }

  /** Offered every record a source publishes: finished ones are paired with Chromium's answer. */
  recordChanged(r: CapturedRecord): void {
    const session = this.sessions.get(r.tabId);
    if (!session || this.answered.has(r.id) || inFlight(r) || r.startedAt < session.since) return;
    const answer = session.answers.take(r, this.now());
    if (answer) return this.answer(r.tabId, r.id, answer);
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
      return this.answer(tabId, record!.id, answer);
    }
  }

  private answer(tabId: number, id: string, chromium: NonNullable<ExchangeRecord['chromium']>): void {
    this.answered.add(id);
    if (this.answered.size > MAX_ANSWERED) this.answered.delete(this.answered.values().next().value!);
    this.sink.annotate(tabId, id, { chromium });
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
}
