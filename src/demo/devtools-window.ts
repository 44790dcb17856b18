/**
 * `npm start -- --headed`: one Chromium window showing the demo gallery, with DevTools open on that
 * tab and the CORS panel chosen (not Elements, with CORS hidden under »), and no other tab. The
 * browser's first tab is the demo's, so --auto-open-devtools-for-tabs opens DevTools there only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchInspector, type Inspector } from '../node/inspector.ts';
import { connectToFrontEnds, corsPanelId, debuggingPort, showView } from './devtools-front-end.ts';

export interface DemoWindow {
  inspector: Inspector;
  /** The demo's tab. */
  page: Page;
  /** The DevTools front-end inspecting it, showing the CORS panel. */
  devtools: Page;
  close(): Promise<void>;
}

export async function openDemoInDevTools(url: string, o: { headless?: boolean } = {}): Promise<DemoWindow> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-inspector-demo-'));
  // The panel is the extension's: record through it.
  const inspector = await launchInspector({
    source: 'extension',
    headless: o.headless ?? false,
    userDataDir,
    args: ['--auto-open-devtools-for-tabs', '--remote-debugging-port=0'],
  });
  let cdp: Browser | null = null;
  const close = async () => {
    await cdp?.close().catch(() => undefined);
    await inspector.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  try {
    // The tab Chromium opened with the window: a new one would leave it behind as a stray about:blank.
    const page = inspector.context.pages()[0] ?? (await inspector.context.newPage());
    await page.goto(url);
    const connected = await connectToFrontEnds(
      await debuggingPort(userDataDir),
      (pages) => pages.length > 0,
      'DevTools to open with the CORS Inspector extension',
    );
    cdp = connected.cdp;
    const devtools = connected.pages[0]!;
    await showView(devtools, corsPanelId(inspector.extensionId!));
    return { inspector, page, devtools, close };
  } catch (error) {
    await close();
    throw error;
  }
}
