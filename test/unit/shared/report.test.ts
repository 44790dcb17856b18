/**
 * The report against its one schema (docs/report.schema.json), built from the panel's fixture
 * records (made by the real engine) without a browser: every shape the CLI, the Node API and the
 * panel export produce validates, the summary counts what the exchanges say, and the validator
 * itself rejects what the schema forbids.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/cors/types.ts';
import { SCENARIOS } from '../../../src/devtools/panel/fixtures/scenarios.ts';
import { REDACTED } from '../../../src/shared/redact.ts';
import { buildReport, REPORT_SCHEMA_VERSION, streamReport, type Report } from '../../../src/shared/report.ts';
import { reportErrors } from '../../support/report-schema.ts';

const META = {
  tool: { name: 'cors-inspector', version: '0.0.0-test' },
  browser: { name: 'Chromium', version: '156.0.0.0' },
  createdAt: '2026-01-01T00:00:00.000Z',
};

const reportOf = (scenario: string, meta: Partial<Parameters<typeof buildReport>[1]> = {}) =>
  buildReport(SCENARIOS[scenario]!().exchanges, { ...META, ...meta });

const headerValues = (report: Report, name: string) =>
  report.exchanges.flatMap((x) => x.request.headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value));

describe('the report', () => {
  it.each(['demo', 'hostile', 'evicted', 'empty'])('from the %s fixture validates against the schema', (name) => {
    const report = reportOf(name);
    expect(reportErrors(report)).toEqual([]);
    expect(report.exchanges).toHaveLength(SCENARIOS[name]!().exchanges.length);
  });

  it('counts what its exchanges say', () => {
    const report = reportOf('demo');
    const { summary, exchanges } = report;
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(summary.exchanges).toBe(14);
    expect(summary.blocked).toBe(7);
    expect(summary.unfinished).toBe(1);
    expect(
      summary.allowed + summary.blocked + summary.opaque + summary.notCors + summary.failed + summary.unfinished,
    ).toBe(14);
    expect(Object.values(summary.byReason).reduce((a, b) => a + b, 0)).toBe(exchanges.filter((x) => x.reason).length);
  });

  it('redacts Cookie by default and keeps it when asked, valid both ways', () => {
    const redacted = reportOf('demo');
    const kept = reportOf('demo', { includeSensitive: true });
    expect(headerValues(redacted, 'cookie')).toEqual([REDACTED, REDACTED]);
    expect(headerValues(kept, 'cookie')).toEqual(['sid=s3cr3t; theme=dark', 'sid=s3cr3t']);
    expect(reportErrors(kept)).toEqual([]);
  });

  it("carries a probe's extra findings on the exchange they are about, valid", () => {
    const records = SCENARIOS.demo!().exchanges;
    const url = records[0]!.url;
    const probed: Finding = {
      code: 'origin-reflected',
      severity: 'high',
      message: 'Any origin is reflected.',
      evidence: [{ header: 'Access-Control-Allow-Origin', value: 'https://evil.example' }],
      fix: 'Use an allow-list.',
    };
    const report = buildReport(records, { ...META, extraFindings: new Map([[url, [probed]]]) });
    expect(reportErrors(report)).toEqual([]);
    const withIt = report.exchanges.filter((x) => x.findings.some((f) => f.message === probed.message));
    expect(withIt.map((x) => x.url)).toEqual(records.filter((r) => r.url === url).map((r) => r.url));
    expect(report.summary.findings.high).toBeGreaterThanOrEqual(withIt.length);
  });

  it('is rejected by the schema when a field is missing or a verdict is unknown', () => {
    const { summary: _dropped, ...withoutSummary } = reportOf('demo');
    expect(reportErrors(withoutSummary)).toContain("/ must have required property 'summary'");
    const report = reportOf('demo');
    const unknownVerdict = { ...report, exchanges: [{ ...report.exchanges[0]!, verdict: 'maybe' }] };
    expect(reportErrors(unknownVerdict).some((e) => e.startsWith('/exchanges/0/verdict'))).toBe(true);
  });
});

describe('the streamed report (a report of any size, one exchange in memory at a time)', () => {
  it.each(['demo', 'hostile', 'evicted', 'empty'])(
    'from the %s fixture is the same document as the built one',
    async (name) => {
      const records = SCENARIOS[name]!().exchanges;
      const capture = {
        tabs: [
          {
            tabId: 1,
            pageUrl: 'http://127.0.0.1:1/',
            evicted: 3,
            gaps: [
              {
                from: '2026-12-05T06:00:00.000Z',
                to: '2026-12-05T06:00:01.000Z',
                why: 'the CDP source missed 2 request(s)',
                requests: 2,
              },
            ],
          },
        ],
      };
      let text = '';
      const sorted = [...records].sort((a, b) => a.seq - b.seq);
      const summary = await streamReport(
        {
          async *captured() {
            yield* sorted;
          },
          async *judged() {
            yield* sorted;
          },
        },
        META,
        async () => capture,
        (chunk) => {
          text += chunk;
        },
      );
      const built = buildReport(records, { ...META, capture });
      const streamed = JSON.parse(text) as Report;
      expect(streamed).toEqual(built);
      expect(summary).toEqual(built.summary);
      expect(reportErrors(streamed)).toEqual([]);
    },
  );
});
