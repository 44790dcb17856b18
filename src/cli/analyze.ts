/** `cors-inspector analyze <file.har…>`: the same engine and report on HARs from any browser. */
import fs from 'node:fs';
import type { ExchangeRecord } from '../shared/exchange.ts';
import { harToRecords, parseHar } from './har-import.ts';
import { buildReport, type Report } from '../shared/report.ts';
import { packageVersion } from '../node/package-root.ts';
import { UsageError } from './options.ts';

export function analyze(files: string[], includeSensitive: boolean): { report: Report; records: ExchangeRecord[] } {
  const records: ExchangeRecord[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let har: ReturnType<typeof parseHar>;
    try {
      har = parseHar(text);
    } catch (e) {
      throw new UsageError(`${file}: ${(e as Error).message}`);
    }
    const offset = records.length;
    records.push(...harToRecords(har).map((r) => ({ ...r, id: `${file}#${r.id}`, seq: r.seq + offset })));
  }
  const creator = 'HAR file (browser unknown)';
  return {
    report: buildReport(records, {
      tool: { name: 'cors-inspector', version: packageVersion() },
      browser: { name: creator, version: '' },
      includeSensitive,
    }),
    records,
  };
}
