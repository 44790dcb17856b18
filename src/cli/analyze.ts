/**
 * `cors-inspector analyze <file.har…>`: the same engine and report on HARs from Chrome DevTools,
 * Playwright, Firefox or CORS Inspector itself. Each file is streamed (memory follows the
 * exchanges, not the file's size); a bad entry is skipped with a warning naming the file and the
 * entry, and a file that is not a HAR at all is a usage error naming the file.
 */
import fs from 'node:fs';
import { HarFormatError, type HarImport, importHarStream } from '../har-import/index.ts';
import { packageVersion } from '../node/package-root.ts';
import type { ExchangeRecord } from '../shared/exchange.ts';
import { buildReport, type Report, type ReportSource, type ReportWarning } from '../shared/report.ts';
import { UsageError } from './options.ts';

/** A HAR to analyze: a file (streamed) or text handed over whole (the MCP tool's `content`). */
export interface HarSource {
  name: string;
  chunks(): AsyncIterable<string | Uint8Array>;
}

/** A file, checked before it is streamed: a name that is not a readable file is a usage error naming it. */
export function fileSource(file: string): HarSource {
  try {
    if (!fs.statSync(file).isFile()) throw new UsageError(`cannot read ${file}: not a file`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { name: file, chunks: () => fs.createReadStream(file) };
}

export function textSource(name: string, text: string): HarSource {
  return {
    name,
    async *chunks() {
      yield text;
    },
  };
}

async function importSource(source: HarSource, seqOffset: number): Promise<HarImport> {
  try {
    return await importHarStream(source.chunks(), { seqOffset });
  } catch (e) {
    if (e instanceof HarFormatError) throw new UsageError(`${source.name}: ${e.message}`);
    throw new UsageError(`${source.name}: could not be read: ${(e as Error).message}`);
  }
}

function sourceOf(file: string, h: HarImport): ReportSource {
  const s = h.summary;
  return {
    file,
    producer: s.producer.label,
    browser: { name: s.producer.browserName, version: s.producer.browserVersion },
    entries: s.entries,
    exchanges: s.exchanges,
    skipped: s.skipped,
    notExchanges: {
      navigation: s.notExchanges.navigation,
      sameOrigin: s.notExchanges['same-origin'],
      originUnknown: s.notExchanges['origin-unknown'],
      notHttp: s.notExchanges['not-http'],
    },
    limits: [...s.producer.limits],
  };
}

/** The browser the report names: the one every file agrees on, else "several". */
function reportBrowser(sources: ReportSource[]): { name: string; version: string } {
  const names = new Set(sources.map((s) => `${s.browser.name} ${s.browser.version}`.trim()));
  if (names.size !== 1) return { name: `HAR files from several browsers`, version: '' };
  const { name, version } = sources[0]!.browser;
  return { name: `${name || 'unknown browser'} (HAR: ${sources[0]!.producer})`, version };
}

export function analyze(
  files: string[],
  includeSensitive: boolean,
): Promise<{ report: Report; records: ExchangeRecord[] }> {
  return analyzeHars(files.map(fileSource), includeSensitive);
}

/** HARs → one report; shared by the CLI and the MCP analyze_har tool. */
export async function analyzeHars(
  harSources: HarSource[],
  includeSensitive: boolean,
): Promise<{ report: Report; records: ExchangeRecord[] }> {
  const records: ExchangeRecord[] = [];
  const sources: ReportSource[] = [];
  const warnings: ReportWarning[] = [];
  for (const source of harSources) {
    const file = source.name;
    const h = await importSource(source, records.length);
    for (const r of h.records) records.push({ ...r, id: `${file}#${r.id}` });
    sources.push(sourceOf(file, h));
    for (const w of h.warnings) warnings.push({ file, entry: w.entry, message: w.message });
  }
  const report = buildReport(records, {
    tool: { name: 'cors-inspector', version: packageVersion() },
    browser: reportBrowser(sources),
    includeSensitive,
    warnings,
  });
  return { report: { ...report, sources }, records };
}
