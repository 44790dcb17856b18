/**
 * Reader ports (DevTools page, panel), keyed by the tab they read. DevTools pages have no
 * sender.tab, so a reader names its tab in its first message, `subscribe`.
 */
import {
  isReaderMessage,
  PORT_NAME,
  PROTOCOL_VERSION,
  type ReaderMessage,
  type WorkerMessage,
} from '../shared/messages.ts';

export interface ReaderHandlers {
  subscribed(port: chrome.runtime.Port, tabId: number): void;
  unsubscribed(port: chrome.runtime.Port, tabId: number): void;
  message(port: chrome.runtime.Port, msg: ReaderMessage): void;
}

export class Readers {
  private ports = new Map<chrome.runtime.Port, number>();

  constructor(private handlers: ReaderHandlers) {}

  accept(port: chrome.runtime.Port): void {
    if (port.name !== PORT_NAME) return;
    port.onMessage.addListener((raw: unknown) => {
      if (!isReaderMessage(raw)) return send(port, { type: 'error', data: { message: 'malformed message' } });
      if (raw.type === 'subscribe') {
        if (raw.data.protocol !== PROTOCOL_VERSION)
          return send(port, {
            type: 'error',
            data: { message: `protocol ${raw.data.protocol} is not ${PROTOCOL_VERSION}; reload DevTools` },
          });
        const previous = this.ports.get(port);
        if (previous !== undefined) this.handlers.unsubscribed(port, previous);
        this.ports.set(port, raw.data.tabId);
        return this.handlers.subscribed(port, raw.data.tabId);
      }
      this.handlers.message(port, raw);
    });
    port.onDisconnect.addListener(() => {
      const tabId = this.ports.get(port);
      this.ports.delete(port);
      if (tabId !== undefined) this.handlers.unsubscribed(port, tabId);
    });
  }

  /** Sends to every reader of a tab. */
  broadcast(tabId: number, msg: WorkerMessage): void {
    for (const [port, t] of this.ports) if (t === tabId) send(port, msg);
  }
}

export function send(port: chrome.runtime.Port, msg: WorkerMessage): void {
  try {
    port.postMessage(msg);
  } catch {
    // The reader went away between our check and the send; its onDisconnect cleans up.
  }
}
