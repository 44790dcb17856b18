/**
 * Smoke test in the real DevTools (platform-facts §5(b)): headless Chromium opens DevTools for every
 * tab (--auto-open-devtools-for-tabs), our devtools page creates the "CORS" panel, and inside it
 * chrome.devtools.inspectedWindow.tabId is the page's tab and a blocked request shows up.
 * DevTools' own search (Ctrl+F) reaches the panel through panel.onSearch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { withTimeout } from '../../src/node/chromium.ts';
import { close, launch, tabIdOf, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { screenshot } from './support/panel.ts';

let b: TestBrowser;
let origins: Origins;
let cdp: Browser;

beforeAll(async () => {
  origins = await startOrigins();
  origins.route('/smoke/blocked', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('no CORS headers');
  });
  // Port 0: Chromium picks one and writes it to DevToolsActivePort in the profile.
  b = await launch(['--auto-open-devtools-for-tabs', '--remote-debugging-port=0']);
});

afterAll(async () => {
  await cdp?.close();
  if (b) await close(b);
  await origins?.close();
});

async function debuggingPort(): Promise<number> {
  const file = path.join(b.userDataDir, 'DevToolsActivePort');
  await expect.poll(() => fs.existsSync(file), { timeout: 15_000 }).toBe(true);
  return Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
}

/**
 * The DevTools front-ends, once each has loaded our devtools page. A CDP connection made before a
 * front-end existed does not always pick it up later (platform-facts §5(b)), so reconnect until
 * it does.
 */
async function devtoolsPages(port: number): Promise<Page[]> {
  let pages: Page[] = [];
  await expect
    .poll(
      async () => {
        await cdp?.close();
        cdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
        pages = cdp
          .contexts()
          .flatMap((c) => c.pages())
          .filter((p) => p.url().startsWith('devtools://'));
        return pages.filter((p) => p.frames().some((f) => f.url().includes('/src/devtools/devtools.html'))).length;
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toBeGreaterThanOrEqual(2);
  return pages;
}

/** Shows our panel with DevTools' own front-end API (ExtensionPanel.show() does not switch panels). */
async function showCorsPanel(devtools: Page, extensionId: string): Promise<Frame> {
  const id = JSON.stringify(`chrome-extension://${extensionId}CORS`);
  // Source strings: the test runner would rewrite a dynamic import() inside a function.
  const inspectorView = "(await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance()";
  await devtools.waitForFunction(`(async () => ${inspectorView}.tabbedPane.tabIds().includes(${id}))()`, undefined, {
    timeout: 20_000,
  });
  await devtools.evaluate(`(async () => { await ${inspectorView}.showPanel(${id}); })()`);
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

/** One DevTools per tab (the launch's blank tab and ours): the one whose panel inspects `tabId`. */
async function corsPanelFor(port: number, tabId: number): Promise<{ devtools: Page; panel: Frame }> {
  for (const devtools of await devtoolsPages(port)) {
    const panel = await showCorsPanel(devtools, b.extensionId);
    if ((await panel.evaluate(() => chrome.devtools.inspectedWindow.tabId)) === tabId) return { devtools, panel };
  }
  throw new Error(`no CORS panel whose chrome.devtools.inspectedWindow.tabId is ${tabId}`);
}

it('shows the panel in DevTools for the inspected tab, with a blocked request in it', async () => {
  const port = await debuggingPort();
  const page = await b.context.newPage();
  await page.goto(`${origins.page}/page-devtools`);
  const { devtools, panel } = await corsPanelFor(port, await tabIdOf(b, page));

  const outcome = await withTimeout(
    page.evaluate(
      (url) =>
        fetch(url).then(
          () => 'read',
          () => 'blocked',
        ),
      `${origins.api}/smoke/blocked`,
    ),
    10_000,
    'fetch',
  );
  expect(outcome).toBe('blocked');
  const blocked = panel.locator('[role="row"][data-verdict="blocked"]', { hasText: '/smoke/blocked' });
  await blocked.waitFor({ timeout: 15_000 });
  expect(await blocked.locator('.cell-status').textContent()).toMatch(/^CORS error/);
  // Live updates may re-render the row under the click on a loaded machine: click until it opens.
  await vi.waitFor(
    async () => {
      await blocked.click({ timeout: 5_000 });
      expect(await panel.getByTestId('reason-code').textContent({ timeout: 2_000 })).toBe('MissingAllowOriginHeader');
    },
    { timeout: 30_000, interval: 200 },
  );
  await screenshot(devtools, 'devtools-panel');

  // Copying works inside DevTools' iframe (where the async Clipboard API is refused).
  await panel.getByTestId('copy-curl').click();
  await expect
    .poll(() => panel.getByTestId('status-message').textContent())
    .toBe('Copied the cURL commands to the clipboard.');
  // So does saving a file from it.
  await panel.getByTestId('export').click();
  const [download] = await Promise.all([
    devtools.waitForEvent('download'),
    panel.getByRole('menuitem', { name: /^Save HAR \(sanitized/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.har$/);

  // Ctrl+F opens DevTools' search bar; the query reaches the panel through panel.onSearch.
  // On a loaded machine the search bar may not have taken focus before typing: retry the gesture.
  await vi.waitFor(
    async () => {
      await panel.locator('[role="grid"]').focus();
      await devtools.keyboard.press('Control+F');
      await devtools.keyboard.press('Control+A');
      await devtools.keyboard.type('smoke/blocked');
      await devtools.keyboard.press('Enter');
      await expect.poll(() => panel.getByTestId('counts').textContent(), { timeout: 3_000 }).toMatch(/match 1 of 1/);
    },
    { timeout: 30_000, interval: 500 },
  );
});
