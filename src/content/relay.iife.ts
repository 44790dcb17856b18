/**
 * The ISOLATED-world relay: takes the observer's batches from the page's window, bounds their
 * size, and forwards them over a runtime Port to the worker, which validates every report (the
 * page can dispatch the same event). The port opens as the document starts, so the worker can
 * answer at once whether this tab is recorded; when it is not, the relay puts the observer to
 * sleep before the page has made many calls (the scripts are registered for every tab, see
 * background/page-scripts.ts). The port reopens after the worker restarts; running this
 * script again (the worker injects it when recording starts) wakes both.
 *
 * A worker can be stopped while batches are on its way to it, with its join still waiting on them
 * or its store not yet written. So the relay numbers each batch and keeps it until the worker says
 * it is settled (every call in it has its exchange stored, or needs none: page-facts-hub.ts), and
 * sends what is unsettled again as soon as the worker is back (reconnecting at once, which wakes it).
 * The worker's join drops what it already knows, and a call whose network events were lost with
 * the stopped worker still becomes an exchange (the page's word, labelled as such).
 *
 * Why not a time window (as an earlier version kept the last 5 s): a restart takes up to a second
 * before reports are taken, and stops ~1–2 s apart outran any window: 9–11 % of 20 000 requests
 * over 45 stops were lost, and a 20 s window still lost 14 % while resending far more.
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
 * At most this many unsettled batches (and characters) are kept; beyond, the oldest go. A worker
 * settles a batch within seconds, so only a worker stopped again and again for long piles them up.
 */
const UNSETTLED_MAX = 4000;
const UNSETTLED_CHARS = 8 * 1024 * 1024;

class Relay {
  private port: RuntimePort<RelayBatch> | null = null;
  private dormant = false;
  private nextSeq = 1;
  /** Sent and not yet settled by the worker, oldest first (Map keeps insertion order). */
  private unsettled = new Map<number, string>();
  private unsettledChars = 0;

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
    const batch: RelayBatch = { seq: this.nextSeq++, batch: detail };
    this.keep(batch);
    if (!this.port) return this.resend();
    try {
      this.port.postMessage(batch);
    } catch {
      // The extension was reloaded or removed: this document's observer has no one to report to.
      this.sleep();
    }
  }

  private keep(batch: RelayBatch): void {
    this.unsettled.set(batch.seq, batch.batch);
    this.unsettledChars += batch.batch.length;
    for (const [seq, text] of this.unsettled) {
      if (this.unsettled.size <= UNSETTLED_MAX && this.unsettledChars <= UNSETTLED_CHARS) break;
      this.forget(seq, text);
    }
  }

  private settled(seqs: unknown): void {
    if (!Array.isArray(seqs)) return;
    for (const seq of seqs) {
      const text = this.unsettled.get(seq);
      if (text !== undefined) this.forget(seq, text);
    }
  }

  private forget(seq: number, text: string): void {
    this.unsettled.delete(seq);
    this.unsettledChars -= text.length;
  }

  private connect(): RuntimePort<RelayBatch> {
    if (this.port) return this.port;
    const port = connectRuntimePort<RelayControl, RelayBatch>(PAGE_PORT_NAME, {
      onMessage: (m) => {
        if (m?.type === 'observe' && m.value === false) this.sleep();
        else if (m?.type === 'settled') this.settled(m.seqs);
      },
      // A stopped worker is the usual cause: reconnect at once (which wakes it) when something it
      // had not settled may have gone with it.
      onDisconnect: () => {
        if (this.port !== port) return;
        this.port = null;
        if (!this.dormant && this.unsettled.size > 0) setTimeout(() => this.resend(), 50);
      },
    });
    this.port = port;
    return port;
  }

  /** Reopens the port and sends everything unsettled (the batch at hand is among it). */
  private resend(): void {
    if (this.dormant || this.port) return;
    try {
      const port = this.connect();
      for (const [seq, batch] of this.unsettled) port.postMessage({ seq, batch });
    } catch {
      this.sleep();
    }
  }

  private sleep(): void {
    this.dormant = true;
    this.unsettled.clear();
    this.unsettledChars = 0;
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
