/** `--fail-on`: when an audit exits 1. */
import { severityAtLeast } from '../cors/findings/index.ts';
import type { Severity } from '../cors/types.ts';
import type { Report } from '../shared/report.ts';

export type FailOn = { kind: 'blocked' } | { kind: 'finding'; severity: Severity } | { kind: 'never' };

export class UsageError extends Error {}

export function parseFailOn(value: string): FailOn {
  if (value === 'blocked' || value === 'never') return { kind: value };
  const m = /^finding:(high|medium|low|info)$/.exec(value);
  if (m) return { kind: 'finding', severity: m[1] as Severity };
  throw new UsageError(`--fail-on must be blocked, never or finding:high|medium|low|info (got '${value}')`);
}

/** The rule as written on the command line (`blocked`, `finding:high`, `never`). */
export function describeFailOn(f: FailOn): string {
  return f.kind === 'finding' ? `finding:${f.severity}` : f.kind;
}

/** The reason the run fails, or null when it passes. */
export function failure(report: Report, rule: FailOn): string | null {
  if (rule.kind === 'never') return null;
  if (rule.kind === 'blocked') {
    return report.summary.blocked ? `${report.summary.blocked} cross-origin read(s) blocked` : null;
  }
  const n = report.exchanges.reduce(
    (sum, x) => sum + x.findings.filter((f) => severityAtLeast(f.severity, rule.severity)).length,
    0,
  );
  return n ? `${n} finding(s) of severity ${rule.severity} or higher` : null;
}
