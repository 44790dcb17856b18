/**
 * The MCP tools' output schemas accept every report the CLI writes: a tool whose output the SDK
 * rejects answers with an error instead of a result, so drift from docs/report.schema.json would
 * break every audit and analyze_har call. Built from the panel's fixture records (the real engine).
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../src/devtools/panel/fixtures/scenarios.ts';
import { summaryExchange } from '../../../src/mcp/report-view.ts';
import { exchangeSchema, summarySchema } from '../../../src/mcp/schemas.ts';
import { buildReport } from '../../../src/shared/report.ts';

const META = {
  tool: { name: 'cors-inspector', version: '0.0.0-test' },
  browser: { name: 'Chromium', version: '156.0.0.0' },
};

describe('MCP output schemas', () => {
  it.each(['demo', 'hostile', 'evicted', 'empty'])('accept the report of the %s fixture', (name) => {
    const report = buildReport(SCENARIOS[name]!().exchanges, META);
    expect(summarySchema.safeParse(report.summary).error).toBeUndefined();
    for (const x of report.exchanges) {
      expect(exchangeSchema.safeParse(x).error).toBeUndefined();
      expect(exchangeSchema.safeParse(summaryExchange(x)).error).toBeUndefined();
    }
  });

  it('cover every verdict, unfinished included', () => {
    const verdicts = new Set(buildReport(SCENARIOS.demo!().exchanges, META).exchanges.map((x) => x.verdict));
    expect(verdicts).toContain('unfinished');
  });

  it('refuse a summary without the counts the report has', () => {
    expect(summarySchema.safeParse({ exchanges: 1, allowed: 1 }).success).toBe(false);
  });
});
