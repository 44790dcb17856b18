/**
 * The exchange record: one cross-origin request as captured (with its preflight folded in) plus the
 * engine's evaluation. The worker stores it, the panel shows it, the report flattens it.
 */
import type { BrowserProfile, Evaluation, Header, RecordingGaps, RedirectHop } from '../cors/types.ts';
import type { ChromiumAnswer } from './verify-with-chrome.ts';

/** The browsers whose rules the engine knows; src/platform names the one it runs in with it. */
export type { BrowserProfile };
import type { PageFacts } from './page-facts.ts';

export type BrowserOutcomeKind = 'completed' | 'failed' | 'pending';

/**
 * Who saw the exchange: the extension's webRequest listeners, DevTools' own network log
 * (chrome.devtools.network), a DevTools-protocol session from Node, a HAR file, or only the page
 * (a call refused before any request). Each sees different things; readers say what a source could not.
 */
export type CaptureSource = 'webRequest' | 'devtools' | 'cdp' | 'har' | 'page';

/** Each source as named in what the engine says it could not see ("… cannot see it"). */
export const CAPTURE_SOURCE_NAMES: Record<CaptureSource, string> = {
  webRequest: 'webRequest',
  devtools: "DevTools' network log",
  cdp: 'the DevTools protocol',
  har: 'the HAR file',
  page: "the page's report",
};

export interface CapturedPreflight {
  requestId: string;
  url: string;
  method: string;
  startedAt: number;
  durationMs: number | null;
  requestHeaders: Header[];
  status: number | null;
  statusLine: string | null;
  responseHeaders: Header[];
  outcome: BrowserOutcomeKind;
  error: string | null;
  redirectedTo: string | null;
}

export interface CapturedResponse {
  status: number;
  statusLine: string | null;
  headers: Header[];
  fromCache: boolean;
  ip: string | null;
}

export interface ExchangeRecord {
  /** Unique within a browser session: `${tabId}:${requestId}`. */
  id: string;
  /** Where the record came from; absent means webRequest (records made before sources were named). */
  source?: CaptureSource;
  /**
   * The browser whose rules judge it (a request Firefox blocked still ends in onCompleted); absent
   * means Chromium. Set for what the extension captured in Firefox, and for a HAR from Firefox.
   */
  browser?: BrowserProfile;
  /** What the source did not record (a HAR's missing preflights, DevTools' provisional headers). */
  gaps?: RecordingGaps;
  /** Where `initiator` was learned when it was not from the request itself (a HAR's Referer, say). */
  initiatorSource?: string;
  /** A mode the source inferred (a HAR's aborted opaque response), with why. */
  inferredMode?: { mode: 'no-cors'; why: string };
  /** webRequest's requestId of the actual request. */
  requestId: string;
  /** Observation order within the worker (monotonic across restarts). */
  seq: number;
  tabId: number;
  frameId: number;
  parentFrameId: number;
  documentId: string | null;
  pageUrl: string;
  /** Serialized origin, "null" for opaque origins, "" when the browser gave none. */
  initiator: string;
  url: string;
  urlChain: string[];
  method: string;
  type: string;
  startedAt: number;
  durationMs: number | null;
  requestHeaders: Header[];
  response: CapturedResponse | null;
  redirects: RedirectHop[];
  preflight: CapturedPreflight | null;
  preflightCached: boolean;
  /** The id of the exchange whose preflight the cache reused, when known. */
  preflightCachedFrom: string | null;
  browserOutcome: BrowserOutcomeKind;
  browserError: string | null;
  /** Why a pending exchange will never finish (tab closed, navigation, worker stopped). */
  endedBy: string | null;
  /**
   * Stretches in which the extension's worker was not running while this request was in flight:
   * events from then may be missing (its preflight, a redirect, its end).
   */
  interruptions?: { from: number; to: number }[];
  /** Set for a request webRequest tied to no tab (a shared or service worker's own): where it was put and why. */
  tabless?: { why: string };
  /** What the page-side observer reported about the call behind this exchange (hints, never network facts). */
  pageFacts?: PageFacts;
  /** Chromium's own verdict, when "Verify with Chrome" was on. */
  chromium?: ChromiumAnswer;
  evaluation: Evaluation;
}

/** Still under way: pending, and not ended by the capture (tab closed, or webRequest will report no end). */
export function inFlight(r: Pick<ExchangeRecord, 'browserOutcome' | 'endedBy'>): boolean {
  return r.browserOutcome === 'pending' && r.endedBy === null;
}

/** A record without its evaluation: what a capture source knows. This is what is stored. */
export type CapturedRecord = Omit<ExchangeRecord, 'evaluation'>;

/** Where a record starts: who asked for what, when; nothing observed yet. */
export type RecordStart = Pick<
  CapturedRecord,
  | 'id'
  | 'requestId'
  | 'seq'
  | 'tabId'
  | 'frameId'
  | 'parentFrameId'
  | 'documentId'
  | 'pageUrl'
  | 'initiator'
  | 'url'
  | 'method'
  | 'type'
  | 'startedAt'
>;

/** The one constructor of exchange records: every source starts from the same defaults. */
export function newRecord(start: RecordStart, rest: Partial<CapturedRecord> = {}): CapturedRecord {
  return {
    ...start,
    urlChain: [start.url],
    durationMs: null,
    requestHeaders: [],
    response: null,
    redirects: [],
    preflight: null,
    preflightCached: false,
    preflightCachedFrom: null,
    browserOutcome: 'pending',
    browserError: null,
    endedBy: null,
    ...rest,
  };
}
