/**
 * Driving the real DevTools front-end (platform-facts §5(b)): Chromium opens DevTools for every tab
 * (--auto-open-devtools-for-tabs), the test connects over CDP to the devtools:// pages and switches
 * panels with the front-end's own API, as `npm start -- --headed` does (src/demo/devtools-front-end.ts).
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  connectToFrontEnds,
  corsPanelId,
  debuggingPort as portOf,
  showView,
} from '../../../src/demo/devtools-front-end.ts';
import type { TestBrowser } from './extension.ts';

/** The flags that open DevTools with every tab and let the test reach its front-end. */
export const DEVTOOLS_FLAGS = ['--auto-open-devtools-for-tabs', '--remote-debugging-port=0'];

/** The port Chromium chose for --remote-debugging-port=0. */
export const debuggingPort = (b: TestBrowser): Promise<number> => portOf(b.userDataDir);

/** A CDP connection to the browser that sees the DevTools front-ends. */
export interface FrontEnds {
  /** Every devtools:// page that has loaded our devtools page, once there are at least `count`. */
  pages(count: number): Promise<Page[]>;
  close(): Promise<void>;
}

export function frontEnds(port: number): FrontEnds {
  let cdp: Browser | null = null;
  return {
    async pages(count) {
      await cdp?.close();
      const connected = await connectToFrontEnds(
        port,
        (pages) => pages.length >= count,
        `${count} DevTools front-ends`,
      );
      cdp = connected.cdp;
      return connected.pages;
    },
    close: async () => {
      await cdp?.close();
    },
  };
}

/** Switches a DevTools front-end to the panel `id` ('network', 'console', our panel…). */
export const showPanel = showView;

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
