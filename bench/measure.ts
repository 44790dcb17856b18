/**
 * One launch's loads of the bench page, driven through a session on tab B that only ever sends
 * Runtime.evaluate. Per load: the page's own time for runBench() and the CPU all of Chromium's
 * processes used from its start until the browser has gone quiet again (work a recorder defers —
 * storing, feeding a panel — is part of what it costs).
 */
import { waitUntil } from '../src/demo/devtools-front-end.ts';
import type { SpawnedBrowser } from './browser.ts';

export interface LoadSample {
  pageMs: number;
  cpuMs: number;
}

/** Quiet: at most this much CPU (ms) over one QUIET_WINDOW_MS, i.e. under 10 % of one core. */
const QUIET_CPU_MS = 20;
const QUIET_WINDOW_MS = 200;
/** A browser that never goes quiet (an open DevTools polls) is measured up to this long after the load. */
const MAX_TAIL_MS = 3000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function untilQuiet(cpuMs: () => number): Promise<void> {
  const deadline = Date.now() + MAX_TAIL_MS;
  let last = cpuMs();
  while (Date.now() < deadline) {
    await sleep(QUIET_WINDOW_MS);
    const now = cpuMs();
    if (now - last <= QUIET_CPU_MS) return;
    last = now;
  }
}

/**
 * `loads` measured loads after one warm-up (caches, connections, the recorder's first work), each
 * a reload of tab B; `tagOf(i)` names load i's requests (i = 0 is the warm-up).
 */
export async function measureLoads(
  b: SpawnedBrowser,
  tabB: string,
  loads: number,
  tagOf: (i: number) => string,
): Promise<LoadSample[]> {
  const page = await b.cdp.attach(tabB);
  const samples: LoadSample[] = [];
  try {
    for (let i = 0; i <= loads; i++) {
      // The old document is marked, so waiting for the new one cannot see the old one.
      await page.evaluate('window.benchReloaded = true; location.reload()');
      await waitUntil(
        () =>
          page.evaluate<boolean>(
            "!window.benchReloaded && document.readyState === 'complete' && typeof window.runBench === 'function'",
          ) || null,
        'the bench page to load',
        { timeout: 30_000, interval: 50 },
      );
      await untilQuiet(b.cpuMs);
      const cpu0 = b.cpuMs();
      const pageMs = await page.evaluate<number>(`window.runBench(${JSON.stringify(tagOf(i))})`);
      await untilQuiet(b.cpuMs);
      if (i > 0) samples.push({ pageMs, cpuMs: b.cpuMs() - cpu0 });
    }
  } finally {
    await page.detach().catch(() => undefined);
  }
  return samples;
}
