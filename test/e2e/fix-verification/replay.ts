/**
 * Makes one call from a page in headless Chromium and returns what happened: what the page's
 * JavaScript saw, Chromium's own record over CDP (raw headers, the preflight linked through
 * initiator.type 'preflight', loadingFailed.corsErrorStatus), the engine's input built from that
 * record, and the engine's evaluation. The page and its URL are returned, so a caller running the
 * extension can look the same request up in it (tabIdOf(page)); the caller owns the page.
 */
import type Protocol from 'devtools-protocol';
import type { Page } from 'playwright-core';
import { evaluate } from '../../../src/cors/index.ts';
import type { Evaluation, ObservedExchange } from '../../../src/cors/types.ts';
import type { CdpRequest } from '../../../src/node/cdp/network-log.ts';
import { recordNetwork } from '../support/cdp-network.ts';
import { observedOf } from '../support/scenario-runner.ts';
import { performCalls, type JsOutcome, type ResolvedCall } from '../support/scenario-page.ts';

export interface Replay {
  page: Page;
  pageUrl: string;
  requestUrl: string;
  js: JsOutcome;
  request: CdpRequest;
  preflights: CdpRequest[];
  /** Chromium's verdict: null when it let JavaScript read the response. */
  corsError: Protocol.Network.CorsErrorStatus | null;
  observed: ObservedExchange;
  evaluation: Evaluation;
}

/**
 * Navigates `page` to `pageUrl` (give each replay its own URL, so the extension can find its tab by
 * URL) and makes the call from there. Same-origin navigations reuse the page's renderer, which keeps
 * a replay at tens of milliseconds instead of a new tab's hundreds.
 */
export async function replay(page: Page, pageUrl: string, call: ResolvedCall): Promise<Replay> {
  await page.goto(pageUrl);
  return { page, pageUrl, requestUrl: call.url, ...(await recordCall(page, call)) };
}

async function recordCall(page: Page, call: ResolvedCall): Promise<Omit<Replay, 'page' | 'pageUrl' | 'requestUrl'>> {
  const cdp = await page.context().newCDPSession(page);
  const network = await recordNetwork(cdp);
  try {
    const [js] = await page.mainFrame().evaluate(performCalls, { calls: [call], concurrent: false });
    if (!js) throw new Error(`the page reported nothing for ${call.url}`);
    const [exchange] = await network.settled([call.url]);
    const { request, preflights } = exchange!;
    // The page-side facts (issue 8's observer reports them): the call's credentials and mode.
    const observed: ObservedExchange = {
      ...observedOf(exchange!, new URL(page.url()).origin),
      credentials: call.credentials ?? 'same-origin',
      mode: call.mode ?? 'cors',
    };
    return {
      js,
      request,
      preflights,
      corsError: request.failed?.corsErrorStatus ?? null,
      observed,
      evaluation: evaluate(observed),
    };
  } finally {
    network.stop();
    await cdp.detach();
  }
}
