/**
 * Every end-to-end scenario, as data. Each records what Chromium did; the matrix
 * (test/e2e/engine-matrix.test.ts) re-checks that and asserts the engine agrees.
 */
import { ACCESS_SCENARIOS } from './scenario-table-access.ts';
import { EXPOSURE_SCENARIOS } from './scenario-table-exposure.ts';
import { PREFLIGHT_SCENARIOS } from './scenario-table-preflight.ts';
import { REDIRECT_SCENARIOS } from './scenario-table-redirect.ts';
import { SAFELIST_SCENARIOS } from './scenario-table-safelist.ts';
import type { Scenario } from './scenario-types.ts';

export const SCENARIOS: readonly Scenario[] = [
  ...ACCESS_SCENARIOS,
  ...PREFLIGHT_SCENARIOS,
  ...SAFELIST_SCENARIOS,
  ...REDIRECT_SCENARIOS,
  ...EXPOSURE_SCENARIOS,
];

const seen = new Set<string>();
for (const s of SCENARIOS) {
  if (seen.has(s.id)) throw new Error(`duplicate scenario id ${s.id}: every scenario needs its own URLs`);
  if (!/^[a-z0-9-]+$/i.test(s.id)) throw new Error(`scenario id ${s.id} must be usable as a URL path segment`);
  seen.add(s.id);
}
