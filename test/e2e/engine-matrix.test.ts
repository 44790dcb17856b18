/**
 * The engine and the extension against the real browser. Each scenario (support/scenario-table.ts)
 * runs in headless Chromium with the built extension recording; Chromium's own verdict (CDP
 * loadingFailed.corsErrorStatus) and what the page's JavaScript saw are the oracle. The engine is
 * fed the CDP record of the wire (no verdict) three ways — as webRequest sees it, with the
 * page-side facts, and from the headers alone — and the exchange the extension's worker recorded
 * (its own capture, pairing and evaluation) must agree too. One browser, one page, in sequence.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/cors/index.ts';
import { CORS_ERROR_CODES } from '../../src/cors/reason-codes.ts';
import type { ObservedExchange } from '../../src/cors/types.ts';
import type { ExchangeRecord } from '../../src/shared/exchange.ts';
import { close, launch, recordAll, recorded, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import {
  chromiumDecision,
  engineDecision,
  pageHints,
  recordedResult,
  recordedVerdict,
  verdictOf,
  withoutReadable,
} from './support/scenario-oracle.ts';
import { MATRIX_BROWSER_ARGS, runScenario } from './support/scenario-runner.ts';
import { expandTemplate, scenarioBase } from './support/scenario-server.ts';
import { SCENARIOS } from './support/scenario-table.ts';

/** Codes a page on loopback http cannot produce, and why. */
const NOT_PRODUCIBLE: Record<string, string> = {
  InvalidResponse: 'a DevTools-only warning, never a loadingFailed status',
  DisallowedByMode:
    "fetch() rejects mode 'same-origin' to another origin in the renderer: no request reaches the network (conformance-requests.test.ts and conformance-page-life.test.ts judge it with CDP Audits)",
  NoCorsRedirectModeNotFollow:
    "fetch() rejects mode 'no-cors' with redirect other than 'follow' in the renderer: no request reaches the network (conformance-requests.test.ts and conformance-page-life.test.ts judge it with CDP Audits)",
  PreflightMissingAllowExternal: 'removed CORS-RFC1918 experiment',
  PreflightInvalidAllowExternal: 'removed CORS-RFC1918 experiment',
  InsecureLocalNetwork: 'Local Network Access: loopback to loopback is not a more private address space',
  InvalidLocalNetworkAccess: 'Local Network Access: needs targetAddressSpace on a public page',
  LocalNetworkAccessPermissionDenied:
    'Local Network Access: needs a public page requesting a private address (conformance-not-cors.test.ts declares a port public with --ip-address-space-overrides)',
};

let origins: Origins;
let browser: TestBrowser;
let page: Page;
let cdp: CDPSession;

beforeAll(async () => {
  origins = await startOrigins();
  browser = await launch(MATRIX_BROWSER_ARGS);
  await recordAll(browser);
  page = await browser.context.newPage();
  cdp = await browser.context.newCDPSession(page);
});

afterAll(async () => {
  if (browser) await close(browser);
  await origins?.close();
});

/**
 * The worker's records of one scenario's calls, in call order: records under the scenario's path,
 * matched to calls by first URL in start order. Waits (bounded) until each has finished.
 */
async function extensionRecords(base: string, urls: string[]): Promise<(ExchangeRecord | undefined)[]> {
  let mine: ExchangeRecord[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    mine = (await recorded(browser)).filter((r) => new URL(r.url).pathname.startsWith(`${base}/`));
    // A request redirected to mailto: never ends for webRequest: its record is ended (endedBy) instead.
    if (mine.length >= urls.length && mine.every((r) => r.browserOutcome !== 'pending' || r.endedBy !== null)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const unused = [...mine];
  return urls.map((url) => {
    const i = unused.findIndex((r) => r.url === url);
    return i < 0 ? undefined : unused.splice(i, 1)[0];
  });
}

describe('the scenario table', () => {
  it('holds at least 70 scenarios and every reason code the network can produce', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(70);
    const covered = new Set(
      SCENARIOS.flatMap((s) => [s.chromium].flat().flatMap((r) => (r.verdict === 'blocked' ? [r.corsError] : []))),
    );
    const missing = CORS_ERROR_CODES.filter((code) => !covered.has(code) && !(code in NOT_PRODUCIBLE));
    expect(missing).toEqual([]);
  });
});

describe('engine vs Chromium', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.id}: ${scenario.description}`, async () => {
      const run = await runScenario(page, cdp, origins, scenario);
      const expand = (template: string) => expandTemplate(template, { origins, base: scenarioBase(scenario) });
      const records = await extensionRecords(
        scenarioBase(scenario),
        run.cdp.map((x) => x.request.hops[0]!.url),
      );
      run.cdp.forEach((x, i) => {
        const call = `call ${i + 1}/${run.cdp.length}`;
        const recorded = recordedResult(scenario, i);
        const browserSays = chromiumDecision(run, i);
        expect
          .soft(verdictOf(browserSays), `${call}: Chromium still does what the table records`)
          .toEqual(recordedVerdict(recorded, expand));
        if (recorded.verdict === 'failed')
          expect.soft(x.request.failed?.errorText, `${call}: net error`).toBe(recorded.netError);

        const agree = (input: ObservedExchange, how: string) => {
          const e = evaluate(input);
          const engineSays = engineDecision(e, browserSays.readable !== undefined);
          expect
            .soft(engineSays, `${call}: engine ${how}`)
            .toEqual(engineSays.readable === undefined ? withoutReadable(browserSays) : browserSays);
        };
        const wire = run.observed[i]!;
        const hints = pageHints(scenario.calls[i]!);
        agree(wire, 'on what webRequest sees');
        const record = records[i];
        // Same-origin requests without an Origin header are not CORS exchanges; the worker skips them.
        const skipped =
          browserSays.verdict === 'not-cors' && !wire.request.headers.some((h) => h.name.toLowerCase() === 'origin');
        expect
          .soft(record === undefined, `${call}: the extension recorded it (unless it is plain same-origin)`)
          .toBe(skipped);
        if (record) {
          const e = record.evaluation;
          const extensionSays = engineDecision(e, browserSays.readable !== undefined);
          const expected = extensionSays.readable === undefined ? withoutReadable(browserSays) : browserSays;
          if (e.reason?.assumptions.some((a) => a.includes('header order'))) {
            // webRequest never shows the request headers of a request whose preflight failed, so which
            // of several disallowed headers Chromium named is unknowable there: the record must say so.
            expect
              .soft(e.confidence, `${call}: an unknowable header order is not presented as certain`)
              .not.toBe('certain');
            expect
              .soft({ ...extensionSays, failedParameter: undefined }, `${call}: the extension's own record`)
              .toEqual({ ...expected, failedParameter: undefined });
          } else {
            expect.soft(extensionSays, `${call}: the extension's own record`).toEqual(expected);
          }
        }
        agree({ ...wire, ...hints }, 'with the page-side facts');
        // A network error is a fact of the outcome, not of the headers.
        if (browserSays.verdict !== 'failed')
          agree({ ...wire, ...hints, outcome: { kind: 'unknown' } }, 'from the headers alone');
        if (!scenario.preflightCauseHidden) {
          const needed = evaluate({ ...wire, ...hints, preflight: null, outcome: { kind: 'unknown' } }).preflight
            .needed;
          expect
            .soft(needed, `${call}: preflight needed, judged from the request alone`)
            .toBe(browserSays.preflight !== 'none');
        }
      });
    });
  }
});
