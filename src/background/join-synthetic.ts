/**
 * Calls the network never saw. Some fetches are refused in the renderer before any request exists
 * (mode 'same-origin' to another origin, 'no-cors' with a redirect mode other than 'follow', a
 * scheme without CORS, data: and file: URLs — Chromium's FetchManager::Loader::Start), so
 * webRequest has nothing to show. The page's report is then the only evidence, and it becomes an
 * exchange of its own for the engine to judge.
 */
import { isHttpScheme, parseUrl, sameOrigin } from '../cors/origin.ts';
import { rendererDecision } from '../cors/renderer-decision.ts';
import type { PageApi, PageFacts } from '../shared/page-facts.ts';
import { newRecord, type CapturedRecord } from '../shared/exchange.ts';

/** webRequest's resource type for each API, so page-only exchanges filter like the others. */
const TYPES: Record<PageApi, string> = {
  fetch: 'xmlhttprequest',
  xhr: 'xmlhttprequest',
  eventsource: 'other',
  beacon: 'ping',
};

export type OwnRecordNeed = 'now' | 'unless-the-network-saw-it' | 'no';

/**
 * Whether an ended call deserves an exchange of its own. Same-origin calls are not CORS; an
 * abort is the page's choice; a failed http(s) call may still have a network record on its way,
 * and so may any call that was in flight while the extension's worker was stopped (its network
 * events may have gone with the stopped worker).
 */
export function ownRecordNeed(facts: PageFacts, duringWorkerStop = false): OwnRecordNeed {
  const url = parseUrl(facts.call.url);
  if (!url || !facts.outcome || sameOrigin(facts.frameOrigin, url)) return 'no';
  if (!isHttpScheme(url)) return 'now';
  if (facts.outcome.kind === 'error' && facts.outcome.name === 'AbortError') return 'no';
  // A call that ended well needs a record of its own only when its network events may have gone
  // with a stopped worker.
  if (facts.outcome.kind !== 'error') return duringWorkerStop ? 'unless-the-network-saw-it' : 'no';
  // A call the renderer refuses every time (its mode, mixed content, credentials in the URL) never
  // has a network record: waiting for one only loses it when the tab closes first.
  const { api, mode, redirect } = facts.call;
  const refused = rendererDecision({
    url,
    origin: facts.frameOrigin,
    api,
    mode: mode ?? 'unknown',
    redirectMode: redirect ?? undefined,
  });
  return refused ? 'now' : 'unless-the-network-saw-it';
}

export interface PageOnlySource {
  tabId: number;
  frameId: number;
  documentId: string | null;
  /** Unique within the tab: the document and the call's number in it. */
  key: string;
}

/**
 * The exchange of a call known only from the page's report. `interruption`: the worker was stopped
 * while the call was in flight, so its network events may have gone with it; the record says so,
 * and its id puts it in the tab log's own section for such calls (exchange-db.ts, sectionOfId).
 */
export function pageOnlyRecord(
  source: PageOnlySource,
  facts: PageFacts,
  seq: number,
  pageUrl: string,
  interruption: { from: number; to: number } | null = null,
): CapturedRecord {
  const { call, outcome, endedAt } = facts;
  const failed = outcome?.kind === 'error';
  const kind = interruption ? 'recovered' : 'page';
  const record = newRecord(
    {
      id: `${source.tabId}:${kind}:${source.key}`,
      requestId: `${kind}:${source.key}`,
      seq,
      tabId: source.tabId,
      frameId: source.frameId,
      parentFrameId: -1,
      documentId: source.documentId,
      pageUrl,
      initiator: facts.frameOrigin,
      url: call.url,
      method: call.method,
      type: TYPES[call.api],
      startedAt: call.at,
    },
    {
      durationMs: endedAt === null ? null : Math.max(0, endedAt - call.at),
      browserOutcome: outcome === null ? 'pending' : failed ? 'failed' : 'completed',
      browserError: failed ? `${outcome.name}: ${outcome.message}` : null,
      pageFacts: { ...facts, seen: 'page-only' },
    },
  );
  if (interruption) record.interruptions = [interruption];
  return record;
}
