/**
 * What the DevTools page and the panel ask of the browser: chrome.devtools (the inspected tab, its
 * theme, our panel and its search events), chrome.tabs for the panel opened as a plain tab
 * (`panel.html?tabId=N`, where chrome.devtools is undefined), and the debugger permission that
 * Verify with Chrome needs. They call `chrome`, not the polyfill's `browser`: Chrome 144–151's
 * native `browser` lacked `devtools` in DevTools pages (webextension-polyfill#721).
 */
import type { BrowserProfile } from '../shared/exchange.ts';
import { TARGET_BROWSER } from './target-browser.ts';

/** chrome.devtools.inspectedWindow and DevTools' theme. */
export interface InspectedWindow {
  tabId: number;
  /** "default" or "dark" (Chrome), "light" or "dark" (Firefox). */
  themeName: string | undefined;
  onThemeChange(callback: (themeName: string) => void): void;
  reload(): void;
  /**
   * Opens a script of the inspected page in DevTools' Sources panel at a 1-based line and column
   * (as V8 prints them); chrome.devtools.panels.openResource counts lines from 0.
   */
  openResource(url: string, line: number, column: number): void;
}

/**
 * The answer to "may Verify with Chrome use chrome.debugger?". `manifest-only`: Chromium does not
 * allow `debugger` as an optional permission (chrome.permissions.request throws "Only permissions
 * specified in the manifest may be requested", Chromium 156), so only a build that lists it has it.
 * `no-extension`: no extension APIs at all (the panel on fixtures in a plain page, tests).
 */
export type DebuggerPermission = 'granted' | 'refused' | 'manifest-only' | 'no-extension';

/**
 * The host permission webRequest needs to show a site's requests (`<all_urls>` in the manifest).
 * Firefox MV3 makes it the user's choice (opt-in for an install from addons.mozilla.org, and
 * withdrawable from the extensions menu), and Chromium lets users limit it to some sites too.
 */
export interface HostAccess {
  /** Whether the extension may access every site. */
  granted(): Promise<boolean>;
  /** Asks the user for it. Call it from a click: browsers refuse a request without a user gesture. */
  request(): Promise<boolean>;
  /** Calls back when the user grants or withdraws it. */
  onChange(callback: () => void): void;
}

/** Everything the panel page asks of the browser. */
export interface PanelHost {
  /** The browser this build is for (Firefox has no debugger, so no Verify with Chrome). */
  browser: BrowserProfile;
  /** Null outside DevTools: in a plain tab, on fixtures, in tests. */
  inspectedWindow: InspectedWindow | null;
  /** chrome.tabs.reload where the extension APIs exist, else null. */
  reloadTab: ((tabId: number) => void) | null;
  /** Whether the extension may use chrome.debugger, asking for it where the browser allows that. */
  debuggerPermission(): Promise<DebuggerPermission>;
  /** The host permission; null without extension APIs (fixtures, tests). */
  hostAccess: HostAccess | null;
}

const ALL_SITES = { origins: ['<all_urls>'] };

/** `chrome` where this page has the extension APIs; undefined on a plain page. */
const extensionApi = () => (globalThis as { chrome?: typeof chrome }).chrome;

export function panelHost(): PanelHost {
  const api = extensionApi();
  const devtools = api?.devtools;
  const tabs = api?.tabs;
  const permissions = api?.permissions;
  return {
    browser: TARGET_BROWSER,
    inspectedWindow: devtools?.inspectedWindow
      ? {
          tabId: devtools.inspectedWindow.tabId,
          themeName: devtools.panels.themeName,
          onThemeChange: (callback) => onThemeChanged(devtools.panels, callback),
          reload: () => devtools.inspectedWindow.reload({}),
          openResource: (url, line, column) => devtools.panels.openResource(url, line - 1, column - 1, () => {}),
        }
      : null,
    reloadTab: tabs?.reload ? (tabId) => void tabs.reload(tabId) : null,
    debuggerPermission: async () => {
      if (!permissions) return 'no-extension';
      if (await permissions.contains({ permissions: ['debugger'] })) return 'granted';
      try {
        return (await permissions.request({ permissions: ['debugger'] })) ? 'granted' : 'refused';
      } catch {
        return 'manifest-only';
      }
    },
    hostAccess: permissions
      ? {
          granted: () => permissions.contains(ALL_SITES),
          request: () => permissions.request(ALL_SITES),
          onChange: (callback) => {
            permissions.onAdded.addListener(() => callback());
            permissions.onRemoved.addListener(() => callback());
          },
        }
      : null,
  };
}

/** Firefox's panels namespace has an event where Chromium's has a setter (both since 2022). */
type Panels = typeof chrome.devtools.panels & {
  onThemeChanged?: { addListener(callback: (themeName: string) => void): void };
};

/**
 * Calls back when DevTools' theme changes: Chromium's setThemeChangeHandler (Chrome 99+), Firefox's
 * onThemeChanged (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/devtools/panels/onThemeChanged).
 * Firefox has no setThemeChangeHandler: without the event the panel kept its first theme (seen in ESR 153).
 */
function onThemeChanged(panels: Panels, callback: (themeName: string) => void): void {
  if (panels.onThemeChanged) panels.onThemeChanged.addListener(callback);
  else panels.setThemeChangeHandler?.(callback);
}

/** What the DevTools page relays from our panel (ExtensionPanel's events fire there, not in the panel). */
export interface DevToolsPanelEvents {
  /** The panel was shown; its window is where the page relays search events to. */
  onShown(panelWindow: Window): void;
  /** DevTools' own search bar (Ctrl/⌘+F in our panel). */
  onSearch(action: string, query?: string): void;
}

/** The tab DevTools is open on; only in the DevTools page or panel. */
export function inspectedTabId(): number {
  return chrome.devtools.inspectedWindow.tabId;
}

/**
 * Adds our panel to DevTools. `page` is absolute (`/src/…`): Firefox resolves a relative one
 * against the DevTools page's folder, Chromium against the extension root. Firefox's panels have
 * no onSearch (its toolbox's search bar does not reach extension panels), so there the panel's own
 * filter is the only search.
 */
export function createDevToolsPanel(title: string, page: `/${string}`, events: DevToolsPanelEvents): void {
  chrome.devtools.panels.create(title, '', page, (panel) => {
    panel.onShown.addListener((win) => events.onShown(win));
    (panel.onSearch as typeof panel.onSearch | undefined)?.addListener((action, query) =>
      events.onSearch(action, query),
    );
  });
}

/** DevTools' own network log for the inspected tab (chrome.devtools.network). */
export interface NetworkLog {
  /** Every request since DevTools attached to the tab, as HAR entries. */
  entries(): Promise<unknown[]>;
  /** Each request as it finishes, as a HAR entry. */
  onRequestFinished(callback: (entry: unknown) => void): void;
  /** The tab started loading a new top-level document. */
  onNavigated(callback: (url: string) => void): void;
}

/**
 * The inspected tab's network log, where it tells CORS failures apart: Chromium's marks a blocked
 * request with `response._error: "net::ERR_FAILED"` and keeps its headers and its preflight; Firefox's
 * records a blocked request as a plain 200 with no error (docs/architecture.md, Firefox), so there
 * the worker records through webRequest instead.
 */
export function networkLog(): NetworkLog | null {
  const network = extensionApi()?.devtools?.network;
  if (!network || TARGET_BROWSER === 'firefox') return null;
  return {
    entries: () =>
      new Promise((resolve) => network.getHAR((har) => resolve((har as { entries?: unknown[] }).entries ?? []))),
    onRequestFinished: (callback) => network.onRequestFinished.addListener((entry) => callback(entry)),
    onNavigated: (callback) => network.onNavigated.addListener((url) => callback(url)),
  };
}
