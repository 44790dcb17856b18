/**
 * chrome.debugger for "Verify with Chrome". It exists only in the Verify build
 * (`CORS_INSPECTOR_VERIFY=1`): Chromium refuses `debugger` as an optional permission, so the
 * permission is a build choice (docs/architecture.md, "Verify with Chrome").
 */

export interface DebuggerHost {
  /** True when this build holds the `debugger` permission. */
  available(): Promise<boolean>;
  attach(tabId: number): Promise<void>;
  send(tabId: number, method: string, params?: object): Promise<unknown>;
  detach(tabId: number): Promise<void>;
  /** Registers the event listeners (call during the worker's first task, so a restart keeps them). */
  listen(handlers: {
    event(tabId: number, method: string, params: unknown): void;
    detached(tabId: number, reason: string): void;
  }): void;
}

const PROTOCOL_VERSION = '1.3';

export const chromeDebugger: DebuggerHost = {
  async available() {
    return !!chrome.debugger && (await chrome.permissions.contains({ permissions: ['debugger'] }));
  },
  attach: (tabId) => chrome.debugger.attach({ tabId }, PROTOCOL_VERSION),
  send: (tabId, method, params = {}) => chrome.debugger.sendCommand({ tabId }, method, params),
  detach: (tabId) => chrome.debugger.detach({ tabId }),
  listen(handlers) {
    if (!chrome.debugger) return;
    chrome.debugger.onEvent.addListener((source, method, params) => {
      if (source.tabId !== undefined) handlers.event(source.tabId, method, params);
    });
    chrome.debugger.onDetach.addListener((source, reason) => {
      if (source.tabId !== undefined) handlers.detached(source.tabId, reason);
    });
  },
};

/** Firefox has no `debugger` API: Verify with Chrome is never available there. */
export const noDebugger: DebuggerHost = {
  available: async () => false,
  attach: () => Promise.reject(new Error('this browser has no debugger API')),
  send: () => Promise.reject(new Error('this browser has no debugger API')),
  detach: async () => {},
  listen: () => {},
};
