/**
 * The one message contract between the service worker and its readers (DevTools panel, panel-in-a-tab,
 * Node API/CLI). Panels talk over a runtime Port named PORT_NAME; DevTools pages have no sender.tab,
 * so a reader names its tab in `subscribe`. Keeping the port open is what keeps the tab recorded.
 */
import type { ExchangeRecord } from './exchange.ts';

export const PORT_NAME = 'cors-inspector';
export const PROTOCOL_VERSION = 1;

export type ReaderKind = 'devtools' | 'panel';

/** A stretch of time in which requests of the tab were not captured. */
export interface CaptureGap {
  from: number;
  to: number | null;
  why: string;
  /** How many requests the gap touched, at least, when that is known (in flight at a worker stop; missed by the CDP source). */
  requests?: number;
}

/** "Verify with Chrome" for one tab: attached or not, and why it is not when it was asked for. */
export interface VerifyState {
  on: boolean;
  error: string | null;
}

export interface TabState {
  tabId: number;
  recording: boolean;
  recordingSince: number | null;
  preserveLog: boolean;
  evicted: number;
  gaps: CaptureGap[];
  pageUrl: string;
  /** The page-side observer is on (one switch for all tabs). Set by the worker on the way to readers. */
  pageObserver?: boolean;
  /** "Verify with Chrome" for this tab. Set by the worker on the way to readers. */
  verifyWithChrome?: VerifyState;
}

export interface ReaderMessages {
  /**
   * `feeds`: a DevTools page that sends DevTools' own network log for the tab (`devtools-entries`),
   * so the worker needs no webRequest listener for it (chrome.devtools.network costs ~1.19× on top
   * of DevTools, webRequest ~1.52×).
   */
  subscribe: { tabId: number; reader: ReaderKind; protocol: number; feeds?: boolean };
  /**
   * HAR entries from chrome.devtools.network (getHAR's, then onRequestFinished's), numbered from
   * `from` in the order DevTools gave them; sent again after a reconnect from what the worker says it has.
   */
  'devtools-entries': { tabId: number; from: number; entries: unknown[] };
  /** The inspected tab started loading a new top-level document (chrome.devtools.network.onNavigated). */
  'devtools-navigated': { tabId: number; url: string };
  clear: { tabId: number };
  'set-preserve-log': { tabId: number; value: boolean };
  'set-record-all': { value: boolean };
  'get-snapshot': { tabId: number };
  'set-page-observer': { value: boolean };
  /** Turns "Verify with Chrome" on or off for the tab while this reader stays connected. */
  'set-verify-with-chrome': { tabId: number; value: boolean };
}

export interface WorkerMessages {
  /** A new reader's first view of the tab; when `more`, `snapshot-more` pages follow (oldest first). */
  snapshot: { state: TabState; exchanges: ExchangeRecord[]; more?: boolean };
  'snapshot-more': { tabId: number; exchanges: ExchangeRecord[]; more: boolean };
  'exchange-added': { tabId: number; exchange: ExchangeRecord };
  'exchange-updated': { tabId: number; exchange: ExchangeRecord };
  /**
   * Exchanges left the tab's log: merged into another (a preflight whose request arrived after it,
   * a page report replaced by the network's record) or evicted as the oldest beyond the bound.
   */
  'exchanges-removed': { tabId: number; ids: string[]; why: 'merged' | 'evicted' };
  cleared: { tabId: number; why: 'user' | 'navigation' };
  navigated: { tabId: number; url: string; at: number };
  state: { state: TabState };
  /** To a feeding DevTools page: the entries the worker has taken, up to `upTo` (-1: none). */
  'devtools-ack': { tabId: number; upTo: number };
  error: { message: string };
}

type Union<M> = { [K in keyof M]: { type: K; data: M[K] } }[keyof M];
export type ReaderMessage = Union<ReaderMessages>;
export type WorkerMessage = Union<WorkerMessages>;

export function message<K extends keyof ReaderMessages>(
  type: K,
  data: ReaderMessages[K],
): { type: K; data: ReaderMessages[K] };
export function message<K extends keyof WorkerMessages>(
  type: K,
  data: WorkerMessages[K],
): { type: K; data: WorkerMessages[K] };
export function message(type: string, data: unknown) {
  return { type, data };
}

const READER_TYPES: readonly string[] = [
  'subscribe',
  'clear',
  'set-preserve-log',
  'set-record-all',
  'get-snapshot',
  'set-page-observer',
  'set-verify-with-chrome',
  'devtools-entries',
  'devtools-navigated',
];

/** Validates an incoming reader message (ports can carry anything). */
export function isReaderMessage(value: unknown): value is ReaderMessage {
  const m = value as { type?: unknown; data?: unknown } | null;
  return (
    !!m &&
    typeof m === 'object' &&
    typeof m.type === 'string' &&
    READER_TYPES.includes(m.type) &&
    !!m.data &&
    typeof m.data === 'object'
  );
}
