/**
 * The ISOLATED-world relay: takes the observer's batches from the page's window, bounds their
 * size, and forwards them over a runtime Port to the worker, which validates every report (the
 * page can dispatch the same event). The port opens as the document starts, so the worker can
 * answer at once whether this tab is recorded; when it is not, the relay puts the observer to
 * sleep before the page has made many calls (the scripts are registered for every tab, see
 * background/page-scripts.ts). The port reopens after the worker restarts; running this
 * script again (the worker injects it when recording starts) wakes both.
 *
 * A worker can be stopped while batches are on their way to it, and its join forgets the calls it
 * had heard of. So the relay keeps what it sent in the last few seconds and sends it again as soon
 * as the worker is back (reconnecting at once, which wakes it): the worker's join drops what it
 * already knows, and a call whose network events were lost with the stopped worker still becomes
 * an exchange (the page's word, labelled as such).
 */
import {
  OBSERVER_CONTROL_EVENT,
  PAGE_FACTS_EVENT,
  PAGE_LIMITS,
  PAGE_PORT_NAME,
  type RelayBatch,
  type RelayControl,
} from '../shared/page-facts.ts';
import { connectRuntimePort, type RuntimePort } from '../platform/runtime-port.ts';

/**
 * How long sent batches are kept for sending again after a worker restart, and at most how many
 * and how much. A busy page sends small batches (one per task): 200 covered under a second of a
 * page making ~65 calls a second, less than a stop and a restart take.
 */
const RESEND_MS = 5000;
const RESEND_MAX = 1000;
const RESEND_CHARS = 4 * 1024 * 1024;

class Relay {
  private port: RuntimePort<RelayBatch> | null = null;
  private dormant = false;
  private recent: { at: number; batch: RelayBatch }[] = [];
  private recentChars = 0;

  constructor() {
    window.addEventListener(PAGE_FACTS_EVENT, (e) => this.forward((e as CustomEvent<unknown>).detail));
    this.ask();
  }

  wake(): void {
    this.dormant = false;
    this.tellObserver('observe');
    this.ask();
  }

  /** Opens the port; the worker's first message says whether this document's reports are wanted. */
  private ask(): void {
    try {
      this.connect();
    } catch {
      this.sleep();
    }
  }

  private forward(detail: unknown): void {
    if (this.dormant || typeof detail !== 'string' || detail.length > PAGE_LIMITS.batchChars) return;
    const batch: RelayBatch = { batch: detail };
    this.remember(batch);
    if (!this.port) return this.resend();
    try {
      this.port.postMessage(batch);
    } catch {
      // The extension was reloaded or removed: this document's observer has no one to report to.
      this.sleep();
    }
  }

  private remember(batch: RelayBatch): void {
    const now = Date.now();
    this.recent.push({ at: now, batch });
    this.recentChars += batch.batch.length;
    while (
      this.recent.length > 1 &&
      (this.recent.length > RESEND_MAX || this.recentChars > RESEND_CHARS || this.recent[0]!.at < now - RESEND_MS)
    )
      this.recentChars -= this.recent.shift()!.batch.batch.length;
  }

  private connect(): RuntimePort<RelayBatch> {
    if (this.port) return this.port;
    const port = connectRuntimePort<RelayControl, RelayBatch>(PAGE_PORT_NAME, {
      onMessage: (m) => {
        if (m?.type === 'observe' && m.value === false) this.sleep();
      },
      // A stopped worker is the usual cause: reconnect at once (which wakes it) when something sent
      // lately may have gone with it.
      onDisconnect: () => {
        if (this.port !== port) return;
        this.port = null;
        if (!this.dormant && this.recent.some((r) => r.at >= Date.now() - RESEND_MS))
          setTimeout(() => this.resend(), 50);
      },
    });
    this.port = port;
    return port;
  }

  /** Reopens the port and sends what was sent lately (the batch at hand is among it). */
  private resend(): void {
    if (this.dormant || this.port) return;
    try {
      const port = this.connect();
      for (const { batch } of this.recent) port.postMessage(batch);
    } catch {
      this.sleep();
    }
  }

  private sleep(): void {
    this.dormant = true;
    this.tellObserver('dormant');
    this.port?.disconnect();
    this.port = null;
  }

  private tellObserver(command: 'observe' | 'dormant'): void {
    window.dispatchEvent(new CustomEvent(OBSERVER_CONTROL_EVENT, { detail: command }));
  }
}

const RELAY = Symbol.for('cors-inspector.relay');
const isolated = globalThis as typeof globalThis & { [RELAY]?: Relay };
const existing = isolated[RELAY];
if (existing) existing.wake();
else isolated[RELAY] = new Relay();
