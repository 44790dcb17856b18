/**
 * The extension's service worker, reached over the bench's own CDP connection (a flat session that
 * only evaluates): the inspection API (src/shared/inspection-api.ts) to set up and check a variant.
 */
import type { InspectionApi } from '../src/shared/inspection-api.ts';
import { waitUntil } from '../src/demo/devtools-front-end.ts';
import type { CdpSession } from './cdp-client.ts';
import type { SpawnedBrowser } from './browser.ts';

type Method = keyof InspectionApi;
type Args<K extends Method> = InspectionApi[K] extends (...args: infer A) => unknown ? A : never;
type Result<K extends Method> = InspectionApi[K] extends (...args: never[]) => infer R ? Awaited<R> : never;

export interface ExtensionWorker {
  extensionId: string;
  call<K extends Method>(method: K, ...args: Args<K>): Promise<Result<K>>;
  /** The tab id of the tab showing `url` (exactly one must). */
  tabIdOf(url: string): Promise<number>;
  /** How many records of a tab have a URL containing `text`, and from which sources. */
  recorded(tabId: number, text: string): Promise<{ count: number; sources: string[] }>;
}

/** Attaches to the extension's worker once its script has run and its state is restored. */
export async function extensionWorker(b: SpawnedBrowser): Promise<ExtensionWorker> {
  const target = await waitUntil(
    async () => (await b.targets()).find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://')),
    "the extension's service worker to start",
    { timeout: 15_000, interval: 100 },
  );
  const session: CdpSession = await b.cdp.attach(target.id);
  // A worker found while it starts may be held for a debugger, and before its script has run its
  // global scope lacks even setTimeout (measured): let it run, then poll from here until it is set up.
  await session.send('Runtime.runIfWaitingForDebugger');
  await waitUntil(
    async () => (await session.evaluate<boolean>("typeof globalThis.corsInspector?.whenReady === 'function'")) || null,
    "the extension's inspection API",
    { timeout: 15_000, interval: 50 },
  );
  const run = <T>(body: string) =>
    session.evaluate<T>(`(async () => {
      await globalThis.corsInspector.whenReady();
      ${body}
    })()`);
  const worker: ExtensionWorker = {
    extensionId: new URL(target.url).host,
    call: (method, ...args) =>
      run(`return globalThis.corsInspector[${JSON.stringify(method)}](...${JSON.stringify(args)});`),
    // A tab just opened may not show its URL to chrome.tabs yet.
    tabIdOf: (url) =>
      waitUntil(
        async () => {
          const ids = (await worker.call('tabs')).filter((t) => t.url === url).map((t) => t.id);
          return ids.length === 1 ? ids[0] : null;
        },
        `exactly one tab to show ${url}`,
        { timeout: 15_000, interval: 100 },
      ),
    recorded: (tabId, text) =>
      run(`
        const mine = (await globalThis.corsInspector.records({ tabId: ${tabId}, limit: 1e6 }))
          .filter((r) => r.url.includes(${JSON.stringify(text)}));
        return { count: mine.length, sources: [...new Set(mine.map((r) => r.source ?? 'webRequest'))] };`),
  };
  return worker;
}
