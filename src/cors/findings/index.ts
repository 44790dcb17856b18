/** Findings: misconfigurations for QA and security review. Pure; imports nothing outside src/cors. */
export {
  FINDING_CODES,
  FINDING_TITLES,
  SEVERITIES,
  isFindingCode,
  severityAtLeast,
  type FindingCode,
} from './catalog.ts';
export { exchangeFindings, type ExchangeFacts } from './exchange-findings.ts';
export { mergeFindings } from './merge.ts';
export { echoOf, endpointOf, sessionFindings, type EndpointFindings, type OriginEcho } from './session.ts';
export {
  bypassFinding,
  foreignPreflightFinding,
  insecureOriginFinding,
  originReflectedFinding,
  type BypassCode,
  type TrustedOrigin,
} from './trust.ts';
export { isSerializedOrigin, siteOf } from './origin-kinds.ts';
export {
  craftedOriginFindings,
  isTrusted,
  type CraftedAttempt,
  type CraftedKind,
  type CraftedRequest,
} from './crafted-origins.ts';
