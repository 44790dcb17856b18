/**
 * `npm start -- --headed` (openDemoInDevTools), run headless here: one tab, the demo's; DevTools
 * open on it with the CORS panel chosen (not Elements with CORS under »); and the panel inspecting
 * that tab and showing the gallery's exchanges.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type DemoSite } from '../../src/demo/demo-site.ts';
import { corsPanelId } from '../../src/demo/devtools-front-end.ts';
import { openDemoInDevTools, type DemoWindow } from '../../src/demo/devtools-window.ts';
import { SITUATIONS } from '../../src/demo/situations.ts';

let demo: DemoSite;
let window: DemoWindow;

beforeAll(async () => {
  demo = await startDemo();
  window = await openDemoInDevTools(demo.url, { headless: true });
});

afterAll(async () => {
  await window?.close();
  await demo?.close();
});

it('opens the demo in its only tab, with DevTools showing the CORS panel for it', async () => {
  expect(window.inspector.context.pages().map((p) => p.url())).toEqual([demo.url]);
  const selected = await window.devtools.evaluate(
    "(async () => (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().tabbedPane.selectedTabId)()",
  );
  expect(selected).toBe(corsPanelId(window.inspector.extensionId!));

  const panelFrame = () => window.devtools.frames().find((f) => f.url().includes('/src/devtools/panel/panel.html'));
  await expect.poll(() => !!panelFrame(), { timeout: 15_000 }).toBe(true);
  const panel = panelFrame();
  await panel!.getByTestId('counts').waitFor();
  expect(await panel!.evaluate(() => chrome.devtools.inspectedWindow.tabId)).toBe(
    await window.inspector.tabIdOf(window.page),
  );
  // The gallery's requests, live, with its blocked ones among them.
  await window.page.waitForFunction(() => document.title.endsWith('(done)'), undefined, { timeout: 60_000 });
  await expect
    .poll(() => panel!.locator('[role="row"][data-id]').count(), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(SITUATIONS.length - 3);
  expect(await panel!.locator('[role="row"][data-verdict="blocked"]').count()).toBeGreaterThan(5);
});
