/**
 * The panel's page-side controls with the real extension: the observer switch turns the observer
 * off and on for the worker, the Explanation says which facts came from the page (and which it
 * contradicted), and "Verify with Chrome" explains the debugging bar before anything is attached
 * — in a build without the debugger permission it says why it cannot.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWorker } from '../../src/node/worker-api.ts';
import { close, launch, tabIdOf, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { collectErrors, PANEL_PATH, panelReady, row } from './support/panel.ts';

let b: TestBrowser;
let origins: Origins;
let page: Page;
let panel: Page;
let panelErrors: string[];

const observerEnabled = () => callWorker(b.worker, 'pageObserverEnabled');

beforeAll(async () => {
  origins = await startOrigins();
  origins.route('/panel/star', (_req, res) => {
    res.writeHead(200, { 'access-control-allow-origin': '*' });
    res.end('star');
  });
  b = await launch();
  page = await b.context.newPage();
  await page.goto(`${origins.page}/page/panel-observer`);
  panel = await b.context.newPage();
  panelErrors = collectErrors(panel);
  await panel.goto(`chrome-extension://${b.extensionId}${PANEL_PATH}?tabId=${await tabIdOf(b, page)}`);
  await panelReady(panel);
});

afterAll(async () => {
  if (b) await close(b);
  await origins?.close();
});

describe('page-side controls in the panel', () => {
  it('the observer switch turns the observer off and on', async () => {
    const box = panel.getByTestId('page-observer');
    await expect.poll(() => box.isChecked()).toBe(true);
    await box.uncheck();
    await expect.poll(observerEnabled).toBe(false);
    await box.check();
    await expect.poll(observerEnabled).toBe(true);
  });

  it("the Explanation lists the page's facts", async () => {
    // The page loaded before the panel opened: recording injected the observer into it.
    await page.evaluate(
      (u) => fetch(u, { credentials: 'include' }).catch(() => undefined),
      `${origins.api}/panel/star`,
    );
    await row(panel, '/panel/star').click();
    const section = panel.getByTestId('page-facts');
    await expect.poll(() => section.textContent()).toContain('Credentials');
    const text = (await section.textContent()) ?? '';
    expect(text).toContain('include');
    expect(text).toContain('page-side observer');
    expect(text).toContain('TypeError: Failed to fetch');
    expect(await panel.getByTestId('reason-code').textContent()).toBe('WildcardOriginNotAllowed');
  });

  it('"Verify with Chrome" explains the debugging bar first, then says why this build cannot', async () => {
    await panel.getByTestId('verify-with-chrome').click();
    const notice = panel.getByTestId('verify-notice');
    expect(await notice.textContent()).toContain('started debugging this browser');
    expect(await panel.getByTestId('verify-with-chrome').isChecked()).toBe(false);
    await panel.getByTestId('verify-continue').click();
    await expect.poll(() => panel.getByTestId('status-message').textContent()).toContain('CORS_INSPECTOR_VERIFY=1');
    expect(await panel.getByTestId('verify-with-chrome').isChecked()).toBe(false);
    expect(panelErrors).toEqual([]);
  });
});
