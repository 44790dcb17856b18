/**
 * Ties a CORS preflight to the request it guards. webRequest gives the two different requestIds;
 * the order seen in Chromium is: actual onBeforeRequest → the whole preflight → actual send events
 * (docs/architecture.md, "What webRequest shows"). So each OPTIONS carrying Access-Control-Request-Method
 * goes to the earliest waiting request with the same URL, tab, frame, document and initiator whose
 * method equals the ACRM value. Only truly identical concurrent requests stay ambiguous, and FIFO
 * matches Chromium's own order for them.
 *
 * Firefox ESR 153 reports the actual request's onBeforeSendHeaders and onSendHeaders *before* its
 * preflight starts, even when the preflight then fails and the request is never sent
 * (../shared/notes/firefox-facts.md §3): there a request waits for its preflight until its hop is answered.
 */
import { comparableUrl } from '../cors/origin.ts';
import type { BrowserProfile } from '../cors/types.ts';

export interface PairingCandidate {
  requestId: string;
  tabId: number;
  frameId: number;
  documentId: string | null;
  initiator: string;
  currentUrl: string;
  method: string;
  seq: number;
  /** True while the request's current hop can still be waiting for its preflight (`awaitsPreflight`). */
  awaitingPreflight: boolean;
  hasPreflightForCurrentHop: boolean;
}

export interface PreflightKey {
  tabId: number;
  frameId: number;
  documentId: string | null;
  initiator: string;
  url: string;
  /** The Access-Control-Request-Method value, as sent. */
  acrm: string;
  seq: number;
}

export function findPreflightTarget(
  preflight: PreflightKey,
  candidates: Iterable<PairingCandidate>,
): PairingCandidate | null {
  let best: PairingCandidate | null = null;
  for (const c of candidates) {
    if (!c.awaitingPreflight || c.hasPreflightForCurrentHop || c.seq > preflight.seq) continue;
    if (c.tabId !== preflight.tabId || c.frameId !== preflight.frameId || c.initiator !== preflight.initiator) continue;
    if (c.documentId !== preflight.documentId && c.documentId !== null && preflight.documentId !== null) continue;
    // The preflight of an XHR to http://user:pass@host/ is named without the credentials (measured).
    if (comparableUrl(c.currentUrl) !== comparableUrl(preflight.url) || c.method !== preflight.acrm) continue;
    if (!best || c.seq < best.seq) best = c;
  }
  return best;
}

/** Where a request's current hop stands, as its events showed it. */
export interface HopProgress {
  /** onSendHeaders came for it. */
  sent: boolean;
  /** A response (onHeadersReceived, a redirect or the end) came for it. */
  answered: boolean;
}

/**
 * Whether a preflight may still come for the request's current hop. In Chromium a preflight comes
 * before the hop's send events; in Firefox after them, and before any answer.
 */
export function awaitsPreflight(browser: BrowserProfile, hop: HopProgress): boolean {
  return browser === 'firefox' ? !hop.answered : !hop.sent;
}
