/**
 * What the service worker needs from the browser, besides webRequest (web-request.ts) and the
 * debugger (debugger.ts): runtime ports, tabs, storage, content scripts and the action badge. The
 * worker's modules depend on these interfaces only, so each is unit-tested with a fake
 * (test/support/fake-platform.ts); `chromeWorkerPlatform()` is the one real implementation.
 * Storage goes through webextension-polyfill's promise API (the native `browser` on Chrome 144+ and
 * Firefox); see docs/architecture.md for why the polyfill stays confined here.
 */
import browser from 'webextension-polyfill';

/** A runtime port as the worker sees it (a reader or a page relay on the other end). */
export interface Port {
  readonly name: string;
  /** Who opened it, as the browser says (never what the other side claims). */
  readonly sender?: {
    tab?: { id?: number; url?: string };
    frameId?: number;
    documentId?: string;
    origin?: string;
    url?: string;
  };
  postMessage(message: unknown): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
  disconnect(): void;
}

export interface PortHost {
  /** Must be called during the worker's first task: a port opening is what wakes a stopped worker. */
  onConnect(cb: (port: Port) => void): void;
}

export interface Tabs {
  url(tabId: number): Promise<string | null>;
  ids(): Promise<number[]>;
  /** Every tab whose URL is exactly `url`. */
  withUrl(url: string): Promise<number[]>;
  /** Must be called during the worker's first task (a closing tab wakes the worker). */
  onRemoved(cb: (tabId: number) => void): void;
}

/** A key-value area: `session` lives as long as the browser session, `local` survives restarts. */
export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface ScriptFiles {
  observer: string;
  relay: string;
}

/** The page-side observer's content scripts (registered while some tab records, see page-scripts.ts). */
export interface Scripting {
  registered(ids: string[]): Promise<string[]>;
  register(scripts: { id: string; file: string; world: 'MAIN' | 'ISOLATED' }[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
  /** Runs a file in every frame a tab has now. */
  inject(tabId: number, file: string, world: 'MAIN' | 'ISOLATED'): Promise<void>;
}

export interface BadgeHost {
  show(tabId: number, text: string, color: string | null): void;
}

export interface WorkerPlatform {
  ports: PortHost;
  tabs: Tabs;
  session: StorageArea;
  local: StorageArea;
  scripting: Scripting;
  badge: BadgeHost;
}

const storageArea = (area: browser.Storage.StorageArea): StorageArea => ({
  get: (keys) => area.get(keys),
  set: (items) => area.set(items),
  remove: (keys) => area.remove(keys),
});

export function chromeWorkerPlatform(): WorkerPlatform {
  return {
    ports: { onConnect: (cb) => chrome.runtime.onConnect.addListener((port) => cb(port as unknown as Port)) },
    tabs: {
      url: async (tabId) => {
        try {
          return (await chrome.tabs.get(tabId)).url ?? null;
        } catch {
          return null; // The tab is gone.
        }
      },
      ids: async () => (await chrome.tabs.query({})).flatMap((t) => (t.id === undefined ? [] : [t.id])),
      withUrl: async (url) =>
        (await chrome.tabs.query({})).flatMap((t) => (t.url === url && t.id !== undefined ? [t.id] : [])),
      onRemoved: (cb) => chrome.tabs.onRemoved.addListener((tabId) => cb(tabId)),
    },
    session: storageArea(browser.storage.session),
    local: storageArea(browser.storage.local),
    scripting: {
      registered: async (ids) => (await chrome.scripting.getRegisteredContentScripts({ ids })).map((s) => s.id),
      register: (scripts) =>
        chrome.scripting.registerContentScripts(
          scripts.map(({ id, file, world }) => ({
            id,
            js: [file],
            world,
            matches: ['<all_urls>'],
            allFrames: true,
            matchOriginAsFallback: true,
            runAt: 'document_start',
            persistAcrossSessions: false,
          })),
        ),
      unregister: (ids) => chrome.scripting.unregisterContentScripts({ ids }),
      inject: async (tabId, file, world) => {
        await chrome.scripting.executeScript({
          target: { tabId, allFrames: true },
          files: [file],
          world,
          injectImmediately: true,
        });
      },
    },
    badge: {
      show: (tabId, text, color) => {
        void chrome.action.setBadgeText({ tabId, text }).catch(() => {});
        if (color) void chrome.action.setBadgeBackgroundColor({ tabId, color }).catch(() => {});
      },
    },
  };
}
