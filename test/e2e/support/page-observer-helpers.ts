/**
 * Shared by the page-side observer's end-to-end tests: the worker's page-observer API, waiting
 * for the extension's records of a set of calls, and Chromium's CORS issues (CDP Audits domain),
 * the oracle for refusals that never reach the network.
 */
import type { CDPSession } from 'playwright-core';
import { callWorker } from '../../../src/node/worker-api.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import type { PageFactsStats } from '../../../src/shared/inspection-api.ts';
import { recorded, type TestBrowser } from './extension.ts';

export function setPageObserver(b: TestBrowser, on: boolean): Promise<void> {
  return callWorker(b.worker, 'setPageObserver', on);
}

export function pageObserverStats(b: TestBrowser): Promise<PageFactsStats> {
  return callWorker(b.worker, 'pageObserverStats');
}

/**
 * The records for `urls` (first-hop URLs, in call order; identical URLs pair in order), once each
 * has finished and, when `withPageFacts`, carries the page's facts. Bounded wait; missing ones are undefined.
 */
export async function recordsFor(
  b: TestBrowser,
  urls: string[],
  withPageFacts = true,
): Promise<(ExchangeRecord | undefined)[]> {
  let mine: ExchangeRecord[] = [];
  const wanted = new Set(urls);
  for (let attempt = 0; attempt < 60; attempt++) {
    mine = (await recorded(b)).filter((r) => wanted.has(r.url));
    const done =
      mine.length >= urls.length &&
      mine.every((r) => r.browserOutcome !== 'pending' && (!withPageFacts || r.pageFacts?.outcome));
    if (done) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const unused = [...mine].sort((a, b) => a.startedAt - b.startedAt);
  return urls.map((url) => {
    const i = unused.findIndex((r) => r.url === url);
    return i < 0 ? undefined : unused.splice(i, 1)[0];
  });
}

export interface CorsIssue {
  url: string;
  corsError: string;
  failedParameter: string;
}

/** Collects Chromium's CORS issues (Audits domain) for a page. */
export async function collectCorsIssues(cdp: CDPSession): Promise<CorsIssue[]> {
  const issues: CorsIssue[] = [];
  cdp.on(
    'Audits.issueAdded',
    (p: {
      issue: {
        code: string;
        details: {
          corsIssueDetails?: {
            corsErrorStatus: { corsError: string; failedParameter: string };
            isWarning: boolean;
            request: { url: string };
          };
        };
      };
    }) => {
      const d = p.issue.details.corsIssueDetails;
      if (p.issue.code === 'CorsIssue' && d && !d.isWarning) issues.push({ url: d.request.url, ...d.corsErrorStatus });
    },
  );
  await cdp.send('Audits.enable');
  return issues;
}
