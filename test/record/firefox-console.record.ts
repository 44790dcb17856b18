/**
 * Records Firefox ESR's console text for the scenario matrix (test/e2e/support/scenario-table.ts):
 * each scenario runs in headless Firefox driven over WebDriver BiDi (puppeteer-core 24, the line
 * that supports Node 20), and every `log.entryAdded` message is kept with the call it names. Writes
 * test/fixtures/console-text/firefox.json, which the unit tests read. Not part of `npm test`: CI
 * has no Firefox, and Firefox's text is the fixture, not a verdict to re-check on every run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FirefoxConsoleFixture, RecordedCall, RecordedLog } from '../support/console-fixture.ts';
import { startOrigins, type Origins } from '../e2e/support/origins.ts';
import { frameFor, performCalls } from '../e2e/support/scenario-page.ts';
import { resolveCalls, scenarioBase, serveScenario } from '../e2e/support/scenario-server.ts';
import { SCENARIOS } from '../e2e/support/scenario-table.ts';
import type { ChromiumResult } from '../e2e/support/scenario-types.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/console-text/firefox.json');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

let origins: Origins;
let browser: Browser;
let page: Page;
let profile: string;
const logs: RecordedLog[] = [];

beforeAll(async () => {
  origins = await startOrigins();
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-ff-record-'));
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
  });
  // BiDi log.entryAdded: Firefox's own CORS messages (type 'javascript', level 'error' or 'warn').
  // The BiDi connection is not in puppeteer's public Browser type (firefox-facts.md §1 recipe).
  const bidi = browser as unknown as { connection?: { on(event: string, fn: (e: never) => void): void } };
  bidi.connection?.on('log.entryAdded', (e: { type: string; level: string; text: string | null }) =>
    logs.push({ source: e.type, level: e.level, text: e.text ?? '', url: null }),
  );
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await origins?.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

const chromiumVerdict = (r: ChromiumResult) => (r.verdict === 'blocked' ? r.corsError : r.verdict);

/** The URL Firefox names: "… remote resource at <url>. (Reason" or "at '<url>'. (Reason". */
const namedUrl = (text: string) =>
  /remote resource at [\u2018']?(\S+?)[\u2019']?(?: soon)?\. \(Reason/.exec(text)?.[1] ?? null;

/** Firefox's second message after a failed preflight or redirect: "CORS request did not succeed … (null)". */
const isFollowUp = (text: string) => /\(Reason: CORS (?:request|preflight response) did not succeed\)/.test(text);

it('records every scenario', async () => {
  const fixture: FirefoxConsoleFixture = {
    browser: await browser.version(),
    origins: { page: origins.page, api: origins.api, api2: origins.api2 },
    scenarios: [],
  };
  for (const scenario of SCENARIOS) {
    serveScenario(origins, scenario);
    const frame = await frameFor(page, origins, scenario.from ?? 'top');
    if (scenario.cookie)
      await browser.setCookie({
        name: 'sid',
        value: 'c00kie',
        domain: '127.0.0.1',
        path: `${scenarioBase(scenario)}/`,
      });
    const calls = resolveCalls(scenario, origins);
    const before = logs.length;
    const js = await frame.evaluate(performCalls, { calls, concurrent: scenario.concurrent === true });
    // Firefox logs after the promise settles: wait until the log is quiet.
    for (let seen = -1; seen !== logs.length; ) {
      seen = logs.length;
      await new Promise((r) => setTimeout(r, 150));
    }
    const expected = [scenario.chromium].flat();
    const recorded: (RecordedCall & { chromium: string; firefoxJs: string })[] = calls.map((c, i) => ({
      urls: [c.url],
      corsError: null,
      failedParameter: null,
      netError: null,
      console: [],
      chromium: chromiumVerdict(expected[i] ?? expected[0]!),
      firefoxJs: js[i]?.ok ? `ok ${js[i]!.type} ${js[i]!.status}` : `error ${js[i]?.error ?? ''}`,
    }));
    const base = `${scenarioBase(scenario)}/`;
    for (const entry of logs.slice(before)) {
      const url = namedUrl(entry.text);
      if (!url || !new URL(url).pathname.startsWith(base)) continue;
      entry.url = url;
      // Calls may repeat a URL: a message belongs to the first such call Firefox failed whose
      // messages have not started yet; a follow-up joins the last one that has.
      const same = recorded.filter((c, i) => c.urls[0] === url && !js[i]?.ok);
      const target =
        (isFollowUp(entry.text)
          ? (same.findLast((c) => c.console.length > 0) ?? same[0])
          : same.find((c) => c.console.length === 0)) ?? (recorded.length === 1 ? recorded[0] : undefined);
      target?.console.push(entry);
    }
    fixture.scenarios.push({ id: scenario.id, calls: recorded });
  }
  expect(fixture.scenarios.length).toBe(SCENARIOS.length);
  fs.mkdirSync(path.dirname(FIXTURE), { recursive: true });
  fs.writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 1)}\n`);
});
