/**
 * A real DevTools window on one tab, opened with CDP Target.openDevTools (what a user's F12 opens,
 * extension devtools pages included; it works in headless Chromium and, unlike
 * --auto-open-devtools-for-tabs, on the one tab asked for). The bench checks the front-end really
 * inspects that tab, and counts the requests DevTools' own network log holds.
 */
import { corsPanelId, viewExpressions, waitUntil } from '../src/demo/devtools-front-end.ts';
import type { CdpSession } from './cdp-client.ts';
import type { SpawnedBrowser } from './browser.ts';

// Front-end modules (DevTools-internal paths, as in src/demo/devtools-front-end.ts).
const INSPECTED_TARGET =
  "(async () => (await import('./core/sdk/sdk.js')).TargetManager.TargetManager.instance().primaryPageTarget()?.id() ?? null)()";
const LOGGED_URLS =
  "(await import('./models/logs/logs.js')).NetworkLog.NetworkLog.instance().requests().map((r) => r.url())";

export interface DevToolsWindow {
  /** Shows our CORS panel, as a user choosing it does. */
  showCorsPanel(extensionId: string): Promise<void>;
  /** Requests in DevTools' own network log whose URL contains `text`. */
  logged(text: string): Promise<number>;
  /** Throws unless the front-end still inspects the tab it was opened on. */
  checkAttached(): Promise<void>;
}

export async function openDevTools(b: SpawnedBrowser, tabTargetId: string): Promise<DevToolsWindow> {
  const { targetId } = await b.cdp.send('Target.openDevTools', { targetId: tabTargetId });
  const session: CdpSession = await b.cdp.attach(targetId);
  const inspected = () => session.evaluate<string | null>(INSPECTED_TARGET);
  await waitUntil(async () => (await inspected()) === tabTargetId || null, `DevTools to attach to tab ${tabTargetId}`);
  return {
    async showCorsPanel(extensionId) {
      const view = viewExpressions(corsPanelId(extensionId));
      await waitUntil(async () => (await session.evaluate<boolean>(view.has)) || null, 'our CORS panel in DevTools');
      await session.evaluate(view.show);
    },
    logged: (text) =>
      session.evaluate<number>(
        `(async () => (${LOGGED_URLS}).filter((u) => u.includes(${JSON.stringify(text)})).length)()`,
      ),
    async checkAttached() {
      const now = await inspected();
      if (now !== tabTargetId) throw new Error(`DevTools inspects ${now}, not tab ${tabTargetId}`);
    },
  };
}
