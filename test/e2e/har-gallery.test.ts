/**
 * `analyze` on the HARs people have, made fresh by the real tools from the demo gallery (15 blocked
 * reads): Chrome DevTools' own export and Playwright's recordHar from one Chromium run, whose CDP
 * corsErrorStatus is the oracle, and Firefox ESR's DevTools export. Every blocked read must be
 * blocked in every HAR (a missed one fails the count), with Chromium's exact reason where the HAR
 * holds the evidence (DevTools) and that reason among the candidates where it does not (Playwright).
 *
 * RECORD_HAR_FIXTURES=1 also writes the recordings, redacted, to test/fixtures/har/ (the unit tests'
 * fixtures come from here).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/cli/analyze.ts';
import { startDemo, type DemoSite } from '../../src/demo/demo-site.ts';
import { importHar } from '../../src/har-import/index.ts';
import type { ExchangeRecord } from '../../src/shared/exchange.ts';
import { reportErrors } from '../support/report-schema.ts';
import { FIREFOX_PATH, recordChromiumHars, recordFirefoxHar, redactHar } from './support/har-recorders.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/har');
const FIXTURE_PORTS = { app: 8080, api: 8081, site2: 8082 };

let demo: DemoSite;
beforeAll(async () => {
  demo = await startDemo();
});
afterAll(() => demo?.close());

const situation = (url: string) => new URL(url).pathname.replace(/^\/s\//, '');
const blockedIn = (records: ExchangeRecord[]) =>
  records
    .filter((r) => r.evaluation.verdict === 'blocked')
    .map((r) => situation(r.url))
    .sort();

function saveFixture(name: string, text: string): void {
  if (!process.env.RECORD_HAR_FIXTURES) return;
  const ports = Object.fromEntries(
    (['app', 'api', 'site2'] as const).map((k) => [new URL(demo.origins[k]).port, FIXTURE_PORTS[k]]),
  );
  fs.mkdirSync(FIXTURES, { recursive: true });
  fs.writeFileSync(path.join(FIXTURES, name), redactHar(text, ports));
}

describe('HARs of the demo gallery recorded in Chromium', () => {
  const chromiumSays = new Map<string, { corsError: string; failedParameter: string }>();
  let hars: { devtools: string; playwright: string };

  beforeAll(async () => {
    hars = await recordChromiumHars(async (page, cdp) => {
      const urls = new Map<string, string>();
      cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
      cdp.on('Network.loadingFailed', (e) => {
        if (e.corsErrorStatus) chromiumSays.set(situation(urls.get(e.requestId)!), e.corsErrorStatus);
      });
      await cdp.send('Network.enable');
      await page.goto(demo.url);
      await page.waitForFunction(() => document.title.endsWith('(done)'), undefined, { timeout: 60_000 });
      // Let the last responses reach DevTools' log.
      await page.waitForTimeout(300);
    });
    saveFixture('gallery-chrome-devtools.har', hars.devtools);
    saveFixture('gallery-playwright.har', hars.playwright);
  }, 120_000);

  it('Chromium blocked the 15 reads the gallery is built to have blocked', () => {
    expect(chromiumSays.size).toBe(15);
  });

  it("Chrome DevTools' export: every blocked read, each with Chromium's own reason", () => {
    const { records, warnings, summary } = importHar(hars.devtools);
    expect(warnings).toEqual([]);
    expect(summary.producer.kind).toBe('chrome-devtools');
    expect(blockedIn(records)).toEqual([...chromiumSays.keys()].sort());
    for (const r of records.filter((x) => x.evaluation.verdict === 'blocked')) {
      const said = chromiumSays.get(situation(r.url))!;
      expect([situation(r.url), r.evaluation.reason?.code, r.evaluation.reason?.failedParameter]).toEqual([
        situation(r.url),
        said.corsError,
        said.failedParameter,
      ]);
    }
    expect(records.find((r) => situation(r.url) === 'no-cors-opaque')?.evaluation.verdict).toBe('opaque');
    expect(records.filter((r) => r.evaluation.verdict === 'allowed').length).toBeGreaterThanOrEqual(10);
  });

  it("Playwright's recordHar: every blocked read blocked, Chromium's reason among the stated candidates", () => {
    const { records, warnings, summary } = importHar(hars.playwright);
    expect(warnings).toEqual([]);
    expect(summary.producer.kind).toBe('playwright');
    expect(blockedIn(records)).toEqual([...chromiumSays.keys()].sort());
    for (const r of records.filter((x) => x.evaluation.verdict === 'blocked')) {
      const said = chromiumSays.get(situation(r.url))!;
      expect(r.evaluation.reason, situation(r.url)).toBeNull();
      expect(
        r.evaluation.possibleReasons?.map((p) => p.code),
        `${situation(r.url)}: ${said.corsError}`,
      ).toContain(said.corsError);
      expect(r.evaluation.confidence).toBe('inferred');
    }
    expect(records.find((r) => situation(r.url) === 'preflight-ok')?.evaluation.verdict).toBe('allowed');
    expect(records.find((r) => situation(r.url) === 'no-cors-opaque')?.evaluation.verdict).toBe('opaque');
  });

  it('analyze writes a valid report naming the producer, 15 blocked, 0 warnings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-har-'));
    try {
      const file = path.join(dir, 'gallery.har');
      fs.writeFileSync(file, hars.devtools);
      const { report } = await analyze([file], false);
      expect(reportErrors(report)).toEqual([]);
      expect(report.summary.blocked).toBe(15);
      expect(report.summary.warnings).toBe(0);
      expect(report.sources?.[0]?.producer).toMatch(/^Chrome DevTools/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!fs.existsSync(FIREFOX_PATH))('the HAR of the demo gallery recorded in Firefox ESR', () => {
  let har: string;
  beforeAll(async () => {
    har = await recordFirefoxHar(async (page) => {
      await page.goto(demo.url);
      await page.waitForFunction(() => document.title.endsWith('(done)'), { timeout: 60_000 });
    });
    saveFixture('gallery-firefox.har', har);
  }, 120_000);

  it("records blocked reads as completed 200s; the headers, under Firefox's rules, block the same 15", () => {
    const { records, warnings, summary } = importHar(har);
    expect(warnings).toEqual([]);
    expect(summary.producer.kind).toBe('firefox');
    // Firefox's HAR has the response of a blocked error status (404, 500) in some runs and only a
    // failed request in others (measured: each way within the same hour): blocked or failed, then.
    const errorStatus = ['not-found-no-acao', 'server-error-no-cors'];
    for (const id of errorStatus)
      expect(['blocked', 'failed'], id).toContain(records.find((r) => situation(r.url) === id)?.evaluation.verdict);
    const blocked = records.filter((r) => r.evaluation.verdict === 'blocked');
    expect(
      blocked
        .map((r) => situation(r.url))
        .filter((id) => !errorStatus.includes(id))
        .sort(),
    ).toEqual(
      [
        'header-not-allowed',
        'invalid-acao',
        'missing-acac',
        'missing-acao',
        'multiple-acao',
        'preflight-500',
        'preflight-no-acam',
        'preflight-no-acao',
        'preflight-redirect',
        'redirect-no-acao',
        'trailing-slash',
        'wildcard-credentials',
        'wrong-port',
      ].sort(),
    );
    for (const r of blocked) expect(r.evaluation.reason?.firefoxReason, situation(r.url)).toBeTruthy();
    // Firefox's network monitor leaves the no-cors call out of some exports (measured: 2 runs in 3
    // lacked it, however long the export waited); when it is there it is opaque.
    const noCors = records.find((r) => situation(r.url) === 'no-cors-opaque');
    if (noCors) expect(noCors.evaluation.verdict).toBe('opaque');
  });
});
