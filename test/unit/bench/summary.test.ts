import { describe, expect, it } from 'vitest';
import { noise, pairedRatios, type LaunchResult, type Round } from '../../../bench/summary.ts';
import type { VariantKey } from '../../../bench/variants.ts';

/** A launch whose loads took `ms` page time and `cpu` CPU each. */
const launch = (variant: VariantKey, ms: number, cpu = ms): LaunchResult => ({
  variant,
  samples: [
    { pageMs: ms, cpuMs: cpu },
    { pageMs: ms, cpuMs: cpu },
  ],
  evidence: '',
});

describe('neighbour pairing', () => {
  const round: Round = [
    launch('none', 100, 50),
    launch('installed', 110, 60),
    launch('none', 120, 70),
    launch('devtools', 260, 120),
    launch('none', 140, 50),
    launch('cdp', 150),
    launch('none', 160),
  ];

  it('divides each variant launch by the mean of the none launches on either side', () => {
    const page = pairedRatios(round, 'pageMs');
    expect([...page.keys()]).toEqual(['installed', 'devtools', 'cdp']);
    expect(page.get('installed')).toBeCloseTo(110 / 110);
    expect(page.get('devtools')).toBeCloseTo(260 / 130);
    expect(page.get('cdp')).toBeCloseTo(150 / 150);
    expect(pairedRatios(round, 'cpuMs').get('devtools')).toBeCloseTo(120 / 60);
  });

  it('gives the noise band from each none launch over the nones two launches away', () => {
    expect(noise(round, 'pageMs')).toEqual([120 / 120, 140 / 140]);
  });

  it('leaves out the ratios that need a launch that failed', () => {
    const failed: Round = [...round];
    failed[2] = null;
    expect([...pairedRatios(failed, 'pageMs').keys()]).toEqual(['cdp']);
    expect(noise(failed, 'pageMs')).toEqual([]);
  });
});
