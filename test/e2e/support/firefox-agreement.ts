/**
 * Whether an evaluation of a call agrees with what Firefox did (test/firefox/support/firefox-oracle.ts
 * live, scenario-firefox.ts as recorded): the
 * same verdict and, for a blocked call, Firefox's console message word for word. Two allowances,
 * both for what Firefox's webRequest cannot show, and only where the record says so:
 * - a reason the engine marks as not certain may name Firefox's message among its assumptions
 *   (two Access-Control-Allow-Origin lines reach extensions merged into one 'a, b' value);
 * - Firefox logs "CORS request did not succeed" both for a network error and for a CORS redirect
 *   rule it gives no reason for; a record may call such a call blocked if it quotes that message.
 */
import type { Evaluation, Verdict } from '../../../src/cors/types.ts';

/**
 * What Firefox did for a call: its verdict and its first CORS console message, if any. `failed` is
 * a network error, or a CORS rule Firefox gives no reason for (a redirect to user:password@):
 * Firefox logs both as "CORS request did not succeed", so the message is kept for the comparison.
 */
export interface FirefoxDecision {
  verdict: Verdict;
  message: string | null;
}

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

/**
 * Whether the engine's view of what Firefox would do, judged on Chromium's wire (the explanation's
 * "Firefox would …" notes come from it), agrees with what Firefox did. Judged without an outcome, a
 * read the headers allow is unfinished; and where Firefox sent a request Chromium did not (a
 * preflight for a header Chromium safelists) or failed where Chromium failed too (too many
 * redirects), Chromium's wire cannot show the answer: then the notes must say what Firefox would send.
 */
export function predictionDisagreement(
  predicted: Evaluation,
  firefox: FirefoxDecision,
  chromium: { notes: readonly string[]; failed: boolean },
): string | null {
  if (predicted.verdict !== 'unfinished') return disagreement(predicted, firefox);
  if (firefox.verdict === 'allowed' || firefox.verdict === 'opaque' || firefox.verdict === 'not-cors') return null;
  if (chromium.notes.some((n) => n.startsWith('Firefox would send a preflight'))) return null;
  if (firefox.verdict === 'failed' && chromium.failed) return null;
  return `Firefox: ${firefox.verdict} (${firefox.message}); the engine, on Chromium's wire: unfinished, and no note says why`;
}
