/**
 * Runs one scenario in a real page and returns, per call, Chromium's CDP record, the engine input
 * built from it, and what the page's JavaScript saw. Reusable with any page (plain Chromium or one
 * with the extension loaded), so the extension's own record of the same scenario can be compared.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { ObservedExchange } from '../../../src/cors/types.ts';
import { observedFromCdp } from './cdp-observed.ts';
import { NetworkRecorder, type CdpRequest } from './cdp-recorder.ts';
import type { Origins } from './origins.ts';
import { frameFor, performCalls, type JsOutcome, type ResolvedCall } from './scenario-page.ts';
import { resolveCalls, scenarioBase, serveScenario } from './scenario-server.ts';
import type { Scenario } from './scenario-types.ts';

/**
 * Chromium flags the matrix needs on top of the quiet ones: sandboxed iframes get their own
 * process by default (IsolateSandboxedIframes), and the page's CDP session would not see their
 * requests; keeping them in-process changes the process model only, not CORS.
 */
export const MATRIX_BROWSER_ARGS = ['--disable-features=IsolateSandboxedIframes'];

/** Chromium's record of one call: the request and the preflights it linked to it. */
export interface CdpExchange {
  request: CdpRequest;
  preflights: CdpRequest[];
}

export interface ScenarioRun {
  /** Aligned by call index. */
  cdp: CdpExchange[];
  observed: ObservedExchange[];
  js: JsOutcome[];
  /** The serialized origin of the document the calls ran in (`null` in the sandboxed iframe). */
  frameOrigin: string;
}

/** Pairs each call with the CDP request for its URL, in start order (identical URLs pair in order). */
function pairCalls(calls: ResolvedCall[], requests: CdpRequest[]): CdpRequest[] {
  const unused = [...requests];
  return calls.map((call) => {
    const i = unused.findIndex((r) => r.hops[0]!.url === call.url);
    if (i < 0)
      throw new Error(
        `Chromium recorded no request for ${call.url} (recorded: ${requests.map((r) => r.hops[0]!.url).join(', ') || 'none'})`,
      );
    return unused.splice(i, 1)[0]!;
  });
}

export async function runScenario(
  page: Page,
  cdp: CDPSession,
  origins: Origins,
  scenario: Scenario,
): Promise<ScenarioRun> {
  const base = scenarioBase(scenario);
  serveScenario(origins, scenario);
  const frame = await frameFor(page, origins, scenario.from ?? 'top');
  if (scenario.cookie) {
    await page.context().addCookies([{ name: 'sid', value: 'c00kie', domain: '127.0.0.1', path: `${base}/` }]);
  }
  const calls = resolveCalls(scenario, origins);
  const recorder = await NetworkRecorder.start(cdp);
  try {
    const frameOrigin = await frame.evaluate(() => self.origin);
    const js = await frame.evaluate(performCalls, { calls, concurrent: scenario.concurrent === true });
    const requests = pairCalls(calls, recorder.pageRequests(`${base}/`));
    await recorder.settle(requests);
    const cdpExchanges = requests.map((request) => ({ request, preflights: recorder.preflightsOf(request.id) }));
    return {
      cdp: cdpExchanges,
      observed: cdpExchanges.map((x) => observedFromCdp(x.request, x.preflights, frameOrigin)),
      js,
      frameOrigin,
    };
  } finally {
    recorder.stop();
  }
}
