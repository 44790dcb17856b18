/**
 * The test hook "Verify with Chrome" is proven with: it makes the engine's answer for matching
 * records deliberately wrong, so a test can check that the disagreement with Chromium is flagged.
 * Reached only through the worker's inspection API (tests and tools), never from a page.
 */
import type { Evaluation } from '../cors/types.ts';
import type { ExchangeRecord } from '../shared/exchange.ts';

/** A verdict that cannot be Chromium's answer for `e`. */
export function wrongEvaluation(e: Evaluation): Evaluation {
  if (e.verdict === 'blocked' && e.reason)
    return {
      ...e,
      reason: {
        ...e.reason,
        code: e.reason.code === 'InvalidResponse' ? 'MissingAllowOriginHeader' : 'InvalidResponse',
      },
    };
  return {
    ...e,
    verdict: 'blocked',
    reason: {
      code: 'InvalidResponse',
      failedParameter: '',
      header: null,
      where: 'response',
      title: 'Deliberately wrong (test hook)',
      explanation: 'The test hook replaced the engine answer.',
      howToFix: '',
      firefoxReason: null,
      consoleMessage: '',
      confidence: 'certain',
      assumptions: [],
    },
  };
}

/** The evaluation override that answers wrongly for records whose URL contains `urlIncludes`; null removes it. */
export function wrongAnswersFor(urlIncludes: string | null): ((r: ExchangeRecord) => Evaluation | null) | null {
  if (urlIncludes === null) return null;
  return (r) => (r.url.includes(urlIncludes) ? wrongEvaluation(r.evaluation) : null);
}
