/**
 * Every finding code, with its title. Codes are stable identifiers: reports, filters
 * (`findings:origin-reflected`) and `--fail-on finding:high` key on them, so never rename one.
 */
import type { Severity } from '../types.ts';

export const FINDING_TITLES = {
  'origin-reflected': 'Any origin is trusted (Origin reflected)',
  'origin-reflection-suspected': 'Origin echoed with credentials',
  'wildcard-with-credentials': '`*` together with credentials',
  'null-origin-allowed': '`null` origin allowed',
  'insecure-origin-trusted': 'Unencrypted http: origin trusted',
  'vary-origin-missing': 'Specific origin without `Vary: Origin`',
  'max-age-too-long': 'Preflight cached for long',
  'wildcard-lists-with-credentials': '`*` in allow lists of a credentialed endpoint',
  'form-post-accepted': 'Cross-origin form POST accepted',
  'state-changing-methods-any-origin': 'State-changing methods allowed for any origin',
  'third-party-origin-trusted': 'Code-hosting origin trusted',
  'acao-multiple-values': 'Several Access-Control-Allow-Origin values',
  'acao-invalid': 'Invalid Access-Control-Allow-Origin value',
  'private-network-legacy': 'Legacy Private Network Access header',
  'origin-prefix-match': 'Origin matched by prefix',
  'origin-suffix-match': 'Origin matched by suffix',
  'origin-unescaped-dot': 'Origin matched by an unescaped dot',
  'origin-special-chars': 'Origin check fooled by special characters',
  'any-subdomain-trusted': 'Any subdomain trusted',
  'mcp-origin-not-validated': 'MCP endpoint accepts any Origin (DNS rebinding)',
  'mcp-origin-refused-without-403': 'MCP endpoint refuses a foreign Origin without 403',
  'mcp-browser-client-blocked': 'Browser MCP clients blocked by CORS',
  'mcp-session-id-not-exposed': 'Mcp-Session-Id not exposed to browser clients',
} as const;

export type FindingCode = keyof typeof FINDING_TITLES;

export const FINDING_CODES = Object.keys(FINDING_TITLES) as FindingCode[];

/** Most severe first. */
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** True when `severity` is `threshold` or worse (`--fail-on finding:medium` fails on high and medium). */
export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

export function isFindingCode(value: string): value is FindingCode {
  return Object.hasOwn(FINDING_TITLES, value);
}
