/**
 * Smoke test in the real DevTools (platform-facts §5(b)): headless Chromium opens DevTools for every
 * tab (--auto-open-devtools-for-tabs), our devtools page creates the "CORS" panel, and inside it
 * chrome.devtools.inspectedWindow.tabId is the page's tab and a blocked request shows up.
 * DevTools' own search (Ctrl+F) reaches the panel through panel.onSearch.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { withTimeout } from '../../src/node/chromium.ts';
import { corsPanelFor, DEVTOOLS_FLAGS, debuggingPort, frontEnds, type FrontEnds } from './support/devtools.ts';
import { close, launch, tabIdOf, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { screenshot } from './support/panel.ts';

let b: TestBrowser;
let origins: Origins;
let ends: FrontEnds;

beforeAll(async () => {
  origins = await startOrigins();
  origins.route('/smoke/blocked', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('no CORS headers');
  });
  b = await launch(DEVTOOLS_FLAGS);
  ends = frontEnds(await debuggingPort(b));
});

afterAll(async () => {
  await ends?.close();
  if (b) await close(b);
  await origins?.close();
});

it('shows the panel in DevTools for the inspected tab, with a blocked request in it', async () => {
  const page = await b.context.newPage();
  await page.goto(`${origins.page}/page-devtools`);
  const { devtools, panel } = await corsPanelFor(ends, b, await tabIdOf(b, page));

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
