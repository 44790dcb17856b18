/** `--fail-on`: what exits 1. `blocked`, `finding:SEVERITY`, both (`blocked,finding:high`), or `never`. */
import type { Severity } from '../cors/types.ts';
import type { FailRule, GateResult } from '../shared/gate.ts';
import { UsageError } from './options.ts';

export function parseFailOn(value: string): FailRule {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const rule: FailRule = { blocked: false, findings: null };
  const bad = () =>
    new UsageError(
      `--fail-on takes blocked, finding:high|medium|low|info, both joined by a comma, or never (got '${value}')`,
    );
  if (parts.length === 1 && parts[0] === 'never') return rule;
  if (parts.length === 0) throw bad();
  for (const part of parts) {
    const m = /^finding:(high|medium|low|info)$/.exec(part);
    if (part === 'blocked' && !rule.blocked) rule.blocked = true;
    else if (m && rule.findings === null) rule.findings = m[1] as Severity;
    else throw bad();
  }
  return rule;
}

export function describeFailOn(rule: FailRule): string {
  const parts = [...(rule.blocked ? ['blocked'] : []), ...(rule.findings ? [`finding:${rule.findings}`] : [])];
  return parts.length ? parts.join(',') : 'never';
}

/** Why the run fails under its rule, or null when it does not. */
export function failure(gate: GateResult, rule: FailRule): string | null {
  const why: string[] = [];
  if (gate.failing.blocked) why.push(`${gate.failing.blocked} cross-origin read(s) blocked`);
  if (gate.failing.findings) why.push(`${gate.failing.findings} finding(s) of severity ${rule.findings} or higher`);
  return why.length ? why.join(', ') : null;
}
