/**
 * HARs made by the real tools, the way users make them:
 * - Chromium: one run gives both Playwright's `recordHar` and Chrome DevTools' own export. DevTools
 *   is opened on the tab (`--auto-open-devtools-for-tabs`), its front-end is reached over CDP
 *   (shared/notes/platform-facts.md §5b) with "Preserve log" on, and it builds the HAR exactly as
 *   "Export HAR (sanitized)" does: `HAR.Log.Log.build(NetworkLog.instance().requests(), {sanitize})`.
 * - Firefox ESR: the DevTools toolbox is opened on the tab from chrome scope over WebDriver BiDi
 *   (shared/notes/firefox-facts.md §1) and its network monitor's `getHar()` gives the HAR its
 *   "Save All As HAR" writes.
 * The DevTools front-end's module paths are internal to each browser version.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import puppeteer, { type Page as FirefoxPage } from 'puppeteer-core';
import { findChromium, QUIET_FLAGS } from '../../../src/node/chromium.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

async function poll<T>(what: string, attempt: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    const value = await attempt().catch((e: unknown) => {
      last = e;
      return null;
    });
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ChromiumHars {
  devtools: string;
  playwright: string;
}

/** Runs `visit` in a Chromium tab with DevTools open and Playwright recording; returns both HARs' text. */
export async function recordChromiumHars(
  visit: (page: Page, cdp: CDPSession) => Promise<void>,
  extraArgs: string[] = [],
): Promise<ChromiumHars> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-har-chromium-'));
  const harPath = path.join(dir, 'playwright.har');
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: findChromium(),
    headless: true,
    recordHar: { path: harPath },
    args: [...QUIET_FLAGS, ...extraArgs, '--auto-open-devtools-for-tabs', '--remote-debugging-port=0'],
  });
  const front: { browser: Browser | null } = { browser: null };
  try {
    const port = await poll(
      'DevToolsActivePort',
      async () => fs.readFileSync(path.join(dir, 'profile', 'DevToolsActivePort'), 'utf8').split('\n')[0] || null,
    );
    // A CDP connection lists the pages of its start, and one made while the front-end is still
    // loading never sees it (platform-facts §5b): reconnect until it is there and ready.
    const devtools = await poll('the DevTools front-end', async () => {
      await front.browser?.close().catch(() => undefined);
      front.browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      const page = front.browser
        .contexts()
        .flatMap((c) => c.pages())
        .find((p) => p.url().startsWith('devtools://'));
      if (!page) return null;
      // Ready once its network log exists; then keep it across the navigations `visit` makes.
      // (Strings, not functions: the test transform would rewrite a function's import().)
      await page.evaluate(`(async () => {
        const common = await import('./core/common/common.js');
        const logs = await import('./models/logs/logs.js');
        logs.NetworkLog.NetworkLog.instance();
        common.Settings.Settings.instance().moduleSetting('network-log.preserve-log').set(true);
      })()`);
      return page;
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await visit(page, cdp);
    const har = await devtools.evaluate<string>(`(async () => {
      const har = await import('./models/har/har.js');
      const logs = await import('./models/logs/logs.js');
      const log = await har.Log.Log.build(logs.NetworkLog.NetworkLog.instance().requests(), { sanitize: true });
      return JSON.stringify({ log }, null, 2);
    })()`);
    await front.browser?.close().catch(() => undefined);
    front.browser = null;
    await context.close();
    return { devtools: har, playwright: fs.readFileSync(harPath, 'utf8') };
  } finally {
    await front.browser?.close().catch(() => undefined);
    await context.close().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `visit` in a Firefox ESR tab with the network monitor open; returns its HAR's text. */
export async function recordFirefoxHar(visit: (page: FirefoxPage) => Promise<void>): Promise<string> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-har-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile,
    // Chrome-scope evaluation (the DevTools toolbox); test-only.
    args: ['--remote-allow-system-access'],
  });
  // WebDriver BiDi commands puppeteer does not wrap ('moz:scope' is Firefox's extension).
  const bidi = (browser as unknown as { connection: { send(method: string, params: object): Promise<unknown> } })
    .connection;
  try {
    const tree = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
      result: { contexts: { context: string }[] };
    };
    const context = tree.result.contexts[0]!.context;
    const inChrome = async (expression: string): Promise<string> => {
      const r = (await bidi.send('script.evaluate', {
        expression,
        target: { context },
        awaitPromise: true,
        resultOwnership: 'none',
      })) as { result: { type: string; result?: { value: string }; exceptionDetails?: unknown } };
      if (r.result.type === 'exception') throw new Error(JSON.stringify(r.result.exceptionDetails).slice(0, 500));
      return r.result.result!.value;
    };
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    await inChrome(`(async () => {
      const { require } = ChromeUtils.importESModule("resource://devtools/shared/loader/Loader.sys.mjs");
      const { gDevTools } = require("devtools/client/framework/devtools");
      globalThis.__corsInspectorToolbox = await gDevTools.showToolboxForTab(gBrowser.selectedTab, { toolId: "netmonitor" });
      return "open";
    })()`);
    await visit(page);
    // The network monitor hears of requests a moment after the page has: right after the page was
    // done, its HAR sometimes lacked a request or had only the failure of a blocked 404/500 (and
    // the HAR tests flapped). Export until two exports a moment apart are the same.
    const exportHar = () =>
      inChrome(`(async () => {
        const api = await globalThis.__corsInspectorToolbox.getNetMonitorAPI();
        return JSON.stringify(await api.getHar(), null, 2);
      })()`);
    const settledAt = Date.now() + 15_000;
    let har = await exportHar();
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      const again = await exportHar();
      if (sameEntries(again, har) || Date.now() > settledAt) return again;
      har = again;
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Whether two exports hold the same requests with the same response statuses. */
function sameEntries(a: string, b: string): boolean {
  const shape = (text: string) =>
    (JSON.parse(text) as { log: { entries: { request: { url: string }; response: { status: number } }[] } }).log.entries
      .map((e) => `${e.request.url} ${e.response.status}`)
      .sort()
      .join('\n');
  return shape(a) === shape(b);
}

/**
 * A recorded HAR made fit to commit: the random loopback ports become fixed ones (so the file is
 * stable and names loopback only), bodies go, and volatile dates stay as they are (they are real).
 */
export function redactHar(text: string, ports: Record<string, number>): string {
  let out = text;
  for (const [from, to] of Object.entries(ports))
    out = out
      .replaceAll(`:${from}`, `:${to}`)
      .replaceAll(`"${from}"`, `"${to}"`)
      .replaceAll(`"_serverPort": ${from}`, `"_serverPort": ${to}`);
  const har = JSON.parse(out) as {
    log: { entries: { request: { url: string }; response: { content?: { text?: string } } }[] };
  };
  for (const e of har.log.entries) {
    const host = new URL(e.request.url).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`a recorded HAR requests ${e.request.url}`);
    if (e.response.content) delete e.response.content.text;
  }
  return `${JSON.stringify(har, null, 2)}\n`;
}
