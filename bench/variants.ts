/**
 * What the bench compares. Every launch has two tabs, both opened with CDP Target.createTarget
 * (which enables nothing on them): A (`site.other`) and B (`site.page`, the measured one). A variant adds its observer, and after the loads says what shows it really ran
 * as named — counted from the recorder's own log for the last load (`tag`), so a variant whose
 * recorder saw nothing cannot pass for a cheap one.
 */
import { newCaptureHub, TabCapture } from '../src/node/cdp/tab-capture.ts';
import { waitUntil } from '../src/demo/devtools-front-end.ts';
import type { BenchSite } from './bench-site.ts';
import type { SpawnedBrowser } from './browser.ts';
import { openDevTools } from './devtools-window.ts';
import type { ExtensionWorker } from './extension-worker.ts';
import { attachPlaywright } from './playwright-session.ts';

export interface Launch {
  browser: SpawnedBrowser;
  site: BenchSite;
  /** The extension's worker, running, when the variant loads the extension. */
  worker: ExtensionWorker | null;
  /** Target ids: A, the other tab; B, the measured tab. */
  tabA: string;
  tabB: string;
}

export interface Running {
  /**
   * After the loads: what shows the variant ran as named (throws when it plainly did not). `tag`
   * is in the URL of every request of the last load, and of no other.
   */
  check(tag: string): Promise<string>;
  close(): Promise<void>;
}

export type VariantKey =
  | 'none'
  | 'installed'
  | 'devtools'
  | 'devtools-ours'
  | 'devtools-ours-hidden'
  | 'cdp'
  | 'cli'
  | 'extension-source'
  | 'other-tab'
  | 'other-tab-devtools'
  | 'panel-tab';

export interface Variant {
  key: VariantKey;
  label: string;
  /** Loads our built extension (dist/). */
  extension: boolean;
  start(l: Launch): Promise<Running>;
}

const nothingToClose = async () => undefined;

function workerOf(l: Launch): ExtensionWorker {
  if (!l.worker) throw new Error('this variant needs the extension loaded');
  return l.worker;
}

/** Polls a recorder's count until it reaches `want` (records arrive a moment after the page's responses). */
const counted = (count: () => Promise<number> | number, want: number) =>
  waitUntil(
    async () => {
      const n = await count();
      return n >= want ? n : null;
    },
    `${want} recorded`,
    { timeout: 20_000, interval: 250 },
  ).catch(async () => count());

const ofWanted = (n: number, want: number) => `${n}/${want}${n === want ? '' : ' (!)'}`;

/** Throws when a recorder that should have seen the load saw none of it. */
function seen(what: string, n: number): void {
  if (n === 0) throw new Error(`${what} recorded nothing of the measured load`);
}

/** The extension's worker state: which tabs it records and how many extraHeaders listeners exist. */
async function listenerState(w: ExtensionWorker): Promise<{ tabs: number[]; extraHeaders: number }> {
  return { tabs: await w.call('recordedTabs'), extraHeaders: await w.call('extraHeadersListenerCount') };
}

/** Waits until the worker records `tabId` (from a reader that just connected). */
const recording = (w: ExtensionWorker, tabId: number) =>
  waitUntil(async () => (await w.call('recordedTabs')).includes(tabId) || null, `the worker to record tab ${tabId}`);

/** Our panel opened as a tab on `tabId` (panel.html?tabId=N): it records that tab through webRequest. */
async function panelTab(l: Launch, w: ExtensionWorker, tabId: number): Promise<void> {
  await l.browser.openTab(`chrome-extension://${w.extensionId}/src/devtools/panel/panel.html?tabId=${tabId}`);
  await recording(w, tabId);
}

/** DevTools on `tab`, our CORS panel shown in it: the devtools page feeds DevTools' network log to the worker. */
/**
 * DevTools on `tab` with the extension installed: our devtools page feeds DevTools' network log to
 * the worker from the moment DevTools opens, whichever panel the user looks at (devtools/devtools.ts).
 */
async function devtoolsWithOurs(l: Launch, w: ExtensionWorker, tab: string, tabId: number, showPanel: boolean) {
  const devtools = await openDevTools(l.browser, tab);
  if (showPanel) await devtools.showCorsPanel(w.extensionId);
  await recording(w, tabId);
  return devtools;
}

/** DevTools with our extension on B, our panel shown or not; the worker must record B from DevTools' log only. */
function devtoolsOnB(showPanel: boolean): Variant['start'] {
  return async (l) => {
    const w = workerOf(l);
    const tabId = await w.tabIdOf(l.site.page);
    const devtools = await devtoolsWithOurs(l, w, l.tabB, tabId, showPanel);
    return {
      async check(tag) {
        await devtools.checkAttached();
        const s = await listenerState(w);
        if (s.extraHeaders) throw new Error(`DevTools-fed recording has ${s.extraHeaders} extraHeaders listeners`);
        const want = l.site.requestsPerLoad;
        const r = await counted(async () => (await w.recorded(tabId, tag)).count, want);
        seen('the worker', r);
        const { sources } = await w.recorded(tabId, tag);
        return `our panel ${showPanel ? 'shown' : 'not shown'}, 0 extraHeaders listeners; recorded ${ofWanted(r, want)} from ${sources.join('+')}`;
      },
      close: nothingToClose,
    };
  };
}

export const VARIANTS: Variant[] = [
  {
    key: 'none',
    label: 'none',
    extension: false,
    start: async () => ({ check: async () => 'no extension, no DevTools, no CDP recorder', close: nothingToClose }),
  },
  {
    key: 'installed',
    label: 'installed idle',
    extension: true,
    async start(l) {
      const w = workerOf(l);
      return {
        async check() {
          const s = await listenerState(w);
          if (s.tabs.length || s.extraHeaders) throw new Error(`idle extension records ${JSON.stringify(s)}`);
          return 'worker running, no tab recorded, 0 extraHeaders listeners';
        },
        close: nothingToClose,
      };
    },
  },
  {
    key: 'devtools',
    label: 'DevTools alone',
    extension: false,
    async start(l) {
      const devtools = await openDevTools(l.browser, l.tabB);
      return {
        async check(tag) {
          await devtools.checkAttached();
          // DevTools logs each preflight as a request of its own.
          const want = l.site.requestsPerLoad + l.site.preflightsPerLoad;
          const n = await counted(() => devtools.logged(tag), want);
          seen("DevTools' network log", n);
          return `DevTools inspects B; its network log: ${ofWanted(n, want)} requests and preflights`;
        },
        close: nothingToClose,
      };
    },
  },
  { key: 'devtools-ours', label: 'DevTools + our panel', extension: true, start: devtoolsOnB(true) },
  {
    key: 'devtools-ours-hidden',
    label: 'DevTools + ours, panel hidden',
    extension: true,
    start: devtoolsOnB(false),
  },
  {
    key: 'cdp',
    label: 'CDP alone (Playwright)',
    extension: false,
    async start(l) {
      const pw = await attachPlaywright(l.browser, l.site.page);
      return {
        async check(tag) {
          const n = await counted(() => pw.finished(tag), l.site.requestsPerLoad);
          seen('Playwright', n);
          return `Playwright saw ${ofWanted(n, l.site.requestsPerLoad)} finish`;
        },
        close: () => pw.close(),
      };
    },
  },
  {
    key: 'cli',
    label: 'CLI source (CDP + ours)',
    extension: false,
    async start(l) {
      const pw = await attachPlaywright(l.browser, l.site.page);
      const hub = newCaptureHub();
      const { store } = hub;
      // What launchInspector({ source: 'cdp' }) attaches to each page (src/node/cdp-inspector.ts).
      await TabCapture.attach(pw.context, pw.page, 1, hub);
      const mine = (tag: string) =>
        store
          .index(1)
          .map(({ id }) => store.get(1, id))
          .filter((r) => r?.url.includes(tag)).length;
      return {
        async check(tag) {
          const n = await counted(() => mine(tag), l.site.requestsPerLoad);
          seen('the CDP source', n);
          return `our CDP source recorded ${ofWanted(n, l.site.requestsPerLoad)}`;
        },
        close: () => pw.close(),
      };
    },
  },
  {
    key: 'extension-source',
    label: 'extension source (CDP + ours)',
    extension: true,
    async start(l) {
      const w = workerOf(l);
      const pw = await attachPlaywright(l.browser, l.site.page);
      // What launchInspector({ source: 'extension' }) asks of the worker (src/node/extension-inspector.ts).
      await w.call('setPageObserver', true);
      await w.call('recordAll', 'node-api');
      const tabId = await w.tabIdOf(l.site.page);
      return {
        async check(tag) {
          const want = l.site.requestsPerLoad;
          const r = await counted(async () => (await w.recorded(tabId, tag)).count, want);
          seen('the extension', r);
          const s = await listenerState(w);
          return `recording all tabs, ${s.extraHeaders} extraHeaders listener(s); recorded ${ofWanted(r, want)}`;
        },
        close: () => pw.close(),
      };
    },
  },
  {
    key: 'other-tab',
    label: 'another tab (A by webRequest)',
    extension: true,
    async start(l) {
      const w = workerOf(l);
      const [a, b] = [await w.tabIdOf(l.site.other), await w.tabIdOf(l.site.page)];
      await panelTab(l, w, a);
      return {
        async check(tag) {
          const s = await listenerState(w);
          if (!s.tabs.includes(a) || s.tabs.includes(b) || !s.extraHeaders)
            throw new Error(`expected A recorded by webRequest, B not: ${JSON.stringify(s)}`);
          const r = (await w.recorded(b, tag)).count;
          if (r) throw new Error(`B was recorded (${r}) while only A should be`);
          return `panel tab records A with ${s.extraHeaders} extraHeaders listener(s); B recorded 0`;
        },
        close: nothingToClose,
      };
    },
  },
  {
    key: 'other-tab-devtools',
    label: 'another tab (A by DevTools)',
    extension: true,
    async start(l) {
      const w = workerOf(l);
      const [a, b] = [await w.tabIdOf(l.site.other), await w.tabIdOf(l.site.page)];
      const devtools = await devtoolsWithOurs(l, w, l.tabA, a, true);
      return {
        async check(tag) {
          await devtools.checkAttached();
          const s = await listenerState(w);
          if (!s.tabs.includes(a) || s.tabs.includes(b) || s.extraHeaders)
            throw new Error(`expected A recorded from DevTools, B not: ${JSON.stringify(s)}`);
          const r = (await w.recorded(b, tag)).count;
          if (r) throw new Error(`B was recorded (${r}) while only A should be`);
          return `DevTools + our panel on A, 0 extraHeaders listeners; B recorded 0`;
        },
        close: nothingToClose,
      };
    },
  },
  {
    key: 'panel-tab',
    label: 'panel-as-tab on B',
    extension: true,
    async start(l) {
      const w = workerOf(l);
      const tabId = await w.tabIdOf(l.site.page);
      await panelTab(l, w, tabId);
      return {
        async check(tag) {
          const want = l.site.requestsPerLoad;
          const r = await counted(async () => (await w.recorded(tabId, tag)).count, want);
          seen('the panel tab', r);
          const s = await listenerState(w);
          return `panel tab records B with ${s.extraHeaders} extraHeaders listener(s); recorded ${ofWanted(r, want)}`;
        },
        close: nothingToClose,
      };
    },
  },
];
