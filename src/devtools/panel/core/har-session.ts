/**
 * Opening HAR files in the panel ("Import HAR file", or dropped on the panel): each file is read
 * as a stream by the same importer `cors-inspector analyze` uses, and its exchanges replace the live
 * log in the same views until "Back to live". Nothing leaves the machine: the file is read here.
 */
import { signal, type Signal } from '@preact/signals';
import { HarFormatError, importHarStream } from '../../../har-import/index.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { message, type TabState, type WorkerMessage } from '../../../shared/messages.ts';
import type { SwitchableTransport } from './switchable-transport.ts';
import type { Transport } from './transport.ts';

export interface ImportedHar {
  files: string[];
  /** Who wrote each file ("Chrome DevTools (WebInspector 537.36)"). */
  producers: string[];
  exchanges: number;
  /** "gallery.har: entry #3 is not an object; skipped" */
  warnings: string[];
  /** What the producers' HARs never show. */
  limits: string[];
}

export interface HarSession {
  imported: Signal<ImportedHar | null>;
  busy: Signal<boolean>;
  open(files: readonly File[]): Promise<void>;
  backToLive(): void;
}

async function* chunksOf(file: File): AsyncGenerator<string | Uint8Array> {
  if (typeof file.stream !== 'function') {
    yield await file.text();
    return;
  }
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The imported exchanges as a worker would send them; Clear empties the view, as it does live. */
function harTransport(records: ExchangeRecord[], tabId: number): Transport {
  let exchanges = records;
  let listener: ((msg: WorkerMessage) => void) | null = null;
  // `recording: true`: an imported file is no unrecorded tab, so no "not being recorded" notice.
  const state: TabState = {
    tabId,
    recording: true,
    recordingSince: null,
    preserveLog: false,
    evicted: 0,
    gaps: [],
    pageUrl: records[0]?.pageUrl ?? '',
  };
  const snapshot = () => listener?.(message('snapshot', { state, exchanges: [...exchanges] }));
  return {
    connect: (onMessage) => {
      listener = onMessage;
      queueMicrotask(snapshot);
    },
    send: (msg) => {
      if (msg.type === 'clear') {
        exchanges = [];
        listener?.(message('cleared', { tabId, why: 'user' }));
      }
      if (msg.type === 'get-snapshot') snapshot();
    },
    close: () => {
      listener = null;
    },
  };
}

export function createHarSession(
  transport: SwitchableTransport,
  live: Transport,
  tabId: number,
  report: (status: string) => void,
): HarSession {
  const imported = signal<ImportedHar | null>(null);
  const busy = signal(false);
  return {
    imported,
    busy,
    open: async (files) => {
      if (files.length === 0) return;
      busy.value = true;
      const records: ExchangeRecord[] = [];
      const done: ImportedHar = { files: [], producers: [], exchanges: 0, warnings: [], limits: [] };
      const refused: string[] = [];
      try {
        for (const file of files) {
          try {
            const h = await importHarStream(chunksOf(file), { seqOffset: records.length });
            for (const r of h.records) records.push({ ...r, id: `${file.name}#${r.id}` });
            done.files.push(file.name);
            done.producers.push(h.summary.producer.label);
            done.warnings.push(...h.warnings.map((w) => `${file.name}: ${w.message}`));
            for (const limit of h.summary.producer.limits) if (!done.limits.includes(limit)) done.limits.push(limit);
          } catch (e) {
            if (!(e instanceof HarFormatError)) throw e;
            refused.push(`${file.name}: ${e.message}`);
          }
        }
      } finally {
        busy.value = false;
      }
      if (done.files.length === 0) {
        report(`Could not import: ${refused.join('; ')}`);
        return;
      }
      done.exchanges = records.length;
      done.warnings.unshift(...refused);
      transport.use(harTransport(records, tabId));
      imported.value = done;
      report(`Imported ${records.length} exchanges from ${done.files.join(', ')}.`);
    },
    backToLive: () => {
      if (!imported.value) return;
      imported.value = null;
      transport.use(live);
      report('Back to the live recording.');
    },
  };
}
