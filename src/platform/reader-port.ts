/**
 * A reader's connection to the worker. Holding it open is what keeps a tab recorded; when the worker
 * is stopped (MV3 can stop it at any time) the port drops, so the reader reconnects, which wakes
 * the worker and restores recording. Reconnects back off (50 ms, doubling, at most 5 s) until the
 * worker answers again, like preact-devtools' panel port controller, so a worker that keeps
 * dropping the port, or an extension context that is gone, is not retried in a tight loop.
 */
import {
  message,
  PORT_NAME,
  PROTOCOL_VERSION,
  type ReaderKind,
  type ReaderMessage,
  type WorkerMessage,
} from '../shared/messages.ts';
import { connectRuntimePort, type ConnectPort, type RuntimePort } from './runtime-port.ts';

export interface ReaderConnection {
  send(msg: ReaderMessage): void;
  close(): void;
}

export const RECONNECT_DELAY = { first: 50, max: 5_000 } as const;

export function connectReader(
  tabId: number,
  reader: ReaderKind,
  onMessage: (msg: WorkerMessage) => void = () => {},
  connect: ConnectPort = connectRuntimePort,
  /** The DevTools page that sends DevTools' network log for the tab (see devtools/network-feed.ts). */
  feeds = false,
): ReaderConnection {
  let port: RuntimePort<ReaderMessage> | null = null;
  let closed = false;
  let delay: number = RECONNECT_DELAY.first;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const reconnectLater = () => {
    if (closed || timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      open();
    }, delay);
    delay = Math.min(delay * 2, RECONNECT_DELAY.max);
  };
  const open = () => {
    try {
      const opened = connect<WorkerMessage, ReaderMessage>(PORT_NAME, {
        onMessage: (m) => {
          // The worker answered: a later drop is an ordinary worker stop, retried after the shortest delay.
          delay = RECONNECT_DELAY.first;
          onMessage(m);
        },
        onDisconnect: () => {
          // A port this reader already replaced says nothing about the current one.
          if (port !== opened) return;
          port = null;
          reconnectLater();
        },
      });
      port = opened;
      opened.postMessage(message('subscribe', { tabId, reader, protocol: PROTOCOL_VERSION, feeds }));
    } catch {
      // The extension context is gone (reloaded or removed); keep trying, ever more slowly.
      port = null;
      reconnectLater();
    }
  };
  open();
  return {
    send: (msg) => port?.postMessage(msg),
    close: () => {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      port?.disconnect();
    },
  };
}
