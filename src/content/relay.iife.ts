/**
 * The ISOLATED-world relay: takes the observer's batches from the page's window, bounds their
 * size, and forwards them over a runtime Port to the worker, which validates every report (the
 * page can dispatch the same event). The port opens as the document starts, so the worker can
 * answer at once whether this tab is recorded; when it is not, the relay puts the observer to
 * sleep before the page has made many calls (the scripts are registered for every tab, see
 * background/page-facts-scripts.ts). The port reopens after the worker restarts; running this
 * script again (the worker injects it when recording starts) wakes both.
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

class Relay {
  private port: RuntimePort<RelayBatch> | null = null;
  private dormant = false;

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
    try {
      this.connect().postMessage(batch);
    } catch {
      // The extension was reloaded or removed: this document's observer has no one to report to.
      this.sleep();
    }
  }

  private connect(): RuntimePort<RelayBatch> {
    if (this.port) return this.port;
    const port = connectRuntimePort<RelayControl, RelayBatch>(PAGE_PORT_NAME, {
      onMessage: (m) => {
        if (m?.type === 'observe' && m.value === false) this.sleep();
      },
      // A stopped worker is the usual cause; the next batch reopens the port.
      onDisconnect: () => {
        if (this.port === port) this.port = null;
      },
    });
    this.port = port;
    return port;
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
