/**
 * Reads Chromium's own CORS verdicts out of the DevTools protocol events of one tab and pairs each
 * with the exchange record it belongs to. CDP request ids are unrelated to webRequest's, so a
 * request pairs with a record by URL and method, oldest first; a renderer-only refusal has no
 * network request at all and is known only from its CORS issue (Audits domain), by URL.
 * Pure: the debugger plumbing is in verify-with-chrome.ts.
 */
import type { ChromiumAnswer } from '../shared/verify-with-chrome.ts';
import { inFlight, type ExchangeRecord } from '../shared/exchange.ts';

interface WillBeSent {
  requestId: string;
  request: { url: string; method: string };
  initiator?: { type?: string };
  redirectResponse?: unknown;
  type?: string;
}

interface CorsErrorStatus {
  corsError: string;
  failedParameter: string;
}

interface IssueAdded {
  issue: {
    code: string;
    details?: {
      corsIssueDetails?: {
        corsErrorStatus: CorsErrorStatus;
        isWarning: boolean;
        request: { url: string; requestId?: string };
      };
    };
  };
}

interface Answered {
  key: string;
  answer: ChromiumAnswer;
  at: number;
}

/** Unpaired answers are forgotten after this (requests the extension does not record, e.g. same-origin ones). */
const KEEP_MS = 60_000;
const MAX_WAITING = 2000;

const keyOf = (method: string, url: string) => `${method} ${url.split('#')[0]}`;

export class ChromiumAnswers {
  private requests = new Map<string, string>();
  private waiting: Answered[] = [];

  /** Feeds one CDP event; returns true when it produced an answer. */
  event(method: string, params: unknown, now: number): boolean {
    switch (method) {
      case 'Network.requestWillBeSent': {
        const p = params as WillBeSent;
        // A preflight is part of its request's answer; a redirect keeps the first hop's key.
        if (p.initiator?.type === 'preflight' || p.redirectResponse || p.type === 'Document') return false;
        this.requests.set(p.requestId, keyOf(p.request.method, p.request.url));
        return false;
      }
      case 'Network.loadingFinished':
        return this.settle(
          (params as { requestId: string }).requestId,
          { source: 'Network.loadingFinished', corsError: null, failedParameter: '', netError: null },
          now,
        );
      case 'Network.loadingFailed': {
        const p = params as { requestId: string; errorText: string; corsErrorStatus?: CorsErrorStatus };
        const cors = p.corsErrorStatus;
        return this.settle(
          p.requestId,
          {
            source: 'Network.loadingFailed',
            corsError: cors?.corsError ?? null,
            failedParameter: cors?.failedParameter ?? '',
            netError: cors ? null : p.errorText,
          },
          now,
        );
      }
      case 'Audits.issueAdded': {
        const details = (params as IssueAdded).issue.details?.corsIssueDetails;
        // Issues about network requests repeat what loadingFailed said; only renderer-only refusals are new.
        if (
          (params as IssueAdded).issue.code !== 'CorsIssue' ||
          !details ||
          details.isWarning ||
          details.request.requestId
        )
          return false;
        const { corsError, failedParameter } = details.corsErrorStatus;
        // fetch() is the only API that reaches these checks; its method is not in the issue, any will do.
        this.push({
          key: `* ${details.request.url.split('#')[0]}`,
          answer: { source: 'Audits.issueAdded', corsError, failedParameter, netError: null },
          at: now,
        });
        return true;
      }
      default:
        return false;
    }
  }

  /**
   * The answer for a finished record, if Chromium gave one. Records must be offered oldest first,
   * so identical requests pair in order.
   */
  take(
    r: Pick<ExchangeRecord, 'method' | 'url' | 'browserOutcome' | 'endedBy' | 'pageFacts'>,
    now: number,
  ): ChromiumAnswer | null {
    this.prune(now);
    if (inFlight(r)) return null;
    const key = keyOf(r.method, r.url);
    const pageOnly = r.pageFacts?.seen === 'page-only';
    const i = this.waiting.findIndex(
      (w) => w.key === key || (pageOnly && w.key.startsWith('* ') && sameUrl(w.key.slice(2), r.url.split('#')[0]!)),
    );
    return i < 0 ? null : this.waiting.splice(i, 1)[0]!.answer;
  }

  private settle(requestId: string, answer: ChromiumAnswer, now: number): boolean {
    const key = this.requests.get(requestId);
    if (key === undefined) return false;
    this.requests.delete(requestId);
    this.push({ key, answer, at: now });
    return true;
  }

  private push(a: Answered): void {
    if (this.waiting.length >= MAX_WAITING) this.waiting.shift();
    this.waiting.push(a);
  }

  private prune(now: number): void {
    while (this.waiting.length > 0 && this.waiting[0]!.at < now - KEEP_MS) this.waiting.shift();
  }
}

/** Chromium serializes some URLs with a trailing slash the page did not write (chrome://version → chrome://version/). */
function sameUrl(cdpUrl: string, recordUrl: string): boolean {
  return cdpUrl === recordUrl || cdpUrl === `${recordUrl}/`;
}
