/**
 * Access to websites is the user's choice in Firefox MV3: an install from addons.mozilla.org starts
 * without it, and it can be withdrawn from the extensions menu. Withdrawn here as the user would
 * (permissions.remove), the extension sees no request of the page and the panel says so; granted
 * again the way about:addons does it (ExtensionPermissions.add, chrome scope), it records again.
 */
import { expect, it } from 'vitest';
import { waitFor } from '../support/wait.ts';
import { openExtensionPage } from './support/firefox.ts';
import type { Suite } from './support/suite.ts';
import { inChrome } from './support/toolbox.ts';

const ALL_SITES = { origins: ['<all_urls>'] };

export function hostAccessChecks(suite: Suite): void {
  it('withdrawn: nothing is recorded and the panel says so; granted again: recorded again', async () => {
    const firefox = suite.firefox();
    const { page: pageOrigin, api } = suite.origins();
    suite.origins().route('/host-access/r', (_req, res) => {
      res.writeHead(200, { 'access-control-allow-origin': pageOrigin });
      res.end('ok');
    });
    const page = await firefox.browser.newPage();
    await page.goto(`${pageOrigin}/page/firefox-host-access`);
    const tabId = (await firefox.call('tabs')).find((t) => t.url === page.url())?.id;
    const panel = await openExtensionPage(
      firefox.browser,
      `${firefox.extensionBase}src/devtools/panel/panel.html?tabId=${tabId}`,
    );
    const recordedCalls = async () =>
      (await firefox.call('exchanges', { tabId: tabId! })).filter((r) => r.url.includes('/host-access/r')).length;
    const call = (n: number) => page.evaluate((url) => fetch(url).then((r) => r.status), `${api}/host-access/r?${n}`);

    const removed = await panel.evaluate(
      (perms) => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.remove(perms),
      ALL_SITES,
    );
    expect(removed).toBe(true);
    await panel.waitForSelector('[data-testid="host-access-notice"]', { timeout: 10_000 });
    expect(await call(1)).toBe(200);
    // Give the extension every chance to hear of it: its log must stay empty.
    await firefox.call('flush');
    await new Promise((r) => setTimeout(r, 500));
    expect(await recordedCalls()).toBe(0);

    await inChrome(
      firefox,
      `(async () => {
        const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
        const policy = WebExtensionPolicy.getByID(${JSON.stringify(firefox.extensionId)});
        await ExtensionPermissions.add(policy.id, { permissions: [], origins: ['<all_urls>'] }, policy.extension);
        return 'ok';
      })()`,
    );
    await panel.waitForSelector('[data-testid="host-access-notice"]', { hidden: true, timeout: 10_000 });
    expect(await call(2)).toBe(200);
    await waitFor('the call, recorded again', recordedCalls, (n) => (n === 1 ? [] : [`${n} recorded`]));
    await panel.close();
    await page.close();
  });
}
