/**
 * Runs one scenario in a real page and returns, per call, Chromium's CDP record, the engine input
 * built from it, and what the page's JavaScript saw. Reusable with any page (plain Chromium or one
 * with the extension loaded), so the extension's own record of the same scenario can be compared.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { ObservedExchange } from '../../../src/cors/types.ts';
import type { CdpExchange } from '../../../src/node/cdp/network-log.ts';
import { capturedFromCdp } from '../../../src/node/cdp/record.ts';
import { toObserved } from '../../../src/shared/observed.ts';
import { recordNetwork } from './cdp-network.ts';
import type { Origins } from './origins.ts';
import { frameFor, performCalls, type JsOutcome } from './scenario-page.ts';
import { resolveCalls, scenarioBase, serveScenario } from './scenario-server.ts';
import type { Scenario } from './scenario-types.ts';

/**
 * Chromium flags the matrix needs on top of the quiet ones: sandboxed iframes get their own
 * process by default (IsolateSandboxedIframes), and the page's CDP session would not see their
 * requests; keeping them in-process changes the process model only, not CORS.
 */
export const MATRIX_BROWSER_ARGS = ['--disable-features=IsolateSandboxedIframes'];

export interface ScenarioRun {
  /** Aligned by call index. */
  cdp: CdpExchange[];
  observed: ObservedExchange[];
  js: JsOutcome[];
  /** The serialized origin of the document the calls ran in (`null` in the sandboxed iframe). */
  frameOrigin: string;
}

/**
 * The engine's input for a request, as the CDP source builds it (src/node/cdp/record.ts), from
 * the wire alone: no verdict (loadingFailed's corsErrorStatus is the oracle, not an input).
 * `frameOrigin` is the calling document's origin, for requests that carry no Origin header.
 */
export function observedOf(x: CdpExchange, frameOrigin: string): ObservedExchange {
  const record = capturedFromCdp(x, { tabId: 0, frameId: 0, parentFrameId: -1, pageUrl: '', frameOrigin, seq: 0 });
  if (!record) throw new Error(`CDP request ${x.request.id} has no requestWillBeSent`);
  const { chromium: _verdict, ...wire } = record;
  return toObserved(wire);
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
  const network = await recordNetwork(cdp);
  try {
    const frameOrigin = await frame.evaluate(() => self.origin);
    const js = await frame.evaluate(performCalls, { calls, concurrent: scenario.concurrent === true });
    const cdpExchanges = await network.settled(calls.map((c) => c.url));
    return { cdp: cdpExchanges, observed: cdpExchanges.map((x) => observedOf(x, frameOrigin)), js, frameOrigin };
  } finally {
    network.stop();
  }
}
