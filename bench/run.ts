/**
 * `npm run bench`: what CORS Inspector costs a page, beside what the page already pays for the
 * observer it has (DevTools, Playwright). Chromium is spawned by the bench (bench/browser.ts), so
 * the baseline page has no network observer at all. Per load: the page's time and the CPU of all
 * Chromium's processes. Each variant launch sits between two `none` launches and is divided by
 * their mean (neighbour-paired), which cancels the drift of a shared machine; the order of the
 * variants rotates each round. The noise band is a `none` launch divided by its two neighbours.
 * A measurement, not a test: a missed target is printed, never an exit status.
 *
 *   BENCH_ROUNDS (default 3), BENCH_LOADS (measured loads per launch, default 2),
 *   BENCH_VARIANTS (comma-separated keys, default all), BENCH_BURST=0 (skip the burst check)
 */
import { extensionDir } from '../src/node/package-root.ts';
import { startBenchSite, type BenchSite } from './bench-site.ts';
import { spawnChromium } from './browser.ts';
import { burst } from './burst.ts';
import { extensionWorker } from './extension-worker.ts';
import { measureLoads } from './measure.ts';
import { printSummary, type LaunchResult } from './summary.ts';
import { VARIANTS, type Variant } from './variants.ts';

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1 (got '${raw}')`);
  return n;
}

const ROUNDS = positive('BENCH_ROUNDS', 3);
const LOADS = positive('BENCH_LOADS', 2);
const BURST = process.env.BENCH_BURST !== '0';

const NONE = VARIANTS.find((v) => v.key === 'none')!;
const MEASURED = (() => {
  const all = VARIANTS.filter((v) => v.key !== 'none');
  const only = process.env.BENCH_VARIANTS?.split(',').map((k) => k.trim());
  if (!only) return all;
  const unknown = only.filter((k) => !all.some((v) => v.key === k));
  if (unknown.length || !only.length)
    throw new Error(`BENCH_VARIANTS: unknown ${unknown.join(', ')}; choose from ${all.map((v) => v.key).join(', ')}`);
  return all.filter((v) => only.includes(v.key));
})();

let launches = 0;

async function launchOnce(v: Variant, site: BenchSite): Promise<LaunchResult> {
  const n = ++launches;
  const browser = await spawnChromium({ extensionDir: v.extension ? extensionDir() : undefined });
  try {
    // The extension's worker runs before any page loads: a page opened while it was still held
    // for a debugger (the first tab, when it was opened from the command line) sometimes never
    // finished loading (measured: tab A stuck in 4 of 6 extension launches of one run).
    const worker = v.extension ? await extensionWorker(browser) : null;
    const blank = (await browser.targets()).find((t) => t.type === 'page' && t.url === 'about:blank');
    const tabA = await browser.openTab(site.other);
    const tabB = await browser.openTab(site.page);
    if (blank) await browser.cdp.send('Target.closeTarget', { targetId: blank.id });
    const running = await v.start({ browser, site, worker, tabA, tabB });
    try {
      // Tags like "bench7x2y": no tag is part of another, so a count for one load is exact.
      const tag = (i: number) => `bench${n}x${i}y`;
      const samples = await measureLoads(browser, tabB, LOADS, tag);
      const evidence = await running.check(tag(LOADS));
      return { variant: v.key, samples, evidence };
    } finally {
      await running.close();
    }
  } finally {
    await browser.close();
  }
}

/**
 * One retry: on a loaded machine a launch can time out for reasons that are not the variant's.
 * A launch that fails twice is left out (null), with the ratios that needed it.
 */
async function launch(v: Variant, site: BenchSite): Promise<LaunchResult | null> {
  for (const attempt of [1, 2]) {
    try {
      return await launchOnce(v, site);
    } catch (error) {
      process.stderr.write(`  ${v.key}, attempt ${attempt}: ${(error as Error).message.split('\n')[0]}\n`);
    }
  }
  return null;
}

async function main(): Promise<void> {
  const site = await startBenchSite();
  const rounds: (LaunchResult | null)[][] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const k = round % MEASURED.length;
      const order = [...MEASURED.slice(k), ...MEASURED.slice(0, k)];
      // none, v1, none, v2, …, vk, none: every variant launch has a none launch on each side.
      const sequence = [NONE, ...order.flatMap((v) => [v, NONE])];
      const results: (LaunchResult | null)[] = [];
      for (const v of sequence) {
        const r = await launch(v, site);
        results.push(r);
        if (!r) {
          process.stderr.write(`round ${round + 1}/${ROUNDS} ${v.key.padEnd(19)} LEFT OUT: failed twice\n`);
          continue;
        }
        const ms = (x: number) => x.toFixed(0).padStart(5);
        process.stderr.write(
          `round ${round + 1}/${ROUNDS} ${v.key.padEnd(19)} page ${r.samples.map((s) => ms(s.pageMs)).join(' ')} ms, CPU ${r.samples.map((s) => ms(s.cpuMs)).join(' ')} ms — ${r.evidence}\n`,
        );
      }
      rounds.push(results);
    }
    printSummary(rounds, MEASURED, { rounds: ROUNDS, loads: LOADS, requests: site.requestsPerLoad });
    if (BURST)
      for (const source of ['cdp', 'extension'] as const) {
        const b = await burst(site, source);
        console.log(
          `Burst while recording (${source} source): ${b.sent} requests sent, ${b.recorded} exchanges recorded (${b.sent - b.recorded} lost).`,
        );
      }
  } finally {
    await site.close();
  }
}

await main();
