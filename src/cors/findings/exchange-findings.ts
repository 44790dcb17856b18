/**
 * Misconfigurations visible on one exchange, whatever the verdict: an allowed read can still be a
 * dangerous policy (CORS is a browser rule, not server security). No extra traffic; pure.
 */
import { sameOrigin } from '../origin.ts';
import type { Finding, ObservedExchange } from '../types.ts';
import { mergeFindings } from './merge.ts';
import {
  acaoInvalid,
  acaoMultipleValues,
  insecureOriginTrusted,
  nullOriginAllowed,
  reflectionSuspected,
  thirdPartyOriginTrusted,
  varyOriginMissing,
  wildcardWithCredentials,
  type ResponseRule,
} from './origin-rules.ts';
import {
  maxAgeTooLong,
  privateNetworkLegacy,
  stateChangingMethodsAnyOrigin,
  wildcardListsWithCredentials,
} from './policy-rules.ts';
import { formPostAccepted } from './request-rules.ts';
import { responseViews } from './response-view.ts';

export interface ExchangeFacts {
  /** The request's origin (initiator or Origin header), null when unknown. */
  origin: string | null;
  /** The origin the final hop carried ("null" after a tainting redirect). */
  effectiveOrigin: string | null;
  /** Whether the request carried credentials (known or inferred by the engine). */
  credentialsIncluded: boolean;
  /** Whether the browser had to preflight this request. */
  preflightNeeded: boolean;
}

const RESPONSE_RULES: readonly ResponseRule[] = [
  nullOriginAllowed,
  thirdPartyOriginTrusted,
  insecureOriginTrusted,
  stateChangingMethodsAnyOrigin,
  wildcardWithCredentials,
  wildcardListsWithCredentials,
  acaoMultipleValues,
  acaoInvalid,
  varyOriginMissing,
  maxAgeTooLong,
  privateNetworkLegacy,
  reflectionSuspected,
];

/** Findings for one exchange, one per code, most severe first. Same-origin exchanges have none. */
export function exchangeFindings(ex: ObservedExchange, facts: ExchangeFacts): Finding[] {
  if (facts.origin === null || sameOrigin(facts.origin, ex.request.url)) return [];
  const fromResponses = responseViews(ex, facts).flatMap((v) => RESPONSE_RULES.map((rule) => rule(v)));
  const fromRequest = formPostAccepted(ex, facts);
  return mergeFindings([...fromResponses, fromRequest].filter((f): f is Finding => f !== null));
}
