/**
 * How `audit`, `analyze` and `merge-reports` end: the table and the counts, the reports written,
 * what could not be checked listed, and the exit code — all from one gate (src/shared/gate.ts), so
 * the exit code, the JUnit and the printed lines never disagree.
 */
import path from 'node:path';
import type { ExchangeRecord } from '../shared/exchange.ts';
import { type FailRule, type GateOptions, gateReport } from '../shared/gate.ts';
import type { Report } from '../shared/report.ts';
import { exchangeTitle } from '../shared/report-text.ts';
import { EXIT } from './exit-codes.ts';
import { describeFailOn, failure } from './fail-on.ts';
import { type Format, writeOutputs } from './outputs.ts';
import { exchangeTable, printable } from './table.ts';

export interface ConcludeFlags {
  out: string;
  format: Format[];
  failOn: FailRule;
  ignore: RegExp[];
  /** Problem keys of the --baseline report. */
  known?: ReadonlySet<string>;
  allowUnreachable: boolean;
}

export interface Run {
  report: Report;
  records: ExchangeRecord[];
  includeSensitive: boolean;
  /** Other things that could not be checked (a missing shard), one line each. */
  unchecked?: string[];
}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  columns: number;
}

/** Lines listed before "… and N more". */
const LISTED = 20;

export function conclude(run: Run, flags: ConcludeFlags, io: Io): number {
  const { report } = run;
  const gateOptions: GateOptions = { rule: flags.failOn, ignore: flags.ignore, known: flags.known };
  const gate = gateReport(report, gateOptions);
  io.out(exchangeTable(report.exchanges, io.columns));
  const s = report.summary;
  const extra = [
    ...(gate.count.known ? [`${gate.count.known} known from the baseline`] : []),
    ...(gate.count.ignored ? [`${gate.count.ignored} ignored`] : []),
  ];
  io.out(
    `\n${s.exchanges} exchange(s): ${s.allowed} allowed, ${s.blocked} blocked, ${s.opaque} opaque, ${s.notCors} not CORS, ${s.failed} failed, ${s.unfinished} unfinished · findings: ${s.findings.high} high, ${s.findings.medium} medium, ${s.findings.low} low${extra.length ? ` · ${extra.join(' · ')}` : ''}`,
  );
  if (report.pages) {
    const bad = gate.uncheckedPages.length;
    io.out(`${report.pages.length} page(s) audited${bad ? `, ${bad} could not be checked` : ''}`);
  }
  const tabs = report.capture?.tabs ?? [];
  const evicted = tabs.reduce((n, t) => n + t.evicted, 0);
  const gaps = tabs.flatMap((t) => t.gaps);
  if (evicted || gaps.length)
    io.out(
      `capture: ${evicted} older exchange(s) evicted · ${gaps.length} gap(s) in the recording (see "capture" in the JSON report)`,
    );
  for (const file of writeOutputs(path.resolve(flags.out), flags.format, { ...run, gate })) io.out(`wrote ${file}`);

  const unchecked = [
    ...(run.unchecked ?? []),
    ...gate.uncheckedPages.map((p) => `page ${printable(p.url)}: ${printable(p.error ?? 'not loaded')}`),
    ...report.exchanges.flatMap((x, i) => {
      const why = gate.exchanges[i]!.status === 'unchecked' ? gate.exchanges[i]!.unchecked : null;
      return why ? [`request ${printable(exchangeTitle(x))}: ${printable(why)}`] : [];
    }),
  ];
  if (unchecked.length) {
    io.err(
      `cors-inspector: ${unchecked.length} thing(s) could not be checked${flags.allowUnreachable ? ' (accepted: --allow-unreachable)' : ` (exit ${EXIT.unchecked} unless --allow-unreachable)`}:`,
    );
    for (const line of unchecked.slice(0, LISTED)) io.err(`  ${line}`);
    if (unchecked.length > LISTED) io.err(`  … and ${unchecked.length - LISTED} more (see the report)`);
  }
  const why = failure(gate, flags.failOn);
  if (why) {
    io.err(`cors-inspector: failing (--fail-on ${describeFailOn(flags.failOn)}): ${why}`);
    return EXIT.failed;
  }
  return unchecked.length && !flags.allowUnreachable ? EXIT.unchecked : EXIT.clean;
}
