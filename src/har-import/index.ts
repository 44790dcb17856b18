/**
 * Offline analysis: HAR text (whole, or in chunks as it is read) → exchange records judged by the
 * same engine, plus a warning for every entry that could not be used. A bad entry costs only
 * itself; a file that breaks off keeps what came before the break. Pure: no DOM, no Node.
 */
import type { ExchangeRecord } from '../shared/exchange.ts';
import { EntryError, readEntry, type WireEntry } from './entry.ts';
import { groupEntries } from './grouping.ts';
import { DocumentIndex } from './origin.ts';
import { HarStreamParser } from './parse.ts';
import { detectProducer, type Producer } from './producer.ts';
import { type NotAnExchange, toRecord } from './to-record.ts';

export { HarFormatError } from './parse.ts';

/** Something in the file that could not be used. `entry` is the index in log.entries, or null for the file as a whole. */
export interface HarWarning {
  entry: number | null;
  message: string;
}

/** What one HAR held and what became of it. */
export interface HarSummary {
  producer: Pick<Producer, 'kind' | 'label' | 'browser' | 'browserName' | 'browserVersion' | 'limits'>;
  /** Entries in log.entries (bad ones included). */
  entries: number;
  exchanges: number;
  /** Entries that are not cross-origin exchanges: navigations, same-origin requests, requests whose origin the HAR does not show, data:/blob:/ws: URLs. */
  notExchanges: Record<NotAnExchange, number>;
  /** Entries skipped with a warning. */
  skipped: number;
}

export interface HarImport {
  records: ExchangeRecord[];
  warnings: HarWarning[];
  summary: HarSummary;
}

export interface ImportOptions {
  /** Added to every record's seq, so several files keep one order. */
  seqOffset?: number;
}

/** Feeds a HAR in chunks; `finish()` returns the records. */
export class HarImporter {
  private readonly entries: WireEntry[] = [];
  private readonly warnings: HarWarning[] = [];
  private readonly parser = new HarStreamParser((raw, index) => {
    try {
      this.entries.push(readEntry(raw, index));
    } catch (e) {
      if (!(e instanceof EntryError)) throw e;
      this.warnings.push({ entry: index, message: `entry #${index} ${e.message}; skipped` });
    }
  });

  constructor(private readonly options: ImportOptions = {}) {}

  write(chunk: string | Uint8Array): void {
    this.parser.write(chunk);
  }

  finish(): HarImport {
    const header = this.parser.end();
    const warnings = this.warnings;
    const skippedEntries = warnings.length;
    if (header.syntaxError) warnings.push({ entry: null, message: header.syntaxError });
    const producer = detectProducer(header.creator, header.browser);
    const docs = new DocumentIndex(this.entries, header.pages, producer);
    const { groups, orphanPreflights } = groupEntries(this.entries);
    for (const p of orphanPreflights)
      warnings.push({
        entry: p.index,
        message: `entry #${p.index} is a preflight (OPTIONS ${p.url}) whose request is not in the HAR; skipped`,
      });
    const notExchanges: Record<NotAnExchange, number> = {
      navigation: 0,
      'same-origin': 0,
      'origin-unknown': 0,
      'not-http': 0,
    };
    const records: ExchangeRecord[] = [];
    const seqOffset = this.options.seqOffset ?? 0;
    for (const group of groups) {
      const r = toRecord(group, producer, docs, seqOffset + records.length + 1);
      if (typeof r === 'string') notExchanges[r]++;
      else records.push(r);
    }
    return {
      records,
      warnings,
      summary: {
        producer: {
          kind: producer.kind,
          label: producer.label,
          browser: producer.browser,
          browserName: producer.browserName,
          browserVersion: producer.browserVersion,
          limits: producer.limits,
        },
        entries: header.entries,
        exchanges: records.length,
        notExchanges,
        skipped: skippedEntries + orphanPreflights.length,
      },
    };
  }
}

/** A whole HAR as text. Throws HarFormatError when it is not a HAR at all. */
export function importHar(text: string, options?: ImportOptions): HarImport {
  const importer = new HarImporter(options);
  importer.write(text);
  return importer.finish();
}

/** A HAR read in chunks (a file stream, a File's stream()). Throws HarFormatError when it is not a HAR at all. */
export async function importHarStream(
  chunks: AsyncIterable<string | Uint8Array>,
  options?: ImportOptions,
): Promise<HarImport> {
  const importer = new HarImporter(options);
  for await (const chunk of chunks) importer.write(chunk);
  return importer.finish();
}
