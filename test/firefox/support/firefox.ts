/**
 * Stock Firefox ESR with the built extension (dist-firefox/), driven over WebDriver BiDi with
 * puppeteer-core (24.x: 25 needs Node 22.12). The add-on is installed as a temporary add-on
 * (BiDi webExtension.install: no signing); its background page's inspection API is reached from
 * one of its own moz-extension:// pages through runtime.getBackgroundPage(). Firefox's own CORS
 * verdicts come from BiDi log.entryAdded: the "Cross-Origin Request Blocked" console messages.
 * Facts: ../shared/notes/firefox-facts.md §1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page, TimeoutError } from 'puppeteer-core';
import type { InspectionApi } from '../../../src/shared/inspection-api.ts';

export const DIST_FIREFOX =
  process.env.CORS_INSPECTOR_DIST_FIREFOX ?? path.resolve(import.meta.dirname, '../../../dist-firefox');
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** The add-on's internal UUID, fixed by a pref so its moz-extension:// URLs are known in advance. */
const EXTENSION_UUID = 'c0a5c0a5-0000-4000-8000-000000000001';

/** One console message Firefox logged (BiDi log.entryAdded). */
export interface ConsoleEntry {
  text: string;
}

export interface FirefoxSession {
  browser: Browser;
  /** The add-on's id as installed (browser_specific_settings.gecko.id). */
  extensionId: string;
  /** The add-on's base URL, `moz-extension://<uuid>/`. */
  extensionBase: string;
  /** Every console message of every page since launch, in arrival order. */
  console: ConsoleEntry[];
  /** Calls the background page's inspection API (src/shared/inspection-api.ts). */
  call<K extends Method>(method: K, ...args: Args<K>): Promise<Result<K>>;
  close(): Promise<void>;
}

type Method = keyof InspectionApi;
type Args<K extends Method> = InspectionApi[K] extends (...args: infer A) => unknown ? A : never;
type Result<K extends Method> = InspectionApi[K] extends (...args: never[]) => infer R ? Awaited<R> : never;

export interface LaunchOptions {
  /**
   * `--remote-allow-system-access` (test-only): BiDi may then evaluate in Firefox's own chrome scope
   * (the DevTools toolbox, add-on permissions) and navigate to moz-extension:// pages, which ESR 153
   * refuses otherwise ("Navigation to moz-extension://… is not allowed in this context").
   */
  systemAccess?: boolean;
}

/**
 * Opens a page on one of the add-on's own URLs. BiDi never reports a moz-extension:// page as
 * loaded (the navigation always times out, measured in ESR 153), so the wait is for its document.
 */
export async function openExtensionPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 500 }).catch((e: unknown) => {
    if (!(e instanceof TimeoutError)) throw e;
  });
  await page.waitForFunction((u) => location.href === u && document.readyState !== 'loading', { timeout: 10_000 }, url);
  return page;
}

export async function launchFirefox(options: LaunchOptions = {}): Promise<FirefoxSession> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-inspector-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    // Headless: the toolbox's pictures come from Firefox's compositor, which needs no display.
    headless: true,
    userDataDir: profile,
    args: options.systemAccess ? ['--remote-allow-system-access'] : [],
    extraPrefsFirefox: {
      // The add-on gets a known UUID (Firefox picks a random one per install otherwise).
      'extensions.webextensions.uuids': JSON.stringify({ [readGeckoId()]: EXTENSION_UUID }),
      // A docked toolbox tall enough to show the panel's table and details.
      'devtools.toolbox.footer.height': 420,
      'devtools.theme': 'light',
    },
  });
  const consoleEntries: ConsoleEntry[] = [];
  try {
    const connection = bidi(browser);
    connection.on('log.entryAdded', (e) => {
      consoleEntries.push({ text: (e as { text: string | null }).text ?? '' });
    });
    await connection.send('session.subscribe', { events: ['log.entryAdded'] });
    const extensionId = await browser.installExtension(DIST_FIREFOX);
    const extensionBase = `moz-extension://${EXTENSION_UUID}/`;
    // A page of the add-on's own, kept open to reach its background page.
    const api = await openExtensionPage(browser, `${extensionBase}src/devtools/panel/panel.html`);
    const call = async <K extends Method>(method: K, ...args: Args<K>): Promise<Result<K>> => {
      // Through JSON: BiDi's value serialization has limits on depth and on some types.
      const json = await api.evaluate(
        async (m: string, a: unknown[]) => {
          const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
          const background = (await ext.runtime.getBackgroundPage()) as (Window & typeof globalThis) | null;
          const inspector = background?.corsInspector;
          if (!inspector) throw new Error('the CORS Inspector background has not started');
          const result = await (inspector[m as Method] as (...x: unknown[]) => unknown)(...a);
          return JSON.stringify(result ?? null);
        },
        method,
        args as unknown[],
      );
      return JSON.parse(json) as Result<K>;
    };
    await call('whenReady');
    return {
      browser,
      extensionId,
      extensionBase,
      console: consoleEntries,
      call,
      close: async () => {
        await browser.close().catch(() => undefined);
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}

/** The raw BiDi connection under puppeteer's Browser (public on its BiDi Browser, not on the abstract type). */
export interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
  on(event: string, listener: (params: unknown) => void): void;
}

export function bidi(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (!connection) throw new Error('this Browser is not driven over WebDriver BiDi');
  return connection;
}

/** The id Firefox installs the add-on under, from the built manifest. */
function readGeckoId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST_FIREFOX, 'manifest.json'), 'utf8'));
  const id: unknown = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string') throw new Error(`${DIST_FIREFOX}/manifest.json has no gecko id: run npm run build`);
  return id;
}
