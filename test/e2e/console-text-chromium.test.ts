/**
 * Chromium's own console text for every scenario of the matrix (support/scenario-table.ts), read
 * over CDP (Log.entryAdded), fed to the console-text reader: every message of a blocked call must
 * map to the CorsError Chromium reported for it (Network.loadingFailed.corsErrorStatus), with the
 * same failedParameter, and no allowed call may produce a "blocked" reading. Run with
 * CORS_INSPECTOR_RECORD_CONSOLE=1 to rewrite the fixture the unit tests read
 * (test/fixtures/console-text/chromium.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainConsoleText } from '../../src/cors/console-text/index.ts';
import { findChromium, QUIET_FLAGS } from '../../src/node/chromium.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { MATRIX_BROWSER_ARGS, runScenario } from './support/scenario-runner.ts';
import { SCENARIOS } from './support/scenario-table.ts';
import type { ChromiumConsoleFixture, RecordedCall, RecordedLog } from '../support/console-fixture.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/console-text/chromium.json');

let origins: Origins;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
const logs: RecordedLog[] = [];
const recorded: ChromiumConsoleFixture['scenarios'] = [];

beforeAll(async () => {
  origins = await startOrigins();
  browser = await chromium.launch({ executablePath: findChromium(), args: [...QUIET_FLAGS, ...MATRIX_BROWSER_ARGS] });
  page = await browser.newPage();
  cdp = await page.context().newCDPSession(page);
  cdp.on('Log.entryAdded', ({ entry }) =>
    logs.push({ source: entry.source, level: entry.level, text: entry.text, url: entry.url ?? null }),
  );
  await cdp.send('Log.enable');
});

afterAll(async () => {
  if (process.env.CORS_INSPECTOR_RECORD_CONSOLE === '1' && recorded.length === SCENARIOS.length) {
    const fixture: ChromiumConsoleFixture = {
      browser: browser.version(),
      origins: { page: origins.page, api: origins.api, api2: origins.api2 },
      scenarios: recorded,
    };
    fs.mkdirSync(path.dirname(FIXTURE), { recursive: true });
    fs.writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 1)}\n`);
  }
  await browser?.close();
  await origins?.close();
});

const names = (l: RecordedLog, urls: string[]) =>
  urls.some((u) => l.text.includes(`'${u}'`) || l.url === u || l.text.includes(` ${u} `));
const isCorsLine = (l: RecordedLog) => l.text.includes('has been blocked by CORS policy');

/**
 * Gives each log entry to the call it is about. Calls may share URLs (a scenario repeats a request):
 * a CORS line goes to the first matching call Chromium blocked that has none yet, a network line to
 * the first matching failed call that has none yet, anything else to the first matching call.
 */
function assign(calls: RecordedCall[], entries: RecordedLog[]): void {
  for (const entry of entries) {
    const matching = calls.filter((c) => names(entry, c.urls));
    const network = entry.source === 'network';
    const slotFree = (c: RecordedCall) => !c.console.some((l) => (network ? l.source === 'network' : isCorsLine(l)));
    const target = isCorsLine(entry)
      ? (matching.find((c) => c.corsError && slotFree(c)) ?? matching.find(slotFree))
      : network
        ? (matching.find((c) => c.netError && slotFree(c)) ?? matching[0])
        : matching[0];
    target?.console.push(entry);
  }
}

describe("Chromium's console text, read back", () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.id}: ${scenario.description}`, async () => {
      const before = logs.length;
      const run = await runScenario(page, cdp, origins, scenario);
      const blocked = run.cdp.filter((x) => x.request.failed?.corsErrorStatus).length;
      // Console messages arrive after loadingFailed: wait (bounded) for one per blocked call.
      for (let i = 0; i < 100; i++) {
        if (logs.slice(before).filter(isCorsLine).length >= blocked) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const calls: RecordedCall[] = run.cdp.map((x) => ({
        urls: [...new Set(x.request.hops.map((h) => h.url))],
        corsError: x.request.failed?.corsErrorStatus?.corsError ?? null,
        failedParameter: x.request.failed?.corsErrorStatus?.failedParameter ?? null,
        netError: x.request.failed?.errorText ?? null,
        console: [],
      }));
      assign(calls, logs.slice(before));
      recorded.push({ id: scenario.id, calls });
      for (const [i, call] of calls.entries()) {
        const read = explainConsoleText(call.console.map((l) => l.text).join('\n'));
        const corsLines = call.console.filter(isCorsLine);
        if (call.corsError) {
          expect.soft(corsLines.length, `call ${i + 1}: one CORS console message`).toBe(1);
          const first = read.diagnoses.find((d) => d.verdict === 'blocked');
          expect
            .soft({ code: first?.code, failedParameter: first?.failedParameter ?? '' }, `call ${i + 1}: read back`)
            .toEqual({ code: call.corsError, failedParameter: call.failedParameter });
        } else {
          expect.soft(corsLines, `call ${i + 1}: no CORS message for a call Chromium did not block`).toEqual([]);
        }
      }
    });
  }
});
