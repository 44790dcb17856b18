/**
 * `--baseline report.json`: the problems an earlier JSON report already had, so that only new ones
 * fail the run. A problem is matched on what stays the same between runs — a blocked read's method,
 * endpoint (origin and path) and reason code; a finding's code, severity and endpoint — never on ids,
 * times, query strings or the page it was seen from (see problemsOf in src/shared/gate.ts).
 */
import fs from 'node:fs';
import { problemKeys } from '../shared/gate.ts';
import type { Report } from '../shared/report.ts';
import { UsageError } from './options.ts';

function looksLikeReport(value: unknown): value is Pick<Report, 'exchanges'> {
  const r = value as Partial<Report> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.schemaVersion === 'number' &&
    Array.isArray(r.exchanges) &&
    r.exchanges.every(
      (x) =>
        typeof x?.method === 'string' &&
        typeof x.url === 'string' &&
        typeof x.verdict === 'string' &&
        Array.isArray(x.findings),
    )
  );
}

export function readBaseline(file: string): Set<string> {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(
      `--baseline: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  if (!looksLikeReport(value))
    throw new UsageError(`--baseline: ${file} is not a CORS Inspector JSON report (cors-report.json)`);
  return problemKeys(value);
}
