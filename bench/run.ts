/**
 * `npm run bench`: what CORS Inspector costs a page, measured in one run. Variants alternate within
 * each round (fresh profile per launch, one warm-up load, then timed loads); medians and ratios are
 * printed. A 2 000-request burst while recording checks that no exchange is lost.
 * Ratios only mean something within one run: this machine's absolute times drift between runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { findChromium, launchWithExtension, QUIET_FLAGS, withTimeout } from '../src/node/chromium.ts';
import { extensionDir } from '../src/node/package-root.ts';
import { startBenchSite, type BenchSite } from './bench-site.ts';
import { writeFloorExtension } from './floor-extension.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LOADS = Number(process.env.BENCH_LOADS ?? 2);

type Variant = 'none' | 'installed' | 'recording-this-tab' | 'recording-other-tab' | 'floor' | 'devtools-network';
const VARIANTS: Variant[] = [
  'none',
  'installed',
  'recording-this-tab',
  'recording-other-tab',
  'floor',
  'devtools-network',
];

interface Session {
  context: BrowserContext;
  bench: Page;
  close(): Promise<void>;
}

const api = (w: Worker) => ({
  recordTab: (tabId: number) =>
    withTimeout(
      w.evaluate(
        (t) =>
          (
            globalThis as never as { corsInspector: { recordTab(t: number, o: string): Promise<void> } }
          ).corsInspector.recordTab(t, 'bench'),
        tabId,
      ),
      15_000,
      'recordTab',
    ),
  tabOf: (url: string) =>
    withTimeout(
      w.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)!.id!, url),
      15_000,
      'tab id',
    ),
  count: (url: string) =>
    withTimeout(
      w.evaluate(
        async (u) =>
          (
            await (
              globalThis as never as {
                corsInspector: { exchanges(f: object): Promise<{ url: string; browserOutcome: string }[]> };
              }
            ).corsInspector.exchanges({})
          ).filter((r) => r.url.startsWith(u) && r.browserOutcome === 'completed').length,
        url,
      ),
      60_000,
      'count',
    ),
});

async function open(variant: Variant, site: BenchSite, floorDir: string): Promise<Session> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-bench-'));
  const cleanup = (context: BrowserContext) => async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  if (variant === 'none' || variant === 'devtools-network') {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: findChromium(),
      headless: true,
      args: QUIET_FLAGS,
    });
    const other = await context.newPage();
    await other.goto(site.other);
    const bench = await context.newPage();
    await bench.goto(site.page);
    if (variant === 'devtools-network') await (await context.newCDPSession(bench)).send('Network.enable');
    return { context, bench, close: cleanup(context) };
  }
  const launched = await launchWithExtension({
    extensionDir: variant === 'floor' ? floorDir : extensionDir(),
    userDataDir: profile,
  });
  const { context, worker } = launched;
  const other = await context.newPage();
  await other.goto(site.other);
  const bench = await context.newPage();
  await bench.goto(site.page);
  if (variant === 'recording-this-tab') await api(worker).recordTab(await api(worker).tabOf(site.page));
  if (variant === 'recording-other-tab') await api(worker).recordTab(await api(worker).tabOf(site.other));
  return { context, bench, close: cleanup(context) };
}

async function sample(s: Session, site: BenchSite): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i <= LOADS; i++) {
    await s.bench.goto(site.page);
    const ms = await s.bench.evaluate(() => (window as unknown as { runBench(): Promise<number> }).runBench());
    if (i > 0) times.push(ms); // the first load warms caches and connections
  }
  return times;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function burst(site: BenchSite): Promise<{ sent: number; recorded: number }> {
  const launched = await launchWithExtension({ extensionDir: extensionDir() });
  try {
    const page = await launched.context.newPage();
    await page.goto(site.other);
    const a = api(launched.worker);
    await a.recordTab(await a.tabOf(site.other));
    const sent = await page.evaluate(async (apiOrigin) => {
      let next = 0;
      let ok = 0;
      const worker = async () => {
        while (next < 2000) {
          const n = next++;
          if ((await fetch(`${apiOrigin}/get?burst-${n}`)).ok) ok++;
        }
      };
      await Promise.all(Array.from({ length: 50 }, worker));
      return ok;
    }, site.api);
    let recorded = 0;
    for (let i = 0; i < 60 && recorded < sent; i++) {
      recorded = await a.count(`${site.api}/get?burst-`);
      if (recorded < sent) await new Promise((r) => setTimeout(r, 500));
    }
    return { sent, recorded };
  } finally {
    await launched.context.close();
  }
}

async function main(): Promise<void> {
  const site = await startBenchSite();
  const floorDir = writeFloorExtension();
  const results = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
  const perRound: Map<Variant, number>[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = [...VARIANTS.slice(round % VARIANTS.length), ...VARIANTS.slice(0, round % VARIANTS.length)];
      const medians = new Map<Variant, number>();
      for (const v of order) {
        const s = await open(v, site, floorDir);
        const times = await sample(s, site);
        await s.close();
        results.get(v)!.push(...times);
        medians.set(v, median(times));
      }
      perRound.push(medians);
      process.stderr.write(
        `round ${round + 1}/${ROUNDS}: ${order.map((v) => `${v} ${medians.get(v)!.toFixed(0)} ms`).join(', ')}\n`,
      );
    }
    const none = median(results.get('none')!);
    const floor = median(results.get('floor')!);
    const paired = (v: Variant, ref: Variant) => median(perRound.map((m) => m.get(v)! / m.get(ref)!));
    console.log(
      `\nPage time for 200 cross-origin GETs + 200 preflighted PUTs (${ROUNDS} rounds × ${LOADS} loads, median ms)\n`,
    );
    console.log(
      `${'variant'.padEnd(22)}${'median'.padStart(9)}${'÷ none'.padStart(9)}${'÷ floor'.padStart(9)}${'paired ÷ none'.padStart(15)}`,
    );
    for (const v of VARIANTS) {
      const m = median(results.get(v)!);
      console.log(
        `${v.padEnd(22)}${m.toFixed(0).padStart(9)}${(m / none).toFixed(2).padStart(9)}${(m / floor).toFixed(2).padStart(9)}${paired(v, 'none').toFixed(2).padStart(15)}`,
      );
    }
    console.log(
      '\nTargets: installed ≤ 1.02× none; recording-other-tab ≤ 1.10× none; recording-this-tab ≤ 1.05× floor (DevTools itself: devtools-network).',
    );
    const b = await burst(site);
    console.log(
      `Burst while recording: ${b.sent} requests sent, ${b.recorded} exchanges recorded (${b.sent - b.recorded} lost).`,
    );
  } finally {
    await site.close();
    fs.rmSync(floorDir, { recursive: true, force: true });
  }
}

await main();
