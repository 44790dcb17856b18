/**
 * Findings about origins the server was seen to trust. Shared by the passive rules, the session
 * check and the active probe, so the same misconfiguration reads the same wherever it was found.
 */
import { quote } from '../headers.ts';
import type { Finding, Severity } from '../types.ts';
import type { FindingCode } from './catalog.ts';

export type Evidence = Finding['evidence'];

export const ACAO = 'Access-Control-Allow-Origin';
export const ACAC = 'Access-Control-Allow-Credentials';

/** An Origin that was sent and echoed back in Access-Control-Allow-Origin. */
export interface TrustedOrigin {
  origin: string;
  /** The Access-Control-Allow-Credentials value that came with the echo (null when absent). */
  acac: string | null;
}

/** Browsers honour credentials only for the exact value `true` (Fetch CORS check, step 7). */
export function allowsCredentials(acac: string | null): boolean {
  return acac === 'true';
}

export function bySeverity(credentialed: boolean, withCredentials: Severity, without: Severity): Severity {
  return credentialed ? withCredentials : without;
}

export function finding(
  code: FindingCode,
  severity: Severity,
  message: string,
  evidence: Evidence,
  fix: string,
): Finding {
  return { code, severity, message, evidence, fix };
}

const MAX_EVIDENCE_ORIGINS = 4;

function trustEvidence(trusted: readonly TrustedOrigin[]): Evidence {
  const evidence: Evidence = [];
  for (const t of trusted.slice(0, MAX_EVIDENCE_ORIGINS))
    evidence.push({ header: 'Origin', value: t.origin }, { header: ACAO, value: t.origin });
  if (trusted.some((t) => allowsCredentials(t.acac))) evidence.push({ header: ACAC, value: 'true' });
  return evidence;
}

const withCredentialsClause = (credentialed: boolean) =>
  credentialed
    ? ", so any website can read these responses with the visitor's cookies"
    : ', so any website can read these responses';

/** Proof that the server trusts any origin: it echoed origins no allow-list would hold. */
export function originReflectedFinding(trusted: readonly TrustedOrigin[]): Finding {
  const credentialed = trusted.some((t) => allowsCredentials(t.acac));
  const shown = trusted
    .slice(0, MAX_EVIDENCE_ORIGINS)
    .map((t) => quote(t.origin))
    .join(', ');
  const what =
    trusted.length === 1 ? `the unrelated origin ${shown}` : `${trusted.length} origins of different sites (${shown})`;
  return finding(
    'origin-reflected',
    bySeverity(credentialed, 'high', 'medium'),
    `The server echoed ${what} in Access-Control-Allow-Origin${credentialed ? ' with credentials allowed' : ''}: it trusts any origin${withCredentialsClause(credentialed)}.`,
    trustEvidence(trusted),
    'Compare the Origin with an explicit allow-list by exact string match, echo it only when listed, and send Vary: Origin.',
  );
}

export type BypassCode =
  | 'origin-prefix-match'
  | 'origin-suffix-match'
  | 'origin-unescaped-dot'
  | 'origin-special-chars'
  | 'any-subdomain-trusted';

const BYPASS: Record<BypassCode, { what: (reference: string) => string; severity: [Severity, Severity]; fix: string }> =
  {
    'origin-prefix-match': {
      what: (r) => `which merely starts with the host of ${r}`,
      severity: ['high', 'medium'],
      fix: 'Compare whole origins for equality instead of startsWith or an unanchored regular expression.',
    },
    'origin-suffix-match': {
      what: (r) => `which merely ends with the host of ${r}`,
      severity: ['high', 'medium'],
      fix: 'Match the host exactly, or as a subdomain with its leading dot (".example.com"), never with a bare endsWith.',
    },
    'origin-unescaped-dot': {
      what: (r) => `which differs from ${r} only where a dot should be, so the allow-list pattern has an unescaped dot`,
      severity: ['high', 'medium'],
      fix: 'Escape dots in origin regular expressions (\\.) and anchor them (^…$), or compare exact strings.',
    },
    'origin-special-chars': {
      what: (r) => `which puts a special character right after the host of ${r}`,
      severity: ['high', 'medium'],
      fix: 'Parse the Origin as a URL and compare its host exactly; do not let an unexpected character end the match.',
    },
    'any-subdomain-trusted': {
      what: (r) => `a made-up subdomain of the site of ${r}`,
      severity: ['medium', 'low'],
      fix: 'List the subdomains that need access: otherwise a forgotten, hijacked or XSS-prone subdomain can read these responses.',
    },
  };

/** An origin check fooled by a crafted origin imitating `reference` (prefix, suffix, unescaped dot, special characters, subdomain). */
export function bypassFinding(code: BypassCode, trusted: readonly TrustedOrigin[], reference: string): Finding {
  const credentialed = trusted.some((t) => allowsCredentials(t.acac));
  const text = BYPASS[code];
  return finding(
    code,
    bySeverity(credentialed, ...text.severity),
    `Access-Control-Allow-Origin accepted ${quote(trusted[0]?.origin ?? '')}, ${text.what(quote(reference))}${credentialed ? ', with credentials allowed' : ''}.`,
    trustEvidence(trusted),
    text.fix,
  );
}

/** An http: origin trusted where TLS was expected; `context` says relative to what. */
export function insecureOriginFinding(acao: string, credentialed: boolean, context: string): Finding {
  return finding(
    'insecure-origin-trusted',
    bySeverity(credentialed, 'medium', 'low'),
    `Access-Control-Allow-Origin trusts ${quote(acao)}, an unencrypted http: origin ${context}: anyone who can tamper with that plain-HTTP traffic can run script there and read these responses.`,
    [{ header: ACAO, value: acao }, ...(credentialed ? [{ header: ACAC, value: 'true' }] : [])],
    'Allow only https: origins: move the http: site to https: and drop it from the allow-list.',
  );
}

/** A preflight from an unrelated origin approved for a state-changing method (active probe). */
export function foreignPreflightFinding(
  origin: string,
  method: string,
  acam: string | null,
  credentialed: boolean,
): Finding {
  return finding(
    'state-changing-methods-any-origin',
    bySeverity(credentialed, 'high', 'medium'),
    `A preflight from the unrelated origin ${quote(origin)} was approved for ${method}${credentialed ? ' with credentials' : ''}, so any website can send ${method} requests here${credentialed ? " with the visitor's cookies" : ''}.`,
    [
      { header: 'Origin', value: origin },
      { header: 'Access-Control-Request-Method', value: method },
      { header: 'Access-Control-Allow-Methods', value: acam ?? '(absent)' },
      ...(credentialed ? [{ header: ACAC, value: 'true' }] : []),
    ],
    'Answer preflights for state-changing methods only for allow-listed origins, and require authentication for those methods.',
  );
}
