/**
 * Where the panel is running: inside DevTools (chrome.devtools exists; the tab is the inspected one),
 * in a plain extension tab (`panel.html?tabId=N`, chrome.devtools is undefined there), or on fixtures
 * (`?fixture=NAME`, no extension APIs needed at all). Everything browser-specific the view needs is
 * here, taken from the platform's PanelHost (src/platform/devtools.ts), so tests pass fakes.
 */
import type { BrowserProfile } from '../../../cors/types.ts';
import { panelHost, type DebuggerPermission, type HostAccess, type PanelHost } from '../../../platform/devtools.ts';

export type ThemeName = 'light' | 'dark';

export interface PanelEnvironment {
  /** The browser the extension runs in: Firefox has no Verify with Chrome, and logs its own messages. */
  browser: BrowserProfile;
  inDevTools: boolean;
  /** The tab to show, or null when none was given. */
  tabId: number | null;
  fixture: string | null;
  theme: ThemeName;
  /** Calls back when DevTools' (or, in a tab, the system's) theme changes. */
  onThemeChange(callback: (theme: ThemeName) => void): void;
  /** Reloads the inspected page, when this context is allowed to. */
  reloadPage: (() => void) | null;
  /** Opens a page script in DevTools' Sources panel at a 1-based line and column; null outside DevTools. */
  openResource: ((url: string, line: number, column: number) => void) | null;
  /** Whether Verify with Chrome may use the debugger, asking for it where the browser allows that. */
  debuggerPermission(): Promise<DebuggerPermission>;
  /** The host permission the recording needs; null on fixtures. */
  hostAccess: HostAccess | null;
}

/** DevTools says "default" or "dark" (Chrome) and "light" or "dark" (Firefox). */
const toTheme = (name: string | undefined): ThemeName => (name === 'dark' ? 'dark' : 'light');

function tabIdParam(params: URLSearchParams): number | null {
  const raw = params.get('tabId');
  const n = raw === null ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

export function detectEnvironment(win: Window = window, host: PanelHost = panelHost()): PanelEnvironment {
  const params = new URLSearchParams(win.location.search);
  const inspected = host.inspectedWindow;
  const fixture = params.get('fixture');
  const debuggerPermission = () => host.debuggerPermission();
  const common = { browser: host.browser, debuggerPermission, hostAccess: fixture ? null : host.hostAccess };
  if (inspected && !fixture) {
    return {
      ...common,
      inDevTools: true,
      tabId: inspected.tabId,
      fixture: null,
      theme: toTheme(inspected.themeName),
      onThemeChange: (callback) => inspected.onThemeChange((name) => callback(toTheme(name))),
      reloadPage: () => inspected.reload(),
      openResource: (url, line, column) => inspected.openResource(url, line, column),
    };
  }
  const tabId = tabIdParam(params);
  const forced = params.get('theme');
  const media = win.matchMedia?.('(prefers-color-scheme: dark)');
  const reloadTab = host.reloadTab;
  return {
    ...common,
    inDevTools: false,
    tabId,
    fixture,
    theme: forced ? toTheme(forced) : media?.matches ? 'dark' : 'light',
    onThemeChange: (callback) => {
      if (!forced) media?.addEventListener('change', (e) => callback(e.matches ? 'dark' : 'light'));
    },
    reloadPage: reloadTab && tabId !== null ? () => reloadTab(tabId) : null,
    openResource: null,
  };
}
