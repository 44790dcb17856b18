/**
 * The built panel in real Chromium over fixtures (`panel.html?fixture=NAME`, served over HTTP: no
 * extension APIs needed): layout, themes, keyboard, zoom, 50 000 rows, hostile values, exports.
 * Each test asserts what it shows; the screenshots it saves to artifacts/ are for people to look at
 * and are compared with nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIET_FLAGS } from '../../src/node/chromium.ts';
import { HOSTILE_MARKUP, HUGE_VALUE_LENGTH } from '../../src/devtools/panel/fixtures/scenarios.ts';
import { DIST } from './support/extension.ts';
import {
  ARTIFACTS,
  collectErrors,
  PANEL_PATH,
  panelReady,
  row,
  screenshot,
  serveDirectory,
  type StaticServer,
} from './support/panel.ts';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveDirectory(DIST);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: QUIET_FLAGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPanel(
  query: string,
  options: { width?: number; height?: number; context?: BrowserContext } = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await (options.context ?? browser).newPage({
    viewport: { width: options.width ?? 1200, height: options.height ?? 700 },
  });
  const errors = collectErrors(page);
  await page.goto(`${server.url}${PANEL_PATH}?${query}`);
  await panelReady(page);
  return { page, errors };
}

describe('the panel on fixtures', () => {
  it('shows each details tab in light and dark (and saves each view to artifacts/)', async () => {
    const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(40, 40, 40)' };
    for (const theme of ['light', 'dark'] as const) {
      const { page, errors } = await openPanel(`fixture=demo&theme=${theme}`);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND[theme]);
      await screenshot(page, `panel-${theme}-table`);
      await row(page, '/api/items/43').click();
      await expect
        .poll(() => page.getByTestId('reason-code').textContent())
        .toBe('MethodDisallowedByPreflightResponse');
      await screenshot(page, `panel-${theme}-blocked-explanation`);
      await page.getByTestId('tab-headers').click();
      expect(await page.getByTestId('preflight-headers').locator('.header-row.highlighted').count()).toBeGreaterThan(0);
      await screenshot(page, `panel-${theme}-blocked-headers`);
      await row(page, '/api/old-avatar').click();
      await page.getByTestId('tab-redirects').click();
      expect(await page.getByTestId('redirects-tab').textContent()).toContain('302');
      await screenshot(page, `panel-${theme}-redirects`);
      await row(page, '/api/items/42').click();
      await page.getByTestId('tab-preflight').click();
      expect(await page.getByTestId('preflight-tab').textContent()).toMatch(/OPTIONS/);
      await screenshot(page, `panel-${theme}-preflight`);
      await row(page, '/api/account').click();
      await page.getByTestId('tab-explanation').click();
      expect(await page.getByTestId('verdict-headline').textContent()).toBe(
        "The page's JavaScript can read this response.",
      );
      // How many depends on the findings rules of the day; that there are some, on the fixture.
      expect(await page.getByTestId('findings').textContent()).toMatch(/^Findings \([1-9]\d*\)/);
      await screenshot(page, `panel-${theme}-allowed-findings`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("shows what a worker stop left: the gap, an unfinished request, a call recovered from the page's report", async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { page, errors } = await openPanel(`fixture=worker-stop&theme=${theme}`, { width: 550, height: 700 });
      expect(await page.getByTestId('notices').textContent()).toMatch(
        /were not captured, or not all of their events \(the extension's worker was stopped while 2 request\(s\) were in flight\)/,
      );
      await row(page, '/api/orders/41').click();
      await expect
        .poll(() => page.getByTestId('page-reported').textContent())
        .toMatch(/^Recovered from the page's report\. The request reached the network/);
      await screenshot(page, `panel-${theme}-worker-stop-recovered`);
      await row(page, '/api/reports/export').click();
      await expect.poll(() => page.getByTestId('verdict-headline').textContent()).toMatch(/\S/);
      await screenshot(page, `panel-${theme}-worker-stop-unfinished`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('says what to do when nothing was recorded yet (and saves it to artifacts/)', async () => {
    const { page } = await openPanel('fixture=empty');
    expect(await page.getByTestId('empty-state').textContent()).toMatch(/Recording cross-origin requests…/);
    await screenshot(page, 'panel-light-empty');
    await page.close();
  });

  it('uses DevTools metrics: 12 px system font, 21 px rows', async () => {
    const { page } = await openPanel('fixture=demo');
    const metrics = await page.evaluate(() => {
      const r = document.querySelector('[role="row"][data-id]')!;
      const style = getComputedStyle(document.body);
      return { rowHeight: r.getBoundingClientRect().height, fontSize: style.fontSize };
    });
    expect(metrics).toEqual({ rowHeight: 21, fontSize: '12px' });
    await page.close();
  });

  it('works from the keyboard with visible focus', async () => {
    const { page } = await openPanel('fixture=demo');
    await page.getByRole('grid').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focused = () =>
      page.evaluate(() => ({
        id: document.activeElement?.getAttribute('data-id'),
        selected: document.activeElement?.getAttribute('aria-selected'),
        outline: getComputedStyle(document.activeElement!).outlineStyle,
      }));
    expect(await focused()).toEqual({ id: '7:2', selected: 'true', outline: 'solid' });
    await page.keyboard.press('End');
    expect((await focused()).id).toBe('7:14');
    await page.keyboard.press('Enter');
    await page.getByTestId('details').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await page.getByTestId('details').waitFor({ state: 'detached' });
    await expect.poll(async () => (await focused()).id).toBe('7:14');
    await page.close();
  });

  it('stays usable at 200 % zoom: the details stack under the table, nothing overflows sideways', async () => {
    // 200 % zoom of a 1040 px wide DevTools pane is a 520 CSS px viewport at device scale 2.
    const context = await browser.newContext({ viewport: { width: 520, height: 420 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${server.url}${PANEL_PATH}?fixture=demo`);
    await panelReady(page);
    await row(page, '/api/orders').click();
    const boxes = await page.evaluate(() => {
      const table = document.querySelector('.table-pane')!.getBoundingClientRect();
      const details = document.querySelector('.details')!.getBoundingClientRect();
      const status = document.querySelector('.status-bar')!.getBoundingClientRect();
      return {
        tableBottom: table.bottom,
        detailsTop: details.top,
        detailsBottom: details.bottom,
        statusTop: status.top,
        scrollWidth: document.documentElement.scrollWidth,
        width: innerWidth,
      };
    });
    expect(boxes.detailsTop).toBeGreaterThanOrEqual(boxes.tableBottom - 1);
    // The details fit between the table and the status bar, and get a real share of the height.
    expect(boxes.detailsBottom).toBeLessThanOrEqual(boxes.statusTop + 1);
    expect(boxes.detailsBottom - boxes.detailsTop).toBeGreaterThan(120);
    expect(boxes.scrollWidth).toBeLessThanOrEqual(boxes.width);
    await screenshot(page, 'panel-zoom-200');
    await context.close();
  });

  it('keeps 50 000 rows virtual: a bounded number of rows in the DOM, End reaches the last', async () => {
    const started = Date.now();
    const { page, errors } = await openPanel('fixture=large');
    const loadMs = Date.now() - started;
    expect(await page.getByTestId('counts').textContent()).toMatch(/^50000 exchanges/);
    const domRows = () => page.locator('[role="row"][data-id]').count();
    expect(await domRows()).toBeLessThan(80);
    await page.getByRole('grid').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    const focusedRow = () => page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'));
    await expect.poll(focusedRow).toBe('50001');
    expect(await domRows()).toBeLessThan(80);
    // Scrolled far away, the focused row stays mounted, so the keyboard keeps working.
    await page.evaluate(() => (document.querySelector('.grid-scroll')!.scrollTop = 0));
    await page.evaluate(() => new Promise(requestAnimationFrame));
    expect(await focusedRow()).toBe('50001');
    await page.keyboard.press('ArrowUp');
    await expect.poll(focusedRow).toBe('50000');
    // Scroll frames while wheeling through the table: measured and reported, not asserted.
    const frames = await page.evaluate(async () => {
      const grid = document.querySelector('.grid-scroll')!;
      grid.scrollTop = 0;
      const times: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 120; i++) {
        grid.scrollTop += 400;
        await new Promise(requestAnimationFrame);
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      times.sort((a, b) => a - b);
      return { median: times[60]!, p95: times[114]! };
    });
    await page.getByTestId('sort-url').click();
    await page.getByTestId('filter').fill('cors:blocked');
    expect(await page.getByTestId('counts').textContent()).toMatch(/^\d+ \/ 50000 exchanges/);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(
      path.join(ARTIFACTS, 'panel-large-timings.json'),
      JSON.stringify({ loadMs, scrollFrameMs: frames }, null, 2),
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders hostile values as text and runs nothing', async () => {
    const { page, errors } = await openPanel('fixture=hostile');
    await row(page, '/api/').click();
    await page.getByTestId('tab-headers').click();
    await screenshot(page, 'panel-hostile');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img, script:not([type="module"]), b').count()).toBe(0);
    expect(await page.locator('body').textContent()).toContain(HOSTILE_MARKUP);
    await row(page, '/api/huge').click();
    const huge = page.locator('.header-row', { hasText: 'X-Huge' });
    expect((await huge.textContent())!.length).toBeLessThan(1000);
    await huge.getByRole('button', { name: /Show all/ }).click();
    // All of it, in a scroll box that lays out only the lines in view, and copyable whole.
    const box = huge.getByTestId('virtual-text');
    await box.waitFor();
    expect(await box.locator('.virtual-line').count()).toBeLessThan(100);
    await box.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => box.locator('.virtual-line').last().textContent()).toMatch(/^A+$/);
    expect(await huge.getByRole('button', { name: /Copy/ }).getAttribute('title')).toBe(
      `Copy the whole value (${HUGE_VALUE_LENGTH.toLocaleString('en-US')} characters)`,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters and exports what it shows: HAR, JSON report, Markdown', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 700 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page } = await openPanel('fixture=demo', { context });
    await page.getByTestId('filter').fill('cors:blocked -method:GET');
    await expect.poll(() => page.getByTestId('counts').textContent()).toBe('3 / 14 exchanges · 7 blocked · 1 pending');

    const save = async (item: RegExp) => {
      await page.getByTestId('export').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: item }).click(),
      ]);
      return {
        name: download.suggestedFilename(),
        json: JSON.parse(fs.readFileSync((await download.path())!, 'utf8')),
      };
    };
    const har = await save(/^Save HAR \(sanitized/);
    expect(har.name).toMatch(/^cors-127\.0\.0\.1-.*\.har$/);
    const requests = har.json.log.entries.filter((e: { _cors: { role: string } }) => e._cors.role === 'request');
    expect(requests.map((e: { request: { method: string } }) => e.request.method)).toEqual(['PUT', 'DELETE', 'POST']);
    const report = await save(/^Save JSON report/);
    expect(report.json.summary).toMatchObject({ exchanges: 3, blocked: 3 });
    expect(report.json.browser.name).toBe('Chromium');

    await page.getByTestId('export').click();
    await page.getByRole('menuitem', { name: 'Copy Markdown summary' }).click();
    await expect
      .poll(() => page.getByTestId('status-message').textContent())
      .toBe('Copied the Markdown summary to the clipboard.');
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    expect(markdown).toMatch(/^### CORS: 3 of 3 cross-origin requests blocked/);
    expect(markdown).toContain('Filter: `cors:blocked -method:GET`');

    await row(page, '/api/items/43').click();
    await page.getByTestId('copy-curl').click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toMatch(
        /^# 1\. The CORS preflight[\s\S]*\ncurl -i -X 'OPTIONS' 'http:\/\/localhost:7002\/api\/items\/43' \\\n {2}-H 'Accept: \*\/\*' \\\n {2}-H 'Access-Control-Request-Method: PUT'/,
      );
    await context.close();
  });
});
