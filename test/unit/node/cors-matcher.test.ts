/**
 * toHaveNoCorsErrors without a browser: a stand-in inspector hands back the demo records, so what
 * is tested is the decision, the message and the attachments (the e2e suite runs it in Playwright).
 */
import type { TestInfo } from '@playwright/test';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type CorsMatcherOptions, toHaveNoCorsErrors } from '../../../src/node/cors-matcher.ts';
import type { Inspector } from '../../../src/node/inspector.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { buildReport } from '../../../src/shared/report.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';

const page = {} as Page;

function inspectorOf(records: ExchangeRecord[]): Inspector & { settled: number[] } {
  const settled: number[] = [];
  return {
    settled,
    tabIdOf: async () => 7,
    records: async () => records,
    report: async (o: { settleMs?: number } = {}) => {
      settled.push(o.settleMs ?? -1);
      return buildReport(records, {
        tool: { name: 'cors-inspector', version: 't' },
        browser: { name: 'C', version: 't' },
      });
    },
  } as unknown as Inspector & { settled: number[] };
}

function testInfo() {
  const attached: { name: string; contentType?: string; body?: string | Buffer }[] = [];
  return {
    attached,
    info: {
      attach: async (name: string, o: { body?: string; contentType?: string }) => void attached.push({ name, ...o }),
    } as unknown as TestInfo,
  };
}

const context = { isNot: false, timeout: 5000, matcherHint: () => 'expect(page).toHaveNoCorsErrors()' };
const check = (records: ExchangeRecord[], options?: CorsMatcherOptions, info: TestInfo | null = null) =>
  toHaveNoCorsErrors(context, inspectorOf(records), page, info, options);
const checked = () => demoRecords().filter((r) => !['unfinished', 'failed'].includes(r.evaluation.verdict));

describe('toHaveNoCorsErrors', () => {
  it('fails on blocked reads, listing each with reason, failing header and fix', async () => {
    const result = await check(checked());
    expect(result.pass).toBe(false);
    const message = result.message();
    expect(message).toMatch(/^expect\(page\)\.toHaveNoCorsErrors\(\)\n\n7 cross-origin request\(s\) failed CORS:/);
    expect(message).toContain('1. BLOCKED GET http://localhost:7002/api/profile');
    expect(message).toContain('Failing header (response): Access-Control-Allow-Origin: (absent)');
    expect(message.match(/^\d+\. BLOCKED /gm)).toHaveLength(7);
    expect(message).not.toContain('attached');
  });

  it('passes when nothing is blocked, or what is blocked is ignored', async () => {
    const clean = checked().filter((r) => r.evaluation.verdict !== 'blocked');
    expect((await check(clean)).pass).toBe(true);
    expect((await check(checked(), { ignore: ['/api/', /\/api\//] })).pass).toBe(true);
  });

  it('fails on findings only when asked to', async () => {
    const clean = checked().filter((r) => r.evaluation.verdict !== 'blocked');
    const result = await check(clean, { failOnFindings: 'high' });
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('Finding (high) origin-reflected');
  });

  it('never passes requests whose outcome is unknown, and waits for them up to the timeout', async () => {
    const inspector = inspectorOf(demoRecords().filter((r) => r.evaluation.verdict !== 'blocked'));
    const result = await toHaveNoCorsErrors(context, inspector, page, null, { timeout: 1234 });
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('2 cross-origin request(s) could not be checked');
    expect(inspector.settled).toEqual([1234]);
  });

  it('attaches the JSON report and the Markdown summary to the test', async () => {
    const { attached, info } = testInfo();
    const result = await check(checked(), {}, info);
    expect(attached.map((a) => [a.name, a.contentType])).toEqual([
      ['cors-report.json', 'application/json'],
      ['cors-report.md', 'text/markdown'],
    ]);
    expect(JSON.parse(String(attached[0]!.body)).summary.blocked).toBe(7);
    expect(result.message()).toContain('attached to this test (cors-report.json, cors-report.md)');
  });

  it('says how to get a recorded page when the page is not one', async () => {
    const result = await toHaveNoCorsErrors(context, undefined, page, null);
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('use the `page` fixture of cors-inspector/playwright');
  });
});
