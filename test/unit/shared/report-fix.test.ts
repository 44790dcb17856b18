/** The report's fix: the detected stacks and one snippet per stack, valid against docs/report.schema.json. */
import { describe, expect, it } from 'vitest';
import { STACK_IDS } from '../../../src/cors/stacks.ts';
import { buildReport } from '../../../src/shared/report.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';
import { reportErrors } from '../../support/report-schema.ts';

const report = buildReport(demoRecords(), {
  tool: { name: 'cors-inspector', version: '0.1.0' },
  browser: { name: 'Chromium', version: '1' },
  createdAt: '2026-01-02T03:04:05.000Z',
});
const fixes = report.exchanges.flatMap((e) => (e.fix ? [e.fix] : []));

describe('the report fix', () => {
  it('is valid against the schema', () => {
    expect(fixes.length).toBeGreaterThan(0);
    expect(reportErrors(report)).toEqual([]);
  });

  it('carries one snippet per stack, each verified with versions or not verified with a reason and its docs', () => {
    const withSnippets = fixes.filter((f) => f.snippets.length > 0);
    expect(withSnippets.length).toBeGreaterThan(0);
    for (const fix of withSnippets) {
      expect(fix.snippets.map((s) => s.stack).sort()).toEqual([...STACK_IDS].sort());
      for (const s of fix.snippets) {
        expect(s.code.length).toBeGreaterThan(0);
        expect(s.docs[0]).toMatch(/^https:\/\//);
        if (s.verified) expect([s.verifiedAgainst, s.notVerifiedBecause]).toEqual([expect.any(String), null]);
        else expect([s.verifiedAgainst, s.notVerifiedBecause]).toEqual([null, expect.any(String)]);
      }
    }
  });
});
