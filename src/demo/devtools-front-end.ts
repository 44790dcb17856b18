/**
 * Driving the DevTools front-end over CDP: Chromium writes the port of --remote-debugging-port=0 to
 * DevToolsActivePort in the profile; the front-end (a devtools:// page) is reached with
 * connectOverCDP and switched to a view with its own ViewManager (chrome.devtools' ExtensionPanel
 * .show() does not switch panels, platform-facts §5(b)). The module path is DevTools-internal and
 * may change between Chrome versions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Polls `check` every `interval` ms until it returns a value, or throws `what` after `timeout` ms. */
export async function waitUntil<T>(
  check: () => Promise<T | null | undefined> | T | null | undefined,
  what: string,
  { timeout = 30_000, interval = 250 } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      const value = await check();
      if (value !== null && value !== undefined) return value;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms: ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The port Chromium chose for --remote-debugging-port=0. */
export function debuggingPort(userDataDir: string): Promise<number> {
  const file = path.join(userDataDir, 'DevToolsActivePort');
  return waitUntil(
    () => {
      const port = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
      return port > 0 ? port : null;
    },
    `Chromium to write ${file}`,
    { timeout: 15_000, interval: 100 },
  );
}

/** Our panel's id in DevTools: the extension's origin followed by the panel's title. */
export const corsPanelId = (extensionId: string) => `chrome-extension://${extensionId}CORS`;

// Source strings: bundlers and test runners would rewrite a dynamic import() inside a function.
const VIEW_MANAGER = "(await import('./ui/legacy/legacy.js')).ViewManager.ViewManager.instance()";

/** Expressions to evaluate in a front-end (async: they resolve to a boolean, and once the view is shown). */
export const viewExpressions = (id: string) => ({
  has: `(async () => ${VIEW_MANAGER}.hasView(${JSON.stringify(id)}))()`,
  show: `(async () => { await ${VIEW_MANAGER}.showView(${JSON.stringify(id)}); })()`,
});

/** Shows the view `id` ('network', 'console', our panel…) once the front-end has registered it. */
export async function showView(devtools: Page, id: string): Promise<void> {
  const view = viewExpressions(id);
  await devtools.waitForFunction(view.has, undefined, { timeout: 20_000 });
  await devtools.evaluate(view.show);
}

/** The DevTools front-ends the browser has open that have loaded CORS Inspector's devtools page. */
function frontEndsIn(cdp: Browser): Page[] {
  return cdp
    .contexts()
    .flatMap((c) => c.pages())
    .filter(
      (p) =>
        p.url().startsWith('devtools://') && p.frames().some((f) => f.url().includes('/src/devtools/devtools.html')),
    );
}

/**
 * Connects over CDP until the front-ends are `enough`. A connection made before a front-end
 * existed does not always pick it up later (platform-facts §5(b)), so each try reconnects; the
 * caller closes the connection it gets.
 */
export async function connectToFrontEnds(
  port: number,
  enough: (pages: Page[]) => boolean,
  what: string,
): Promise<{ cdp: Browser; pages: Page[] }> {
  let cdp: Browser | null = null;
  try {
    return await waitUntil(
      async () => {
        await cdp?.close();
        cdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
        const pages = frontEndsIn(cdp);
        return enough(pages) ? { cdp, pages } : null;
      },
      what,
      { interval: 1000 },
    );
  } catch (error) {
    await (cdp as Browser | null)?.close();
    throw error;
  }
}
