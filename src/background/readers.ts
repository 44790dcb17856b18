/**
 * Reader ports (DevTools page, panel), keyed by the tab they read. DevTools pages have no
 * sender.tab, so a reader names its tab in its first message, `subscribe`. A new reader first gets
 * the tab's log as a snapshot, a page at a time (a log can hold 10 000 exchanges); what happens
 * meanwhile is held back for that reader and sent right after, so it never sees an older state
 * of a record after a newer one.
 */
import {
  isReaderMessage,
  message,
  PORT_NAME,
  PROTOCOL_VERSION,
  type ReaderMessage,
  type TabState,
  type WorkerMessage,
} from '../shared/messages.ts';
import type { ExchangeRecord } from '../shared/exchange.ts';
import type { Port } from '../platform/worker.ts';

export interface ReaderHandlers {
  /** `feeds`: a DevTools page that sends DevTools' network log for the tab. */
  subscribed(port: Port, tabId: number, feeds: boolean): void;
  unsubscribed(port: Port, tabId: number): void;
  message(port: Port, msg: ReaderMessage): void;
}

export interface SnapshotSource {
  state(tabId: number): TabState;
  /** The tab's exchanges, oldest first, a page at a time. */
  pages(tabId: number): AsyncIterable<ExchangeRecord[]>;
}

interface Reader {
  tabId: number;
  /** The DevTools page: it keeps the tab recorded (and may feed it) but shows nothing, so it gets no snapshot or changes. */
  quiet: boolean;
  /** Messages held back while the snapshot is being sent; null once it has been. */
  held: WorkerMessage[] | null;
}

export class Readers {
  private readers = new Map<Port, Reader>();

  constructor(
    private readonly handlers: ReaderHandlers,
    private readonly source: SnapshotSource,
  ) {}

  accept(port: Port): void {
    if (port.name !== PORT_NAME) return;
    port.onMessage.addListener((raw: unknown) => {
      if (!isReaderMessage(raw)) return send(port, message('error', { message: 'malformed message' }));
      if (raw.type === 'subscribe') {
        if (raw.data.protocol !== PROTOCOL_VERSION)
          return send(
            port,
            message('error', { message: `protocol ${raw.data.protocol} is not ${PROTOCOL_VERSION}; reload DevTools` }),
          );
        const previous = this.readers.get(port);
        if (previous) this.handlers.unsubscribed(port, previous.tabId);
        const quiet = raw.data.reader === 'devtools';
        this.readers.set(port, { tabId: raw.data.tabId, quiet, held: quiet ? null : [] });
        this.handlers.subscribed(port, raw.data.tabId, raw.data.feeds === true);
        if (!quiet) void this.sendSnapshot(port);
        return;
      }
      if (raw.type === 'get-snapshot') return void this.sendSnapshot(port);
      this.handlers.message(port, raw);
    });
    port.onDisconnect.addListener(() => {
      const reader = this.readers.get(port);
      this.readers.delete(port);
      if (reader) this.handlers.unsubscribed(port, reader.tabId);
    });
  }

  /** Sends to every reader of a tab. */
  broadcast(tabId: number, msg: WorkerMessage): void {
    for (const [port, reader] of this.readers) {
      if (reader.tabId !== tabId || reader.quiet) continue;
      if (reader.held) reader.held.push(msg);
      else send(port, msg);
    }
  }

  tabs(): number[] {
    return [...new Set([...this.readers.values()].map((r) => r.tabId))];
  }

  private async sendSnapshot(port: Port): Promise<void> {
    const reader = this.readers.get(port);
    if (!reader) return;
    reader.held ??= [];
    const { tabId } = reader;
    let first = true;
    let previous: ExchangeRecord[] | null = null;
    // One page behind, so the last page can say it is the last.
    for await (const page of this.source.pages(tabId)) {
      if (previous) {
        send(
          port,
          first
            ? message('snapshot', { state: this.source.state(tabId), exchanges: previous, more: true })
            : message('snapshot-more', { tabId, exchanges: previous, more: true }),
        );
        first = false;
      }
      previous = page;
    }
    const last = previous ?? [];
    send(
      port,
      first
        ? message('snapshot', { state: this.source.state(tabId), exchanges: last, more: false })
        : message('snapshot-more', { tabId, exchanges: last, more: false }),
    );
    const held = reader.held ?? [];
    reader.held = null;
    for (const msg of held) send(port, msg);
  }
}

export function send(port: Port, msg: WorkerMessage): void {
  try {
    port.postMessage(msg);
  } catch {
    // The reader went away between our check and the send; its onDisconnect cleans up.
  }
}
