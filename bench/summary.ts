/**
 * The bench's table: each variant launch divided by the mean of the `none` launches on either side
 * (neighbour-paired), per round; the median and range over rounds; the noise band; the costs on top
 * of the observer already there; and issue 13's targets.
 */
import type { LoadSample } from './measure.ts';
import { formatSpread, median, spread, type Spread } from './stats.ts';
import type { Variant, VariantKey } from './variants.ts';

export interface LaunchResult {
  variant: VariantKey;
  samples: LoadSample[];
  /** What showed the variant ran as named. */
  evidence: string;
}

type Metric = 'pageMs' | 'cpuMs';
const METRICS: Metric[] = ['pageMs', 'cpuMs'];

const valueOf = (r: LaunchResult, m: Metric) => median(r.samples.map((s) => s[m]));

/** A round: none, v1, none, v2, …, vk, none; null where a launch failed twice. */
export type Round = (LaunchResult | null)[];

/** Launch `j` ÷ the mean of launches `j - d` and `j + d`, when all three ran. */
function overNeighbours(round: Round, j: number, d: number, m: Metric): number | null {
  const [before, it, after] = [round[j - d], round[j], round[j + d]];
  return before && it && after ? valueOf(it, m) / ((valueOf(before, m) + valueOf(after, m)) / 2) : null;
}

/** Per round, each variant ÷ the mean of its two none neighbours. */
export function pairedRatios(round: Round, m: Metric): Map<VariantKey, number> {
  const ratios = new Map<VariantKey, number>();
  for (let j = 1; j < round.length - 1; j += 2) {
    const r = overNeighbours(round, j, 1, m);
    if (r !== null) ratios.set(round[j]!.variant, r);
  }
  return ratios;
}

/** Each none launch with a none on both sides (two launches away) ÷ their mean. */
export function noise(round: Round, m: Metric): number[] {
  const out: number[] = [];
  for (let j = 2; j < round.length - 2; j += 2) {
    const r = overNeighbours(round, j, 2, m);
    if (r !== null) out.push(r);
  }
  return out;
}

interface Target {
  what: string;
  key: VariantKey;
  /** Divided by this variant's ratio as well (the observer already there). */
  over?: VariantKey;
  metrics: Metric[];
  max: number;
}

/** Issue 13's targets. */
const TARGETS: Target[] = [
  { what: 'installed idle ≤ 1.02× none', key: 'installed', metrics: ['cpuMs'], max: 1.02 },
  {
    what: 'DevTools + our panel ≤ 1.10× DevTools alone',
    key: 'devtools-ours',
    over: 'devtools',
    metrics: METRICS,
    max: 1.1,
  },
  {
    what: 'DevTools + ours, panel hidden ≤ 1.10× DevTools alone',
    key: 'devtools-ours-hidden',
    over: 'devtools',
    metrics: METRICS,
    max: 1.1,
  },
  { what: 'CLI source ≤ 1.10× CDP (Playwright) alone', key: 'cli', over: 'cdp', metrics: METRICS, max: 1.1 },
  { what: 'another tab (webRequest) ≤ 1.02× none', key: 'other-tab', metrics: METRICS, max: 1.02 },
  { what: 'another tab (DevTools) ≤ 1.02× none', key: 'other-tab-devtools', metrics: METRICS, max: 1.02 },
];

/** Costs on top of an observer that is already there: [variant, the observer]. */
const ON_TOP: [VariantKey, VariantKey][] = [
  ['devtools-ours', 'devtools'],
  ['devtools-ours-hidden', 'devtools'],
  ['cli', 'cdp'],
  ['extension-source', 'cdp'],
];

const METRIC_NAME: Record<Metric, string> = { pageMs: 'page', cpuMs: 'CPU' };

export function printSummary(
  rounds: Round[],
  measured: Variant[],
  o: { rounds: number; loads: number; requests: number },
): void {
  const ratios = Object.fromEntries(METRICS.map((m) => [m, rounds.map((r) => pairedRatios(r, m))])) as Record<
    Metric,
    Map<VariantKey, number>[]
  >;
  const of = (key: VariantKey, m: Metric, over?: VariantKey): Spread | null => {
    const xs = ratios[m].flatMap((r) => {
      const x = r.get(key);
      const ref = over ? r.get(over) : 1;
      return x !== undefined && ref !== undefined ? [x / ref] : [];
    });
    return xs.length ? spread(xs) : null;
  };
  const band = Object.fromEntries(METRICS.map((m) => [m, rounds.flatMap((r) => noise(r, m))])) as Record<
    Metric,
    number[]
  >;
  const launched = rounds.flat().filter((r) => r !== null);
  const nones = launched.filter((r) => r.variant === 'none');
  const leftOut = rounds.flat().length - launched.length;
  const w = 32;
  const col = 22;

  console.log(
    `\n${o.requests / 2} cross-origin GETs + ${o.requests / 2} preflighted PUTs per load; ${o.rounds} round(s) × ${o.loads} measured load(s) per launch.`,
  );
  console.log(
    'Each launch (median of its loads) ÷ the mean of the `none` launches before and after it; median [range] over rounds.',
  );
  console.log(
    `none, absolute: page ${median(nones.flatMap((r) => r.samples.map((s) => s.pageMs))).toFixed(0)} ms, CPU ${median(nones.flatMap((r) => r.samples.map((s) => s.cpuMs))).toFixed(0)} ms per load (median)\n`,
  );
  console.log(`${'variant'.padEnd(w)}${'page ÷ none'.padEnd(col)}${'CPU ÷ none'.padEnd(col)}`);
  console.log(
    `${'noise: none ÷ its neighbours'.padEnd(w)}${formatSpread(band.pageMs.length ? spread(band.pageMs) : null).padEnd(col)}${formatSpread(band.cpuMs.length ? spread(band.cpuMs) : null).padEnd(col)}`,
  );
  for (const v of measured)
    console.log(
      `${v.label.padEnd(w)}${formatSpread(of(v.key, 'pageMs')).padEnd(col)}${formatSpread(of(v.key, 'cpuMs')).padEnd(col)}`,
    );

  const label = (k: VariantKey) => measured.find((v) => v.key === k)?.label ?? k;
  const onTop = ON_TOP.filter(([k, over]) => of(k, 'pageMs', over));
  if (onTop.length) {
    console.log('\nOn top of the observer already there (per round, the two ratios divided):');
    for (const [k, over] of onTop)
      console.log(
        `${`${label(k)} ÷ ${label(over)}`.padEnd(w + 24)}page ${formatSpread(of(k, 'pageMs', over)).padEnd(col)}CPU ${formatSpread(of(k, 'cpuMs', over))}`,
      );
  }

  console.log('\nTargets (issue 13), on the median; a miss is a finding, not a failure:');
  for (const t of TARGETS) {
    const parts = t.metrics.flatMap((m) => {
      const s = of(t.key, m, t.over);
      return s ? [`${METRIC_NAME[m]} ${s.median.toFixed(2)} ${s.median <= t.max ? 'PASS' : 'MISS'}`] : [];
    });
    if (parts.length) console.log(`  ${t.what.padEnd(w + 24)}${parts.join(', ')}`);
  }

  if (leftOut) console.log(`\n${leftOut} launch(es) failed twice and were left out, with the ratios that needed them.`);
  console.log('\nWhat each variant showed (from its recorder, for the last load of each launch):');
  for (const v of measured) {
    const seen = [...new Set(launched.filter((r) => r.variant === v.key).map((r) => r.evidence))];
    console.log(`  ${v.label}: ${seen.join(' | ')}`);
  }
  console.log('');
}
