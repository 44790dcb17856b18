// @vitest-environment happy-dom
/**
 * Where the panel runs, worked out from a fake PanelHost (src/platform/devtools.ts): inside DevTools
 * it follows DevTools' tab and theme; in a plain tab it reads ?tabId= and the system theme.
 */
import { describe, expect, it } from 'vitest';
import { detectEnvironment, type ThemeName } from '../../../src/devtools/panel/core/environment.ts';
import type { DebuggerPermission, InspectedWindow, PanelHost } from '../../../src/platform/devtools.ts';

function fakeHost(over: Partial<PanelHost> = {}): PanelHost & { reloaded: number[] } {
  const reloaded: number[] = [];
  return {
    browser: 'chromium',
    inspectedWindow: null,
    reloadTab: (tabId) => reloaded.push(tabId),
    debuggerPermission: async () => 'granted',
    hostAccess: null,
    reloaded,
    ...over,
  };
}

function fakeInspected(themeName: string | undefined) {
  const inspected = {
    tabId: 42,
    themeName,
    reloads: 0,
    themeChange: null as ((name: string) => void) | null,
    onThemeChange: (callback: (name: string) => void) => {
      inspected.themeChange = callback;
    },
    reload: () => {
      inspected.reloads++;
    },
    opened: [] as [string, number, number][],
    openResource: (url: string, line: number, column: number) => {
      inspected.opened.push([url, line, column]);
    },
  } satisfies InspectedWindow & Record<string, unknown>;
  return inspected;
}

const at = (search: string) => {
  window.history.replaceState(null, '', `/panel.html${search}`);
  return window;
};

describe('detectEnvironment', () => {
  it('inside DevTools follows the inspected tab and DevTools theme', () => {
    const inspected = fakeInspected('dark');
    const env = detectEnvironment(at(''), fakeHost({ inspectedWindow: inspected }));
    expect(env).toMatchObject({ inDevTools: true, tabId: 42, fixture: null, theme: 'dark' });
    const themes: ThemeName[] = [];
    env.onThemeChange((t) => themes.push(t));
    inspected.themeChange!('default');
    inspected.themeChange!('dark');
    expect(themes).toEqual(['light', 'dark']);
    env.reloadPage!();
    expect(inspected.reloads).toBe(1);
    env.openResource!('https://app.example/app.js', 12, 5);
    expect(inspected.opened).toEqual([['https://app.example/app.js', 12, 5]]);
  });

  it("reads Chrome's 'default' theme as light", () => {
    expect(detectEnvironment(at(''), fakeHost({ inspectedWindow: fakeInspected('default') })).theme).toBe('light');
    expect(detectEnvironment(at(''), fakeHost({ inspectedWindow: fakeInspected(undefined) })).theme).toBe('light');
  });

  it('in a plain tab takes ?tabId= and reloads that tab', () => {
    const host = fakeHost();
    const env = detectEnvironment(at('?tabId=9&theme=dark'), host);
    expect(env).toMatchObject({ inDevTools: false, tabId: 9, fixture: null, theme: 'dark' });
    env.reloadPage!();
    expect(host.reloaded).toEqual([9]);
    // Sources exists only inside DevTools.
    expect(env.openResource).toBeNull();
  });

  it('offers no reload without a tab id or without the tabs API', () => {
    expect(detectEnvironment(at(''), fakeHost()).reloadPage).toBeNull();
    expect(detectEnvironment(at('?tabId=-1'), fakeHost()).tabId).toBeNull();
    expect(detectEnvironment(at('?tabId=9'), fakeHost({ reloadTab: null })).reloadPage).toBeNull();
  });

  it('shows fixtures even inside DevTools', () => {
    const env = detectEnvironment(at('?fixture=demo'), fakeHost({ inspectedWindow: fakeInspected('dark') }));
    expect(env).toMatchObject({ inDevTools: false, fixture: 'demo', tabId: null });
  });

  it("passes the platform's debugger permission through", async () => {
    const answers: DebuggerPermission[] = ['granted', 'refused', 'manifest-only', 'no-extension'];
    for (const answer of answers) {
      const env = detectEnvironment(at(''), fakeHost({ debuggerPermission: async () => answer }));
      expect(await env.debuggerPermission()).toBe(answer);
    }
  });

  it('passes the browser and the host permission on, except on fixtures, which need no access', () => {
    const hostAccess = { granted: async () => false, request: async () => true, onChange: () => {} };
    const host = fakeHost({ browser: 'firefox', hostAccess, inspectedWindow: fakeInspected('dark') });
    expect(detectEnvironment(at(''), host)).toMatchObject({ browser: 'firefox', hostAccess });
    expect(detectEnvironment(at('?fixture=demo'), host)).toMatchObject({ browser: 'firefox', hostAccess: null });
  });
});
