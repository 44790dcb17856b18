/**
 * The importer on HARs the real tools wrote of the demo gallery (test/fixtures/har/, recorded by
 * test/e2e/har-gallery.test.ts with RECORD_HAR_FIXTURES=1, ports fixed to 8080-8082, bodies
 * dropped). The gallery has 14 blocked reads; Chromium's reasons below are its corsErrorStatus
 * from the same run (the e2e checks them against the live browser every time).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importHar } from '../../../src/har-import/index.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';

const fixture = (name: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/har', name), 'utf8');
const situation = (r: ExchangeRecord) => new URL(r.url).pathname.replace(/^\/s\//, '');
const PAGE = 'http://127.0.0.1:8080';

/** Chromium 156's corsErrorStatus for each blocked read of the gallery. */
const CHROMIUM_REASONS: Record<string, [string, string]> = {
  'missing-acao': ['MissingAllowOriginHeader', ''],
  'trailing-slash': ['AllowOriginMismatch', `${PAGE}/`],
  'wrong-port': ['AllowOriginMismatch', 'http://127.0.0.1:1'],
  'multiple-acao': ['MultipleAllowOriginValues', `${PAGE}, https://other.example`],
  'invalid-acao': ['InvalidAllowOriginValue', 'https//missing-colon.example'],
  'wildcard-credentials': ['WildcardOriginNotAllowed', ''],
  'missing-acac': ['InvalidAllowCredentials', ''],
  'preflight-no-acam': ['MethodDisallowedByPreflightResponse', 'PUT'],
  'header-not-allowed': ['HeaderDisallowedByPreflightResponse', 'x-request-id'],
  'preflight-500': ['PreflightMissingAllowOriginHeader', ''],
  'preflight-redirect': ['PreflightDisallowedRedirect', ''],
  'preflight-no-acao': ['PreflightMissingAllowOriginHeader', ''],
  'redirect-no-acao': ['MissingAllowOriginHeader', ''],
  'not-found-no-acao': ['MissingAllowOriginHeader', ''],
};
const BLOCKED = Object.keys(CHROMIUM_REASONS).sort();

const blocked = (records: ExchangeRecord[]) => records.filter((r) => r.evaluation.verdict === 'blocked');

describe("Chrome DevTools' Export HAR (sanitized)", () => {
  const { records, warnings, summary } = importHar(fixture('gallery-chrome-devtools.har'));

  it('is read as DevTools, with every request and no warning', () => {
    expect(summary.producer.kind).toBe('chrome-devtools');
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(26);
    expect(summary.notExchanges.navigation).toBe(1);
  });

  it("blocks exactly the 14 reads Chromium blocked, each with Chromium's reason and failed parameter", () => {
    expect(blocked(records).map(situation).sort()).toEqual(BLOCKED);
    for (const r of blocked(records))
      expect([situation(r), r.evaluation.reason?.code, r.evaluation.reason?.failedParameter]).toEqual([
        situation(r),
        ...CHROMIUM_REASONS[situation(r)]!,
      ]);
  });

  it('pairs every preflight entry with its request, and takes the origin from the preflight when the request was never sent', () => {
    const preflighted = records.filter((r) => r.preflight !== null).map(situation);
    expect(preflighted.sort()).toEqual(
      [
        'cached-preflight',
        'header-not-allowed',
        'preflight-500',
        'preflight-no-acam',
        'preflight-no-acao',
        'preflight-ok',
        'preflight-redirect',
        'sticky-max-age',
      ].sort(),
    );
    const neverSent = records.find((r) => situation(r) === 'preflight-no-acam')!;
    expect(neverSent.response).toBeNull();
    expect(neverSent.initiator).toBe(PAGE);
    expect(neverSent.evaluation.trace[0]!.detail).toContain("the preflight's Origin header");
  });

  it('joins the redirect hops into one exchange', () => {
    const taint = records.find((r) => situation(r) === 'redirect-taint')!;
    expect(taint.urlChain.map((u) => new URL(u).pathname)).toEqual(['/s/redirect-taint', '/s/allowed-public']);
    expect(taint.evaluation.verdict).toBe('allowed');
    expect(records.filter((r) => situation(r) === 'allowed-public')).toHaveLength(1);
  });

  it('infers the credentials mode the sanitized export hides, and says so', () => {
    const wildcard = records.find((r) => situation(r) === 'wildcard-credentials')!;
    expect(wildcard.evaluation.confidence).toBe('inferred');
    expect(wildcard.evaluation.credentials.mode).toBe('include');
  });

  it('reads net::ERR_ABORTED after the status as a response that arrived: the no-cors read is opaque', () => {
    const opaque = records.find((r) => situation(r) === 'no-cors-opaque')!;
    expect(opaque.evaluation.verdict).toBe('opaque');
    expect(opaque.evaluation.mode.source).toMatch(/net::ERR_ABORTED/);
  });
});

describe("Playwright's recordHar", () => {
  const { records, warnings, summary } = importHar(fixture('gallery-playwright.har'));

  it('is read as Playwright, and never takes the page title for a URL', () => {
    expect(summary.producer.kind).toBe('playwright');
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(26);
    for (const r of records) expect(r.pageUrl).toBe(`${PAGE}/`);
  });

  it("blocks the 14 reads on net::ERR_FAILED alone, listing Chromium's reason among the candidates", () => {
    expect(blocked(records).map(situation).sort()).toEqual(BLOCKED);
    for (const r of blocked(records)) {
      expect(r.evaluation.reason).toBeNull();
      expect(r.evaluation.confidence).toBe('inferred');
      expect(r.evaluation.possibleReasons?.map((p) => p.code)).toContain(CHROMIUM_REASONS[situation(r)]![0]);
      expect(r.evaluation.assumptions.join(' ')).toMatch(/Playwright records no/);
    }
  });

  it('narrows the candidates by what the request shows: a simple GET cannot fail a preflight', () => {
    const simple = records.find((r) => situation(r) === 'missing-acao')!;
    expect(simple.evaluation.possibleReasons?.some((p) => p.where === 'preflight')).toBe(false);
    const put = records.find((r) => situation(r) === 'preflight-no-acam')!;
    expect(put.evaluation.possibleReasons).toContainEqual({
      code: 'MethodDisallowedByPreflightResponse',
      failedParameter: 'PUT',
      where: 'preflight',
    });
  });

  it('takes the origin of a blocked request (no Origin header recorded) from its frame’s document, and says so', () => {
    const r = records.find((x) => situation(x) === 'missing-acao')!;
    expect(r.initiator).toBe(PAGE);
    expect(r.evaluation.assumptions.join(' ')).toMatch(/taken from the URL of the frame's document/);
  });

  it('does not claim a cache for the preflights it never records', () => {
    const ok = records.find((r) => situation(r) === 'preflight-ok')!;
    expect(ok.evaluation.verdict).toBe('allowed');
    expect(ok.evaluation.preflight.cached).toBe(false);
    expect(ok.evaluation.preflight.summary).toMatch(/Playwright records no preflight/);
  });
});

describe("Firefox's DevTools HAR", () => {
  const { records, warnings, summary } = importHar(fixture('gallery-firefox.har'));

  it('is read as Firefox and judged under Firefox’s rules', () => {
    expect(summary.producer.kind).toBe('firefox');
    expect(summary.producer.browser).toBe('firefox');
    expect(warnings).toEqual([]);
    expect(records.length).toBeGreaterThanOrEqual(26);
  });

  it('blocks the 14 reads Firefox recorded as plain 200s, from their headers, with Firefox’s reason', () => {
    expect(blocked(records).map(situation).sort()).toEqual(BLOCKED);
    const missing = records.find((r) => situation(r) === 'missing-acao')!;
    expect(missing.response?.status).toBe(200);
    expect(missing.browserError).toBeNull();
    expect(missing.evaluation.reason?.firefoxReason).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${missing.url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`,
    );
  });

  it('reads a passing response as allowed, not unfinished: the request ended, only the verdict is unrecorded', () => {
    const verdicts = new Map(records.map((r) => [situation(r), r.evaluation.verdict]));
    expect([verdicts.get('allowed-simple'), verdicts.get('preflight-ok'), verdicts.get('no-cors-opaque')]).toEqual([
      'allowed',
      'allowed',
      'opaque',
    ]);
    expect(records.filter((r) => r.evaluation.verdict === 'unfinished')).toEqual([]);
    const ok = records.find((r) => situation(r) === 'allowed-simple')!;
    expect(ok.evaluation.assumptions).toContain(
      "Firefox's HAR never records whether Firefox blocked a read: the verdict comes from the headers, under Firefox's rules.",
    );
  });

  it('blocks at the redirect that lacks CORS headers, and reads the cookie it records', () => {
    const r = records.find((x) => situation(x) === 'redirect-no-acao')!;
    expect(r.evaluation.reason?.where).toBe('redirect');
    const credentialed = records.find((x) => situation(x) === 'missing-acac')!;
    expect(credentialed.evaluation.credentials.mode).toBe('include');
    expect(credentialed.evaluation.confidence).toBe('certain');
  });
});
