/** Combines findings about one endpoint: one per code, proof replaces suspicion, most severe first. */
import type { Finding } from '../types.ts';
import { SEVERITIES, type FindingCode } from './catalog.ts';

const TRUST_CLASSES: readonly FindingCode[] = [
  'origin-prefix-match',
  'origin-suffix-match',
  'origin-unescaped-dot',
  'origin-special-chars',
  'any-subdomain-trusted',
  'insecure-origin-trusted',
  'null-origin-allowed',
  'third-party-origin-trusted',
];

/**
 * Codes a finding makes redundant. Once any origin is proven trusted, every narrower bypass is one
 * of its consequences; once a specific trust is shown, the one-request suspicion adds nothing.
 */
const SUBSUMES: Partial<Record<FindingCode, readonly FindingCode[]>> = {
  ...Object.fromEntries(TRUST_CLASSES.map((code) => [code, ['origin-reflection-suspected']])),
  'origin-reflected': [...TRUST_CLASSES, 'origin-reflection-suspected'],
  // Every special-character origin starts with the trusted host, and `.*host` also admits every subdomain.
  'origin-prefix-match': ['origin-special-chars', 'origin-reflection-suspected'],
  'origin-suffix-match': ['any-subdomain-trusted', 'origin-reflection-suspected'],
};

const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);

export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const byCode = new Map<string, Finding>();
  for (const f of findings) {
    const kept = byCode.get(f.code);
    if (!kept || rank(f) < rank(kept)) byCode.set(f.code, f);
  }
  const redundant = new Set([...byCode.keys()].flatMap((code) => SUBSUMES[code as FindingCode] ?? []));
  return [...byCode.values()].filter((f) => !redundant.has(f.code as FindingCode)).sort((a, b) => rank(a) - rank(b));
}
