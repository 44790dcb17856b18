/**
 * Shared by the page-side observer's end-to-end tests: the worker's page-observer API and
 * Chromium's CORS issues (CDP Audits domain), the oracle for refusals that never reach the network.
 */
import type { CDPSession } from 'playwright-core';
import { callWorker } from '../../../src/node/worker-api.ts';
import type { PageFactsStats } from '../../../src/shared/inspection-api.ts';
import type { TestBrowser } from './extension.ts';

export function setPageObserver(b: TestBrowser, on: boolean): Promise<void> {
  return callWorker(b.worker, 'setPageObserver', on);
}

export function pageObserverStats(b: TestBrowser): Promise<PageFactsStats> {
  return callWorker(b.worker, 'pageObserverStats');
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
