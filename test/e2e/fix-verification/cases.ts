/**
 * What the suite replays: the curated scenarios (one per reason code, plus hostile header names and
 * auth-before-CORS) and every blocked scenario of the end-to-end matrix whose fix is a header on the
 * server the page called. The matrix scenarios left out are listed with the reason.
 */
import { SCENARIOS } from '../support/scenario-table.ts';
import type { Scenario } from '../support/scenario-types.ts';
import { BLOCKED_SCENARIOS } from './blocked-scenarios.ts';
import { blockedWith, whyNotReplayable } from './fix-check.ts';

const matrixBlocked = SCENARIOS.filter((s) => blockedWith(s) !== null);

export const MATRIX_LEFT_OUT: { id: string; why: string }[] = matrixBlocked.flatMap((s) => {
  const why = whyNotReplayable(s);
  return why ? [{ id: s.id, why }] : [];
});

export const FIX_CASES: readonly Scenario[] = [
  ...BLOCKED_SCENARIOS,
  ...matrixBlocked.filter((s) => whyNotReplayable(s) === null),
];
