/**
 * The burst check: 2 000 cross-origin requests (50 at a time) while recording, through the Node
 * API as users run it (launchInspector with each source), and how many exchanges were recorded.
 */
import { launchInspector, type InspectorSource } from '../src/node/inspector.ts';
import type { BenchSite } from './bench-site.ts';

export const BURST_REQUESTS = 2000;
const CONCURRENCY = 50;

export interface BurstResult {
  source: InspectorSource;
  sent: number;
  recorded: number;
}

export async function burst(site: BenchSite, source: InspectorSource): Promise<BurstResult> {
  const inspector = await launchInspector({ source });
  try {
    const page = await inspector.newPage();
    await page.goto(site.other);
    const sent = await page.evaluate(
      async ([api, total, concurrency]) => {
        let next = 0;
        let ok = 0;
        const worker = async () => {
          while (next < total) {
            const n = next++;
            if ((await fetch(`${api}/get?burst-${n}`)).ok) ok++;
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        return ok;
      },
      [site.api, BURST_REQUESTS, CONCURRENCY] as const,
    );
    const records = await inspector.records({ tabId: await inspector.tabIdOf(page), settleMs: 30_000 });
    const recorded = records.filter((r) => r.url.startsWith(`${site.api}/get?burst-`)).length;
    return { source, sent, recorded };
  } finally {
    await inspector.close();
  }
}
