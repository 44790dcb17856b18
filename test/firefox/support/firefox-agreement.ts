/**
 * Whether the extension's record of a call agrees with what Firefox did (firefox-oracle.ts): the
 * same verdict and, for a blocked call, Firefox's console message word for word. Two allowances,
 * both for what Firefox's webRequest cannot show, and only where the record says so:
 * - a reason the engine marks as not certain may name Firefox's message among its assumptions
 *   (two Access-Control-Allow-Origin lines reach extensions merged into one 'a, b' value);
 * - Firefox logs "CORS request did not succeed" both for a network error and for a CORS redirect
 *   rule it gives no reason for; a record may call such a call blocked if it quotes that message.
 */
import type { Evaluation } from '../../../src/cors/types.ts';
import type { FirefoxDecision } from './firefox-oracle.ts';

/** The "(Reason: …)" part of a Firefox message. */
const reasonOf = (message: string) => /\(Reason: (.*)\)/.exec(message)?.[1] ?? message;

/** What the record says, in the oracle's terms. */
export interface RecordSays {
  verdict: Evaluation['verdict'];
  message: string | null;
  confidence: Evaluation['confidence'] | null;
}

export function recordSays(e: Evaluation): RecordSays {
  return {
    verdict: e.verdict,
    message: e.reason?.firefoxReason ?? null,
    confidence: e.reason?.confidence ?? null,
  };
}

/** Why the record disagrees with Firefox, or null when it agrees. */
export function disagreement(e: Evaluation, firefox: FirefoxDecision): string | null {
  const ours = recordSays(e);
  if (firefox.verdict === 'blocked') {
    if (ours.verdict !== 'blocked') return `Firefox blocked it (${firefox.message}); the record says ${ours.verdict}`;
    if (ours.message === firefox.message) return null;
    const named = e.reason?.assumptions.some((a) => a.includes(reasonOf(firefox.message ?? '')));
    if (ours.confidence !== 'certain' && named) return null;
    return `Firefox says "${firefox.message}"; the record says "${ours.message}" (${ours.confidence})`;
  }
  if (firefox.verdict === 'failed') {
    if (ours.verdict === 'failed') return null;
    if (ours.verdict === 'blocked' && firefox.message !== null && ours.message === firefox.message) return null;
    return `Firefox failed it (${firefox.message ?? 'no console message'}); the record says ${ours.verdict}${ours.message ? ` ("${ours.message}")` : ''}`;
  }
  return ours.verdict === firefox.verdict ? null : `Firefox: ${firefox.verdict}; the record: ${ours.verdict}`;
}
