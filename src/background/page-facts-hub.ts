/**
 * The worker's end of the page-side observer: accepts the relays' ports, believes only the
 * browser about who is talking (sender.tab, frameId, documentId, origin), validates every report
 * (shared/page-facts.ts) and hands the valid ones to the join. It also keeps the observer where it
 * belongs: registered while some tab is recorded and the user has not turned it off, awake only
 * in recorded tabs.
 *
 * It also tells each relay which of its batches are settled (join.ts), once what the join made of
 * them is on its way to storage (`store`), so the relay sends only the unsettled ones again after
 * a restart.
 */
import { PAGE_PORT_NAME, parsePageBatch, type RelayBatch, type RelayControl } from '../shared/page-facts.ts';
import type { Port, StorageArea, Tabs } from '../platform/worker.ts';
import type { PageFactsStats } from '../shared/inspection-api.ts';
import { documentKey, type CallSource, type Join } from './join.ts';
import type { PageScripts } from './page-scripts.ts';
import type { RecordingSnapshot } from './recording.ts';

const SETTING_KEY = 'pageObserver';

const NOBODY: RecordingSnapshot = { tabs: [], allOwners: [] };

/** Settled batches are told to their relay in groups, at most this often. */
const SETTLED_EVERY_MS = 50;

/** One observed document: its latest port, and the batches of it being handled now. */
interface DocumentPort {
  port: Port;
  /** Batch number → reports in it not yet settled. */
  handling: Map<number, number>;
  /** Settled batches not yet told to the relay. */
  settled: number[];
}

export class PageFactsHub {
  private ports = new Map<Port, CallSource>();
  /** By documentKey (tab, document). */
  private documents = new Map<string, DocumentPort>();
  private telling: unknown = null;
  /** The recording as last reported; `applied` is what registration and injection last acted on. */
  private recorded: RecordingSnapshot = NOBODY;
  private applied: RecordingSnapshot = NOBODY;
  private enabledSetting = true;
  private readonly loaded: Promise<void>;
  private applying: Promise<void> = Promise.resolve();
  private readonly counts = { accepted: 0, dropped: 0, unwanted: 0 };
  /**
   * Until a restarted worker has restored its recording, nobody seems recorded; a relay told "not
   * wanted" then would put its page's observer to sleep for good. So relays are answered, and their
   * reports taken, only once the recording is known.
   */
  private recordingKnown: Promise<void>;
  private knowRecording!: () => void;
  /**
   * Reports are taken once the join knows the stored exchanges too: after a restart the relays
   * send again what they sent lately, and the join must know the exchanges those calls already
   * have (or their network records would be made a second time, from the page's word, once the
   * grace ran out: measured, up to 340 of 2 000 requests over 8 stops when reports ran ahead).
   */
  private reportsTaken: Promise<void> | null = null;

  constructor(
    private readonly join: Join,
    private readonly scripts: PageScripts,
    private readonly local: StorageArea,
    private readonly tabs: Tabs,
    /** Resolves once the join knows what an earlier worker instance stored (startup.ts). */
    private readonly storeRestored: () => Promise<void>,
    /**
     * Sends everything the pipeline holds to storage; its journal entry leaves the worker before
     * this returns (persistence.ts), so the relay may forget what it held.
     */
    private readonly store: () => void,
    private readonly timers: { setTimeout(fn: () => void, ms: number): unknown },
  ) {
    const known = new Promise<void>((resolve) => {
      this.knowRecording = resolve;
    });
    // The user's on/off choice survives browser restarts.
    this.loaded = local.get(SETTING_KEY).then(
      (stored) => {
        this.enabledSetting = stored[SETTING_KEY] !== false;
      },
      () => undefined,
    );
    this.recordingKnown = Promise.all([known, this.loaded]).then(() => undefined);
  }

  get stats(): PageFactsStats {
    return { ...this.counts, limited: this.join.limited };
  }

  get enabled(): boolean {
    return this.enabledSetting;
  }

  /** Resolves once registration and injection match the latest recording state and setting. */
  settled(): Promise<void> {
    return this.applying;
  }

  /** Tabs with a live observed document (top or frame) of `origin`. */
  tabsShowing(origin: string): number[] {
    return [...this.ports.values()].filter((s) => s.frameOrigin === origin).map((s) => s.tabId);
  }

  wanted(tabId: number): boolean {
    return this.enabledSetting && (this.recorded.allOwners.length > 0 || this.recorded.tabs.includes(tabId));
  }

  accept(port: Port): void {
    if (port.name !== PAGE_PORT_NAME) return;
    const s = port.sender;
    const tabId = s?.tab?.id;
    if (tabId === undefined || tabId < 0 || typeof s?.frameId !== 'number' || typeof s.origin !== 'string')
      return port.disconnect();
    const source: CallSource = { tabId, frameId: s.frameId, documentId: s.documentId ?? null, frameOrigin: s.origin };
    this.ports.set(port, source);
    const key = documentKey(source);
    const doc = this.documents.get(key) ?? { port, handling: new Map(), settled: [] };
    doc.port = port;
    this.documents.set(key, doc);
    port.onDisconnect.addListener(() => {
      this.ports.delete(port);
      if (doc.port === port && doc.handling.size === 0) this.documents.delete(key);
    });
    this.reportsTaken ??= Promise.all([this.recordingKnown, this.storeRestored()]).then(() => undefined);
    const taken = this.reportsTaken;
    port.onMessage.addListener((m: unknown) => void taken.then(() => this.receive(source, doc, m)));
    void this.recordingKnown.then(() => this.tell(port, this.wanted(tabId)));
  }

  /** Recording changed (recording.ts's snapshot). */
  recordingChanged(now: RecordingSnapshot): Promise<void> {
    this.knowRecording();
    this.recorded = { tabs: [...now.tabs], allOwners: [...now.allOwners] };
    return this.sync();
  }

  /** The user's switch (panel, CLI, Node API). */
  async setEnabled(on: boolean): Promise<void> {
    await this.loaded;
    if (on === this.enabledSetting) return this.settled();
    this.enabledSetting = on;
    // Turned back on, every recorded tab needs the observer in the documents it has.
    this.applied = NOBODY;
    await this.local.set({ [SETTING_KEY]: on });
    return this.sync();
  }

  private sync(): Promise<void> {
    this.applying = this.applying.then(() => this.apply()).catch(() => undefined);
    return this.applying;
  }

  /** Registers or unregisters, wakes the newly recorded tabs, quiets the others. */
  private async apply(): Promise<void> {
    await this.loaded;
    const before = this.applied;
    const now = this.recorded;
    this.applied = now;
    const on = this.enabledSetting;
    const registered = this.scripts.set(on && (now.allOwners.length > 0 || now.tabs.length > 0));
    this.quietUnwanted();
    if (!on) return registered;
    const wasAll = before.allOwners.length > 0;
    const newly =
      now.allOwners.length > 0 && !wasAll
        ? await this.tabs.ids()
        : wasAll
          ? []
          : now.tabs.filter((t) => !before.tabs.includes(t));
    await Promise.all([registered, ...newly.map((t) => this.scripts.injectInto(t))]);
  }

  private receive(source: CallSource, doc: DocumentPort, m: unknown): void {
    const { seq, batch } = (m ?? {}) as Partial<RelayBatch>;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
      this.counts.dropped++;
      return;
    }
    // A batch sent again while this instance still handles it (the relay reconnected meanwhile).
    if (doc.handling.has(seq)) return;
    if (!this.wanted(source.tabId)) {
      this.counts.unwanted++;
      return this.markSettled(doc, seq);
    }
    const { messages, dropped } = parsePageBatch(batch);
    this.counts.dropped += dropped;
    // One count more than the reports: the batch itself settles last, after all were handed on.
    doc.handling.set(seq, messages.length + 1);
    const settled = () => this.reportSettled(doc, seq);
    for (const message of messages) {
      this.counts.accepted++;
      if (message.kind === 'start') {
        const { kind: _kind, call: id, ...call } = message;
        this.join.start(source, id, call, settled);
      } else if (message.kind === 'end') {
        this.join.end(source, message.call, message.at, message.outcome, settled);
      } else {
        this.join.refusedByCsp(source, message.call, message.directive, settled);
      }
    }
    settled();
  }

  private reportSettled(doc: DocumentPort, seq: number): void {
    const left = (doc.handling.get(seq) ?? 1) - 1;
    if (left > 0) return void doc.handling.set(seq, left);
    this.markSettled(doc, seq);
  }

  /** Queues the batch to be told settled to its relay. */
  private markSettled(doc: DocumentPort, seq: number): void {
    doc.settled.push(seq);
    this.telling ??= this.timers.setTimeout(() => this.tellSettled(), SETTLED_EVERY_MS);
  }

  /** Tells each relay the batches settled so far, once what the join made of them is on its way to storage. */
  private tellSettled(): void {
    this.telling = null;
    this.store();
    for (const [key, doc] of this.documents) {
      if (doc.settled.length > 0) {
        const control: RelayControl = { type: 'settled', seqs: doc.settled };
        for (const seq of doc.settled) doc.handling.delete(seq);
        doc.settled = [];
        try {
          doc.port.postMessage(control);
        } catch {
          // The port closed: the relay sends these again, and the join settles them at once.
        }
      }
      if (doc.handling.size === 0 && !this.ports.has(doc.port)) this.documents.delete(key);
    }
  }

  private quietUnwanted(): void {
    for (const [port, source] of this.ports) if (!this.wanted(source.tabId)) this.tell(port, false);
  }

  private tell(port: Port, value: boolean): void {
    const control: RelayControl = { type: 'observe', value };
    try {
      port.postMessage(control);
    } catch {
      this.ports.delete(port);
    }
  }
}
