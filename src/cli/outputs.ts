/** Writes a report in the formats asked for; every format comes from the same records. */
import fs from 'node:fs';
import path from 'node:path';
import type { ExchangeRecord } from '../shared/exchange.ts';
import type { GateResult } from '../shared/gate.ts';
import { toHar } from '../shared/har.ts';
import { toMarkdown } from '../shared/markdown.ts';
import type { Report } from '../shared/report.ts';
import { BLOB_FILE, toBlob } from './blob.ts';
import { toJUnit } from './junit.ts';
import { UsageError } from './options.ts';

export const FORMATS = ['json', 'md', 'junit', 'har', 'blob'] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormats(value: string): Format[] {
  const formats = value
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const bad = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length || formats.length === 0)
    throw new UsageError(`--format takes a comma-separated list of ${FORMATS.join(', ')} (got '${value}')`);
  return [...new Set(formats)] as Format[];
}

const FILES: Record<Format, string> = {
  json: 'cors-report.json',
  md: 'cors-report.md',
  junit: 'cors-report.junit.xml',
  har: 'cors-report.har',
  blob: BLOB_FILE,
};

/** A finished run: its report, the records behind it, and the gate's decision (for JUnit). */
export interface RunOutput {
  report: Report;
  records: ExchangeRecord[];
  gate: GateResult;
  includeSensitive: boolean;
}

export function writeOutputs(outDir: string, formats: Format[], run: RunOutput): string[] {
  const { report, records, includeSensitive } = run;
  fs.mkdirSync(outDir, { recursive: true });
  const render: Record<Format, () => string> = {
    json: () => `${JSON.stringify(report, null, 2)}\n`,
    md: () =>
      toMarkdown(records, {
        pageUrl: [...new Set(records.map((r) => r.pageUrl))].join(', '),
        generatedAt: Date.parse(report.createdAt),
        capture: report.capture,
      }),
    junit: () => toJUnit(report, run.gate),
    har: () =>
      `${JSON.stringify(toHar(records, { sensitive: includeSensitive, creatorVersion: report.tool.version }), null, 2)}\n`,
    blob: () => `${JSON.stringify(toBlob(report, records, includeSensitive))}\n`,
  };
  return formats.map((f) => {
    const file = path.join(outDir, FILES[f]);
    fs.writeFileSync(file, render[f]());
    return file;
  });
}
