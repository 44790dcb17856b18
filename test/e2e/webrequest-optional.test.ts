/**
 * Issue 13: could `webRequest` be an optional permission, asked for the first time webRequest
 * capture is needed, so that an install nobody records with costs nothing? Measured in Chromium
 * 156: no. Granting it at run time works (no prompt: the permission has no warning), the API
 * appears and takes listeners, but Chromium never puts its webRequest proxy in front of the
 * profile's requests, so not one event arrives until the browser restarts. Chromium counts
 * webRequest extensions only when they load (`WebRequestAPI::OnExtensionLoaded` in
 * extensions/browser/api/web_request/web_request_api.cc; nothing updates the count when
 * permissions change), and `chrome.runtime.reload()` does not help: `OnExtensionUnloaded`
 * subtracts the run-time grant it never added, so the count stays at 0. Withdrawn at run time,
 * the proxy stays until the browser restarts. So the manifest keeps `webRequest` required; if this
 * test fails, Chromium changed, and the optional permission is worth building (docs/architecture.md,
 * "What observing costs").
 *
 * Whether the proxy is there is read from its one visible effect (README, "Known limits"): it refuses
 * a redirect to a non-http(s) Location, so a `fetch(…, { redirect: 'manual' })` answered by one
 * fails instead of giving an opaque-redirect response.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, QUIET_FLAGS } from '../../src/node/chromium.ts';
import { startOrigins, type Origins } from './support/origins.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/extensions/optional-web-request');

interface FixtureWorker {
  heard: string[];
  listen(): void;
}

let origins: Origins;

beforeAll(async () => {
  origins = await startOrigins();
  origins.route('/unsafe-redirect', (_req, res) => {
    res.writeHead(302, { location: 'mailto:someone@example.com' });
    res.end();
  });
  origins.route('/data', (req, res) => {
    res.writeHead(200, { 'access-control-allow-origin': req.headers.origin ?? '*' });
    res.end('ok');
  });
});

afterAll(() => origins.close());

interface Launched {
  context: BrowserContext;
  worker: Worker;
  page: Page;
}

async function launch(profile: string): Promise<Launched> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: [...QUIET_FLAGS, `--disable-extensions-except=${FIXTURE}`, `--load-extension=${FIXTURE}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await ready(worker);
  const page = await context.newPage();
  await page.goto(`${origins.page}/page`);
  return { context, worker, page };
}

/** Waits for the worker's script to have run (its `listen` defined). */
async function ready(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    while (!('listen' in globalThis)) await new Promise((r) => setTimeout(r, 10));
  });
}

/** Clicks one of the fixture's buttons (a real click: `chrome.permissions` needs a user gesture). */
async function press(l: Launched, button: 'grant' | 'withdraw'): Promise<string> {
  const page = await l.context.newPage();
  await page.goto(`chrome-extension://${new URL(l.worker.url()).host}/grant.html`);
  await page.click(`#${button}`);
  await page.waitForFunction(() => document.getElementById('answer')?.textContent !== '');
  const answer = (await page.locator('#answer').textContent()) ?? '';
  await page.close();
  return answer;
}

/** Whether Chromium's webRequest proxy handled the page's request (see the file's comment). */
function proxied(page: Page): Promise<boolean> {
  return page.evaluate(async (url) => {
    try {
      const r = await fetch(url, { redirect: 'manual' });
      if (r.type !== 'opaqueredirect') throw new Error(`unexpected response type ${r.type}`);
      return false;
    } catch (e) {
      if (e instanceof TypeError) return true;
      throw e;
    }
  }, `${origins.page}/unsafe-redirect?${Math.random()}`);
}

/** Fetches a cross-origin URL with the fixture's listeners added; returns the events they heard for it. */
async function eventsFor(l: Launched): Promise<string[]> {
  await l.worker.evaluate(() => (globalThis as unknown as FixtureWorker).listen());
  const url = `${origins.api}/data?${Math.random()}`;
  const before = origins.received.length;
  expect(await l.page.evaluate((u) => fetch(u).then((r) => r.text()), url)).toBe('ok');
  // The server got it: silence below is webRequest's, not a request that never left.
  expect(origins.received.slice(before).filter((r) => url.endsWith(r.path))).toHaveLength(1);
  // Events reach the worker after the page has its answer; give them time to arrive.
  await new Promise((r) => setTimeout(r, 500));
  const heard = await l.worker.evaluate(() => (globalThis as unknown as FixtureWorker).heard);
  return heard.filter((e) => e.endsWith(url));
}

/** A fresh profile in developer mode: without it Chromium disables an unpacked extension that reloads. */
function developerModeProfile(): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'optional-wr-'));
  fs.mkdirSync(path.join(profile, 'Default'));
  fs.writeFileSync(
    path.join(profile, 'Default', 'Preferences'),
    JSON.stringify({ extensions: { ui: { developer_mode: true } } }),
  );
  return profile;
}

describe('webRequest as an optional permission (Chromium)', () => {
  it('granted at run time brings no proxy and no event until a restart; withdrawn, the proxy stays until one', async () => {
    const profile = developerModeProfile();
    let l: Launched | undefined;
    try {
      // 1. Installed without it: no proxy. Granted after a click: no prompt, the API is there, no event.
      l = await launch(profile);
      expect(await proxied(l.page)).toBe(false);
      expect(await press(l, 'grant')).toBe('true');
      expect(await l.worker.evaluate(() => typeof chrome.webRequest?.onSendHeaders)).toBe('object');
      expect(await eventsFor(l)).toEqual([]);
      expect(await proxied(l.page)).toBe(false);

      // chrome.runtime.reload() closes the extension's pages and still brings nothing.
      const own = await l.context.newPage();
      await own.goto(`chrome-extension://${new URL(l.worker.url()).host}/grant.html`);
      const reloaded = l.context.waitForEvent('serviceworker');
      const closed = own.waitForEvent('close');
      await l.worker.evaluate(() => setTimeout(() => chrome.runtime.reload(), 0));
      await closed;
      l = { ...l, worker: await reloaded };
      await ready(l.worker);
      expect(await eventsFor(l)).toEqual([]);
      expect(await proxied(l.page)).toBe(false);
      await l.context.close();

      // 2. After a restart with the grant: proxy and events. Withdrawn: the proxy stays.
      l = await launch(profile);
      expect(await proxied(l.page)).toBe(true);
      expect((await eventsFor(l)).map((e) => e.split(' ')[0])).toEqual(['beforeRequest', 'sendHeaders', 'completed']);
      expect(await press(l, 'withdraw')).toBe('true');
      expect(await proxied(l.page)).toBe(true);
      await l.context.close();

      // 3. The next start, without it: no proxy.
      l = await launch(profile);
      expect(await proxied(l.page)).toBe(false);
      await l.context.close();
    } finally {
      // A failed expectation leaves the browser it ran in open.
      await l?.context.close();
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  });
});
