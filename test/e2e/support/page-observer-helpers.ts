/**
 * Shared by the page-side observer's end-to-end tests: the worker's page-observer API and
 * Chromium's CORS issues (CDP Audits domain), the oracle for refusals that never reach the network.
 */
import type { CDPSession } from 'playwright-core';
import type { InspectionApi } from '../../../src/background/inspection-api.ts';
import type { PageFactsStats } from '../../../src/background/page-facts.ts';
import { withTimeout } from '../../../src/node/chromium.ts';
import type { TestBrowser } from './extension.ts';

type Api = { corsInspector: InspectionApi };

export function setPageObserver(b: TestBrowser, on: boolean): Promise<void> {
  return withTimeout(
    b.worker.evaluate((v) => (globalThis as unknown as Api).corsInspector.pageObserver.set(v), on),
    10_000,
    'pageObserver.set',
  );
}

export function pageObserverStats(b: TestBrowser): Promise<PageFactsStats> {
  return withTimeout(
    b.worker.evaluate(() => (globalThis as unknown as Api).corsInspector.pageObserver.stats()),
    10_000,
    'pageObserver.stats',
  );
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
