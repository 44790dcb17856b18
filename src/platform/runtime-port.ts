/**
 * A runtime Port from an extension page or the ISOLATED-world relay to the service worker, as a
 * small interface so the code on top of it (the reader port, the relay) runs on fakes in tests.
 */

/** The sending half of an open port. Both calls throw once the extension context is gone. */
export interface RuntimePort<Out> {
  postMessage(msg: Out): void;
  disconnect(): void;
}

export interface PortListeners<In> {
  onMessage(msg: In): void;
  /** The worker went away: MV3 stopped it, or the extension was reloaded or removed. */
  onDisconnect(): void;
}

/** Opens a port; throws when the extension context is gone (the extension was reloaded or removed). */
export type ConnectPort = <In, Out>(name: string, listeners: PortListeners<In>) => RuntimePort<Out>;

export const connectRuntimePort: ConnectPort = <In, Out>(name: string, listeners: PortListeners<In>) => {
  const port = chrome.runtime.connect({ name });
  port.onMessage.addListener((msg: In) => listeners.onMessage(msg));
  port.onDisconnect.addListener(() => {
    // Reading lastError marks it handled; a stopped worker is the expected cause.
    void chrome.runtime.lastError;
    listeners.onDisconnect();
  });
  return {
    postMessage: (msg: Out) => port.postMessage(msg),
    disconnect: () => port.disconnect(),
  };
};
