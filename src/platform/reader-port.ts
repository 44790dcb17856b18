/**
 * A reader's connection to the worker. Holding it open is what keeps a tab recorded; when the worker
 * is stopped (MV3 can stop it at any time) the port drops, so the reader reconnects, which wakes
 * the worker and restores recording.
 */
import {
  message,
  PORT_NAME,
  PROTOCOL_VERSION,
  type ReaderKind,
  type ReaderMessage,
  type WorkerMessage,
} from '../shared/messages.ts';

export interface ReaderConnection {
  send(msg: ReaderMessage): void;
  close(): void;
}

export function connectReader(
  tabId: number,
  reader: ReaderKind,
  onMessage: (msg: WorkerMessage) => void = () => {},
): ReaderConnection {
  let port: chrome.runtime.Port | null = null;
  let closed = false;
  const open = () => {
    port = chrome.runtime.connect({ name: PORT_NAME });
    port.onMessage.addListener((m: WorkerMessage) => onMessage(m));
    port.onDisconnect.addListener(() => {
      port = null;
      // Reading lastError marks it handled; a stopped worker is the expected cause.
      void chrome.runtime.lastError;
      if (!closed) setTimeout(open, 50);
    });
    port.postMessage(message('subscribe', { tabId, reader, protocol: PROTOCOL_VERSION }));
  };
  open();
  return {
    send: (msg) => port?.postMessage(msg),
    close: () => {
      closed = true;
      port?.disconnect();
    },
  };
}
