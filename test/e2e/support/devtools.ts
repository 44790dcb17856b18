/**
 * Driving the real DevTools front-end (platform-facts §5(b)): Chromium opens DevTools for every tab
 * (--auto-open-devtools-for-tabs), the test connects over CDP to the devtools:// pages and switches
 * panels with the front-end's own API (ExtensionPanel.show() does not switch panels). The import
 * path of the front-end modules is DevTools-internal and may change between Chrome versions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import type { TestBrowser } from './extension.ts';

/** The flags that open DevTools with every tab and let the test reach its front-end. */
export const DEVTOOLS_FLAGS = ['--auto-open-devtools-for-tabs', '--remote-debugging-port=0'];

// Source strings: the test runner would rewrite a dynamic import() inside a function.
const INSPECTOR_VIEW = "(await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance()";

/** The port Chromium chose for --remote-debugging-port=0 (it writes it to DevToolsActivePort). */
export async function debuggingPort(b: TestBrowser): Promise<number> {
  const file = path.join(b.userDataDir, 'DevToolsActivePort');
  // vi.waitFor, not expect.poll: this runs in beforeAll hooks too.
  return vi.waitFor(
    () => {
      const port = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
      if (!(port > 0)) throw new Error(`no port in ${file} yet`);
      return port;
    },
    { timeout: 15_000, interval: 100 },
  );
}

/** A CDP connection to the browser that sees the DevTools front-ends. */
export interface FrontEnds {
  /** Every devtools:// page that has loaded our devtools page, once there are at least `count`. */
  pages(count: number): Promise<Page[]>;
  close(): Promise<void>;
}

/**
 * A CDP connection made before a front-end existed does not always pick it up later
 * (platform-facts §5(b)), so `pages` reconnects until it does.
 */
export function frontEnds(port: number): FrontEnds {
  let cdp: Browser | null = null;
  return {
    async pages(count) {
      let pages: Page[] = [];
      await expect
        .poll(
          async () => {
            await cdp?.close();
            cdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
            pages = cdp
              .contexts()
              .flatMap((c) => c.pages())
              .filter((p) => p.url().startsWith('devtools://'))
              .filter((p) => p.frames().some((f) => f.url().includes('/src/devtools/devtools.html')));
            return pages.length;
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toBeGreaterThanOrEqual(count);
      return pages;
    },
    close: async () => {
      await cdp?.close();
    },
  };
}

/** Switches a DevTools front-end to the panel `id` ('network', 'console', `chrome-extension://<id>CORS`…). */
export async function showPanel(devtools: Page, id: string): Promise<void> {
  const quoted = JSON.stringify(id);
  await devtools.waitForFunction(
    `(async () => ${INSPECTOR_VIEW}.tabbedPane.tabIds().includes(${quoted}))()`,
    undefined,
    { timeout: 20_000 },
  );
  await devtools.evaluate(`(async () => { await ${INSPECTOR_VIEW}.showPanel(${quoted}); })()`);
}

/** Our panel's id in DevTools: the extension's origin followed by the panel's title. */
export const corsPanelId = (extensionId: string) => `chrome-extension://${extensionId}CORS`;

/** Shows our panel and returns its frame once it has rendered. */
export async function showCorsPanel(devtools: Page, extensionId: string): Promise<Frame> {
  await showPanel(devtools, corsPanelId(extensionId));
  let frame: Frame | undefined;
  await expect
    .poll(
      () => {
        frame = devtools.frames().find((f) => f.url().includes('/src/devtools/panel/panel.html'));
        return !!frame;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  await frame!.getByTestId('counts').waitFor();
  return frame!;
}

/** The DevTools whose CORS panel inspects `tabId` (there is one DevTools per tab), with that panel shown. */
export async function corsPanelFor(
  ends: FrontEnds,
  b: TestBrowser,
  tabId: number,
): Promise<{ devtools: Page; panel: Frame }> {
  for (const devtools of await ends.pages(2)) {
    const panel = await showCorsPanel(devtools, b.extensionId);
    if ((await panel.evaluate(() => chrome.devtools.inspectedWindow.tabId)) === tabId) return { devtools, panel };
  }
  throw new Error(`no CORS panel whose chrome.devtools.inspectedWindow.tabId is ${tabId}`);
}
