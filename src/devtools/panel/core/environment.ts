/**
 * Where the panel is running: inside DevTools (chrome.devtools exists; the tab is the inspected one),
 * in a plain extension tab (`panel.html?tabId=N`, chrome.devtools is undefined there), or on fixtures
 * (`?fixture=NAME`, no extension APIs needed at all). Everything browser-specific the view needs is here.
 */
export type ThemeName = 'light' | 'dark';

export interface PanelEnvironment {
  inDevTools: boolean;
  /** The tab to show, or null when none was given. */
  tabId: number | null;
  fixture: string | null;
  theme: ThemeName;
  /** Calls back when DevTools' (or, in a tab, the system's) theme changes. */
  onThemeChange(callback: (theme: ThemeName) => void): void;
  /** Reloads the inspected page, when this context is allowed to. */
  reloadPage: (() => void) | null;
}

/** DevTools says "default" or "dark" (Chrome) and "light" or "dark" (Firefox). */
const toTheme = (name: string | undefined): ThemeName => (name === 'dark' ? 'dark' : 'light');

function tabIdParam(params: URLSearchParams): number | null {
  const raw = params.get('tabId');
  const n = raw === null ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

export function detectEnvironment(win: Window = window): PanelEnvironment {
  const params = new URLSearchParams(win.location.search);
  const chromeApi = (globalThis as { chrome?: typeof chrome }).chrome;
  const devtools = chromeApi?.devtools;
  const fixture = params.get('fixture');
  if (devtools?.inspectedWindow && !fixture) {
    const panels = devtools.panels;
    return {
      inDevTools: true,
      tabId: devtools.inspectedWindow.tabId,
      fixture: null,
      theme: toTheme(panels.themeName),
      onThemeChange: (callback) => panels.setThemeChangeHandler?.((name) => callback(toTheme(name))),
      reloadPage: () => devtools.inspectedWindow.reload({}),
    };
  }
  const tabId = tabIdParam(params);
  const forced = params.get('theme');
  const media = win.matchMedia?.('(prefers-color-scheme: dark)');
  const tabs = chromeApi?.tabs;
  return {
    inDevTools: false,
    tabId,
    fixture,
    theme: forced ? toTheme(forced) : media?.matches ? 'dark' : 'light',
    onThemeChange: (callback) => {
      if (!forced) media?.addEventListener('change', (e) => callback(e.matches ? 'dark' : 'light'));
    },
    reloadPage: tabs?.reload && tabId !== null ? () => void tabs.reload(tabId) : null,
  };
}
