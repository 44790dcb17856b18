/**
 * Where the panel's data comes from. The panel is a view over a store fed by a Transport, so the same
 * UI runs inside DevTools, in a plain tab (`panel.html?tabId=N`) and in tests over fixtures.
 */
import { connectReader } from '../../../platform/reader-port.ts';
import type { ReaderMessage, WorkerMessage } from '../../../shared/messages.ts';

export interface Transport {
  /** Starts delivery. The first message is a `snapshot`; another arrives after every reconnect. */
  connect(onMessage: (msg: WorkerMessage) => void): void;
  send(msg: ReaderMessage): void;
  close(): void;
}

/** The live transport: a reader port to the service worker (which reconnects when the worker stops). */
export function workerTransport(tabId: number): Transport {
  let connection: ReturnType<typeof connectReader> | null = null;
  return {
    connect: (onMessage) => {
      connection = connectReader(tabId, 'panel', onMessage);
    },
    send: (msg) => connection?.send(msg),
    close: () => connection?.close(),
  };
}
