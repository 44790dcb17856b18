/**
 * Calls Chromium refused in the renderer before any request existed (mode 'same-origin' to another
 * origin, 'no-cors' with a redirect mode other than 'follow', a scheme without CORS): the Network
 * domain shows nothing, and a CORS issue without a request id (Audits domain) is the only trace.
 * Each becomes an exchange of its own, with the issue's verdict as Chromium's answer. Issues that
 * name a request repeat what loadingFailed said, and warnings block nothing: both are skipped.
 */
import type Protocol from 'devtools-protocol';
import { newRecord, type CapturedRecord } from '../../shared/exchange.ts';
import type { RequestPlace } from './record.ts';

/** The CORS refusal an issue reports, or null when the issue is not one. */
export function refusalOf(issue: Protocol.Audits.InspectorIssue): Protocol.Audits.CorsIssueDetails | null {
  const details = issue.details.corsIssueDetails;
  if (issue.code !== 'CorsIssue' || !details || details.isWarning || details.request.requestId) return null;
  return details;
}

/**
 * The record of a refused call. Only fetch() reaches these checks, and the issue does not name the
 * method: GET stands in for it (the engine says the method was not seen, shared/chromium-hints.ts).
 */
export function refusalRecord(
  details: Protocol.Audits.CorsIssueDetails,
  issueId: string,
  place: RequestPlace,
  at: number,
): CapturedRecord {
  const { corsError, failedParameter } = details.corsErrorStatus;
  return newRecord(
    {
      id: `${place.tabId}:issue:${issueId}`,
      requestId: `issue:${issueId}`,
      seq: place.seq,
      tabId: place.tabId,
      frameId: place.frameId,
      parentFrameId: place.parentFrameId,
      documentId: null,
      pageUrl: place.pageUrl,
      initiator: details.initiatorOrigin ?? place.frameOrigin ?? '',
      url: details.request.url,
      method: 'GET',
      type: 'xmlhttprequest',
      startedAt: at,
    },
    {
      source: 'cdp',
      durationMs: 0,
      browserOutcome: 'failed',
      browserError: 'refused in the renderer (no request was made)',
      chromium: { source: 'Audits.issueAdded', corsError, failedParameter, netError: null },
    },
  );
}
