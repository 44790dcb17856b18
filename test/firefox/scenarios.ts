/**
 * The extension in Firefox against Firefox itself. Every scenario of the end-to-end table runs in
 * stock Firefox ESR with dist-firefox/ installed and recording; Firefox's console messages (BiDi
 * log.entryAdded) and what the page's JavaScript saw are the oracle. The extension's own record of
 * each call (its capture on Firefox's webRequest, its pairing, the page's facts, its evaluation
 * with Firefox's rules) must give Firefox's verdict and, for a blocked call, Firefox's message word
 * for word. The rows are also written to test-results/firefox-scenarios.json for people to read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../src/shared/exchange.ts';
import { disagreement, type FirefoxDecision, recordSays, type RecordSays } from '../e2e/support/firefox-agreement.ts';
import { templated, type FirefoxResult } from '../e2e/support/firefox-results.ts';
import { FINISHED, pairWithCalls } from '../e2e/support/records.ts';
import { FIREFOX_RESULTS } from '../e2e/support/scenario-firefox.ts';
import { SCENARIOS } from '../e2e/support/scenario-table.ts';
import { scenarioBase } from '../e2e/support/scenario-server.ts';
import { waitFor } from '../support/wait.ts';

import { corsMessagesAbout, firefoxDecision } from './support/firefox-oracle.ts';
import { runInFirefox } from './support/firefox-scenario.ts';
import type { Suite } from './support/suite.ts';

interface Row {
  scenario: string;
  call: number;
  firefox: FirefoxDecision;
  record: RecordSays | null;
  agrees: boolean;
}

const RESULTS_DIR = path.resolve(import.meta.dirname, '../../test-results');
/** Where RECORD_FIREFOX_RESULTS=1 writes what Firefox did, for the table. */
const FIREFOX_TABLE = path.resolve(import.meta.dirname, '../e2e/support/scenario-firefox.ts');
const RECORDING = process.env.RECORD_FIREFOX_RESULTS === '1';
const originOf = (url: string) => new URL(url).origin;

export function scenarioChecks(suite: Suite): void {
  const rows: Row[] = [];
  const results: Record<string, FirefoxResult[]> = {};
  afterAll(() => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(RESULTS_DIR, 'firefox-scenarios.json'), `${JSON.stringify(rows, null, 1)}\n`);
    if (RECORDING) fs.writeFileSync(FIREFOX_TABLE, firefoxTable(results));
  });

  it('has at least 40 scenarios to run', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(40);
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario.id}: ${scenario.description}`, async () => {
      const firefox = suite.firefox();
      const consoleFrom = firefox.console.length;
      const run = await runInFirefox(suite.page(), suite.origins(), scenario);
      const urls = run.calls.map((c) => c.url);
      const crossOrigin = (i: number, r: ExchangeRecord | undefined) =>
        run.frameOrigin === 'null' || (r?.urlChain ?? [urls[i]!]).some((u) => originOf(u) !== run.frameOrigin);
      // Plain same-origin calls are not CORS exchanges: the extension does not record them.
      const awaited = (i: number) => crossOrigin(i, undefined) || run.js[i]?.type !== 'basic';
      const all = await waitFor(
        `the records of ${urls.length} call(s), finished`,
        () => firefox.call('exchanges'),
        (all) =>
          pairWithCalls(all, urls).flatMap((r, i) =>
            !awaited(i)
              ? []
              : !r
                ? [`${urls[i]}: not recorded`]
                : !FINISHED.reached(r)
                  ? [`${urls[i]}: not ${FINISHED.what}`]
                  : !r.pageFacts?.outcome
                    ? [`${urls[i]}: no page facts`]
                    : [],
          ),
      );
      const records = pairWithCalls(all, urls);
      // One record per call: every preflight folded into its request, none left an exchange of its own.
      const base = `${scenarioBase(scenario)}/`;
      const mine = all.filter((r) => new URL(r.url).pathname.startsWith(base));
      expect.soft(mine.length, 'records of this scenario').toBe(urls.filter((_u, i) => awaited(i)).length);
      const messages = firefox.console.slice(consoleFrom).map((e) => e.text);
      run.calls.forEach((_call, i) => {
        const label = `call ${i + 1}/${run.calls.length}`;
        const r = records[i];
        const about = corsMessagesAbout(messages, [...new Set([...(r?.urlChain ?? [urls[i]!])])]);
        const firefoxSays = firefoxDecision(run.js[i]!, about, crossOrigin(i, r));
        const result: FirefoxResult = {
          verdict: firefoxSays.verdict,
          ...(firefoxSays.message
            ? { message: templated(firefoxSays.message, suite.origins(), scenarioBase(scenario)) }
            : {}),
        };
        results[scenario.id] = [...(results[scenario.id] ?? []), result];
        if (!RECORDING)
          expect
            .soft(result, `${label}: Firefox still does what the table records (RECORD_FIREFOX_RESULTS=1 updates it)`)
            .toEqual(FIREFOX_RESULTS[scenario.id]?.[i]);
        if (!r) {
          rows.push({
            scenario: scenario.id,
            call: i + 1,
            firefox: firefoxSays,
            record: null,
            agrees: firefoxSays.verdict === 'not-cors',
          });
          expect.soft(firefoxSays.verdict, `${label}: unrecorded, so plain same-origin`).toBe('not-cors');
          return;
        }
        expect.soft(r.browser, `${label}: recorded as Firefox's`).toBe('firefox');
        // The page observer reported what webRequest cannot see.
        const call = scenario.calls[i]!;
        expect
          .soft({ mode: r.pageFacts?.call.mode, credentials: r.pageFacts?.call.credentials }, `${label}: page facts`)
          .toEqual({ mode: call.mode ?? 'cors', credentials: call.credentials ?? 'same-origin' });
        const differs = disagreement(r.evaluation, firefoxSays);
        rows.push({
          scenario: scenario.id,
          call: i + 1,
          firefox: firefoxSays,
          record: recordSays(r.evaluation),
          agrees: differs === null,
        });
        expect.soft(differs, label).toBeNull();
      });
    });
  }

  it("gave, among them, every reason Firefox logs for a page's request, each agreed on", () => {
    const reasons = new Set(rows.flatMap((r) => (r.firefox.message ? [reasonKey(r.firefox.message)] : [])));
    expect([...reasons].sort()).toEqual([...FIREFOX_REASONS].sort());
    expect(rows.filter((r) => r.firefox.verdict === 'blocked').length).toBeGreaterThanOrEqual(40);
    expect(rows.filter((r) => !r.agrees)).toEqual([]);
  });
}

/**
 * Firefox's reasons (security.properties) that a page on loopback http can cause. Not here:
 * CORSDisabled (a pref), CORSOriginHeaderNotAdded (privileged callers only) and
 * CORSAllowHeaderFromPreflightDeprecation (a warning).
 */
const FIREFOX_REASONS = [
  'CORS header ‘Access-Control-Allow-Origin’ missing',
  'CORS header ‘Access-Control-Allow-Origin’ does not match',
  'Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed',
  'Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’',
  'expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’',
  'CORS preflight response did not succeed',
  'CORS request external redirect not allowed',
  'Did not find method in CORS header ‘Access-Control-Allow-Methods’',
  'invalid token in CORS header ‘Access-Control-Allow-Methods’',
  'invalid token in CORS header ‘Access-Control-Allow-Headers’',
  'header is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response',
  'CORS request did not succeed',
  'CORS request not http',
];

/** A message's reason without its values: "does not match ‘x’" → "does not match". */
function reasonKey(message: string): string {
  const reason = /\(Reason: (.*?)\)(\.| Status)/.exec(message)?.[1] ?? message;
  return reason
    .replace(/ does not match ‘.*’$/, ' does not match')
    .replace(/^invalid token ‘.*’ in/, 'invalid token in')
    .replace(/^header ‘.*’ is not/, 'header is not');
}

/** scenario-firefox.ts's source: the measured results, one line per scenario. */
function firefoxTable(results: Record<string, FirefoxResult[]>): string {
  const lines = Object.entries(results).map(([id, calls]) => `  ${JSON.stringify(id)}: ${JSON.stringify(calls)},`);
  return `/**
 * What Firefox ESR did for each scenario of the table, one entry per call: its verdict and its first
 * "Cross-Origin Request Blocked" console message. Recorded, not written by hand: run
 * \`RECORD_FIREFOX_RESULTS=1 npx vitest run --project firefox\` after \`npm run build\` (firefox-results.ts).
 */
import type { FirefoxResult } from './firefox-results.ts';

export const FIREFOX_RESULTS: Record<string, FirefoxResult[]> = {
${lines.join('\n')}
};
`;
}
