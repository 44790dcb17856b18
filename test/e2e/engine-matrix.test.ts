/**
 * The engine and both capture sources against the real browser. Each scenario
 * (support/scenario-table.ts) runs in headless Chromium with the built extension recording and the
 * Node API's CDP source watching the same page; Chromium's own verdict (CDP
 * loadingFailed.corsErrorStatus) and what the page's JavaScript saw are the oracle. The engine is
 * fed the CDP record of the wire (no verdict) three ways — as a network-side source sees it, with
 * the page-side facts, and from the headers alone — and the exchange the extension's worker
 * recorded (its own capture, pairing and evaluation) and the one the CDP source recorded (its own
 * session, settling, preflight folding, and Chromium's answer on the record) must agree too, and
 * so must what the engine says Firefox would do, with what Firefox did (scenario-firefox.ts). One
 * browser, one page, one run of each scenario, in sequence.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/cors/index.ts';
import { CORS_ERROR_CODES } from '../../src/cors/reason-codes.ts';
import type { ObservedExchange } from '../../src/cors/types.ts';
import { compareWithChromium } from '../../src/shared/verify-with-chrome.ts';
import { watchWithCdpSource, type CdpSourceTab } from './support/cdp-source.ts';
import { close, launch, recordAll, type TestBrowser } from './support/extension.ts';
import { predictionDisagreement } from './support/firefox-agreement.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { FINISHED, recordsFor, recordsFrom } from './support/records.ts';
import {
  chromiumDecision,
  engineDecision,
  pageHints,
  plainSameOrigin,
  recordedResult,
  recordedVerdict,
  verdictOf,
  withoutReadable,
} from './support/scenario-oracle.ts';
import { expectRecordAgrees } from './support/scenario-records.ts';
import { MATRIX_BROWSER_ARGS, runScenario } from './support/scenario-runner.ts';
import { expandTemplate, scenarioBase } from './support/scenario-server.ts';
import { FIREFOX_RESULTS } from './support/scenario-firefox.ts';
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
let cdpSource: CdpSourceTab;

beforeAll(async () => {
  origins = await startOrigins();
  browser = await launch(MATRIX_BROWSER_ARGS);
  await recordAll(browser);
  page = await browser.context.newPage();
  cdp = await browser.context.newCDPSession(page);
  cdpSource = await watchWithCdpSource(browser.context, page);
});

afterAll(async () => {
  if (browser) await close(browser);
  await origins?.close();
});

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
      // Each source's own records of the calls, finished; plain same-origin calls are not recorded.
      const urls = run.cdp.map((x) => x.request.hops[0]!.url);
      const notPlain = (i: number) => !plainSameOrigin(run, i);
      const records = await recordsFor(browser, urls, FINISHED, notPlain);
      const cdpRecords = await recordsFrom('the CDP source', cdpSource.records, urls, FINISHED, notPlain);
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
        // What the explanation says Firefox would do, against what Firefox did (recorded by test/firefox).
        const firefox = FIREFOX_RESULTS[scenario.id]?.[i];
        expect
          .soft(firefox, `${call}: Firefox's result is recorded (RECORD_FIREFOX_RESULTS=1, test/firefox)`)
          .toBeDefined();
        if (firefox) {
          const predicted = evaluate({ ...wire, ...hints, browser: 'firefox', outcome: { kind: 'unknown' } });
          const differs = predictionDisagreement(
            predicted,
            { verdict: firefox.verdict, message: firefox.message ? expand(firefox.message) : null },
            { notes: evaluate({ ...wire, ...hints }).browserNotes, failed: browserSays.verdict === 'failed' },
          );
          expect.soft(differs, `${call}: the engine's "Firefox would …" on Chromium's wire`).toBeNull();
        }
        const record = records[i];
        expect
          .soft(record === undefined, `${call}: the extension recorded it (unless it is plain same-origin)`)
          .toBe(plainSameOrigin(run, i));
        if (record) expectRecordAgrees(record, browserSays, `${call}: the extension's own record`);
        const fromCdp = cdpRecords[i];
        expect
          .soft(fromCdp === undefined, `${call}: the CDP source recorded it (unless it is plain same-origin)`)
          .toBe(plainSameOrigin(run, i));
        if (fromCdp) {
          expectRecordAgrees(fromCdp, browserSays, `${call}: the CDP source's own record`);
          expect
            .soft(fromCdp.chromium?.corsError ?? null, `${call}: Chromium's own answer on the CDP record`)
            .toBe(x.request.failed?.corsErrorStatus?.corsError ?? null);
          expect
            .soft(compareWithChromium(fromCdp)?.agrees, `${call}: the CDP record agrees with Chromium's answer on it`)
            .toBe(true);
        }
        agree({ ...wire, ...hints }, 'with the page-side facts');
        // A network error is a fact of the outcome, not of the headers.
        if (browserSays.verdict !== 'failed')
          agree({ ...wire, ...hints, outcome: { kind: 'headers-only' } }, 'from the headers alone');
        // With the end unseen, the engine still blocks what Chromium blocked, and allows nothing.
        const unseen = evaluate({ ...wire, ...hints, outcome: { kind: 'unknown' } }).verdict;
        if (browserSays.verdict === 'allowed' || browserSays.verdict === 'opaque')
          expect.soft(unseen, `${call}: engine with the end unseen`).toBe('unfinished');
        if (!scenario.preflightCauseHidden) {
          const needed = evaluate({ ...wire, ...hints, preflight: null, outcome: { kind: 'headers-only' } }).preflight
            .needed;
          expect
            .soft(needed, `${call}: preflight needed, judged from the request alone`)
            .toBe(browserSays.preflight !== 'none');
        }
      });
    });
  }
});
