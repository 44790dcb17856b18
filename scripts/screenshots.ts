/**
 * `npm run screenshots`: the CORS panel in the real DevTools front-end, on the demo gallery's live
 * exchanges, docked right at 550 px and undocked, light and dark, for the five exchanges the README
 * shows (allowed, blocked by a header, failed preflight, a 500 without CORS headers, a redirect).
 * Writes docs/screenshots/*.png. Headless Chromium: DevTools' own window, docked or undocked, is
 * what is captured. With pngquant installed (apt-get install pngquant) each picture is quantized,
 * about a third of the size and no visible change.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startDemo } from '../src/demo/demo-site.ts';
import { waitUntil } from '../src/demo/devtools-front-end.ts';
import { openDemoInDevTools } from '../src/demo/devtools-window.ts';
import { packageRoot } from '../src/node/package-root.ts';

const OUT = path.join(packageRoot(), 'docs', 'screenshots');

/** The demo situation behind each picture, and the name it is saved under. */
const SHOTS = [
  { name: 'allowed', situation: 'allowed-simple' },
  { name: 'blocked-header', situation: 'missing-acao' },
  { name: 'failed-preflight', situation: 'header-not-allowed' },
  { name: 'server-error', situation: 'server-error-no-cors' },
  { name: 'redirect', situation: 'redirect-no-acao' },
] as const;

/**
 * Docked, the front-end spans the window and leaves the page's place empty (the browser draws the
 * page there), so the picture is cut to DevTools' own part: its default width beside a 1280 px
 * window is 555 px, about what a panel docked right gets.
 */
const LAYOUTS = [
  { name: 'docked', dockSide: 'right', width: 1280, height: 860 },
  { name: 'undocked', dockSide: 'undocked', width: 1280, height: 800 },
] as const;

const THEMES = [
  { name: 'light', setting: 'default' },
  { name: 'dark', setting: 'dark' },
] as const;

// Source strings: bundlers would rewrite a dynamic import() inside a function.
const front = (expression: string) => `(async () => { ${expression} })()`;
const LEGACY = "(await import('./ui/legacy/legacy.js'))";
const COMMON = "(await import('./core/common/common.js'))";

async function panelFrame(devtools: Page): Promise<Frame> {
  return waitUntil(
    () => devtools.frames().find((f) => f.url().includes('/src/devtools/panel/panel.html')),
    'the CORS panel to load',
  );
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const demo = await startDemo();
  const window = await openDemoInDevTools(demo.url, { headless: true });
  try {
    const { devtools, page } = window;
    await page.waitForFunction(() => document.title.endsWith('(done)'), undefined, { timeout: 60_000 });
    const panel = await panelFrame(devtools);
    for (const theme of THEMES) {
      await devtools.evaluate(
        front(`${COMMON}.Settings.Settings.instance().moduleSetting('ui-theme').set('${theme.setting}');`),
      );
      await waitUntil(
        async () => ((await panel.evaluate(() => document.documentElement.dataset.theme)) === theme.name ? true : null),
        `the panel to follow DevTools' ${theme.name} theme`,
      );
      for (const layout of LAYOUTS) {
        await devtools.evaluate(
          front(`${LEGACY}.DockController.DockController.instance().setDockSide('${layout.dockSide}');`),
        );
        await devtools.setViewportSize({ width: layout.width, height: layout.height });
        for (const shot of SHOTS) {
          const row = panel.locator('[role="row"][data-id]', { hasText: `/s/${shot.situation}` }).first();
          await row.click();
          await panel.getByTestId('tab-explanation').click();
          await panel.getByTestId('verdict-headline').waitFor();
          await panel.evaluate(() => document.querySelector('.tab-panel')?.scrollTo(0, 0));
          await row.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
          await devtools.waitForTimeout(150);
          const file = path.join(OUT, `${layout.name}-${theme.name}-${shot.name}.png`);
          const rect = await devtools.evaluate(
            front(`const r = ${LEGACY}.InspectorView.InspectorView.instance().element.getBoundingClientRect();
              return { x: r.x, y: r.y, width: r.width, height: r.height };`),
          );
          await devtools.screenshot({
            path: file,
            clip: rect as { x: number; y: number; width: number; height: number },
          });
          const quantized = spawnSync('pngquant', ['--quality=70-95', '--speed=1', '--force', '--ext=.png', file]);
          console.log(`${path.relative(packageRoot(), file)}${quantized.status === 0 ? ' (pngquant)' : ''}`);
        }
      }
    }
  } finally {
    await window.close();
    await demo.close();
  }
}

await main();
