/**
 * The console-text reader on Chromium's own words: every console message Chromium printed for the
 * 154-scenario matrix (recorded over CDP by test/e2e/console-text-chromium.test.ts into
 * test/fixtures/console-text/chromium.json) must read back as the CorsError and failedParameter
 * Chromium reported for that call, which is also what the scenario table records.
 */
import { describe, expect, it } from 'vitest';
import { explainConsoleText } from '../../../src/cors/console-text/index.ts';
import fixture from '../../fixtures/console-text/chromium.json';
import { SCENARIOS } from '../../e2e/support/scenario-table.ts';
import type { ChromiumConsoleFixture } from '../../support/console-fixture.ts';

const recorded = fixture as ChromiumConsoleFixture;
const calls = recorded.scenarios.flatMap((s) => s.calls.map((c, i) => ({ id: s.id, i, ...c })));
const blocked = calls.filter((c) => c.corsError !== null);
const paste = (c: (typeof calls)[number]) => c.console.map((l) => l.text).join('\n');

describe('the recorded fixture', () => {
  it('covers the whole matrix and every reason code it produces', () => {
    expect(recorded.scenarios.map((s) => s.id)).toEqual(SCENARIOS.map((s) => s.id));
    const tableCodes = new Set(
      SCENARIOS.flatMap((s) => [s.chromium].flat()).flatMap((r) => (r.verdict === 'blocked' ? [r.corsError] : [])),
    );
    expect(new Set(blocked.map((c) => c.corsError))).toEqual(tableCodes);
    expect(tableCodes.size).toBe(20);
    expect(blocked.length).toBe(82);
  });

  it("agrees with the scenario table's record of what Chromium did", () => {
    for (const c of blocked) {
      const scenario = SCENARIOS.find((s) => s.id === c.id)!;
      const table = [scenario.chromium].flat();
      const expected = table[c.i] ?? table[0]!;
      expect([c.id, expected.verdict === 'blocked' ? expected.corsError : expected.verdict]).toEqual([
        c.id,
        c.corsError,
      ]);
    }
  });
});

describe('every message Chromium printed reads back as its CorsError', () => {
  it.each(blocked.map((c) => [`${c.id} call ${c.i + 1}`, c] as const))('%s', (_name, c) => {
    const { diagnoses, unrecognised } = explainConsoleText(paste(c));
    expect(unrecognised).toEqual([]);
    // The reason line and its "Failed to load resource: net::ERR_FAILED" line are one failure.
    expect(diagnoses).toHaveLength(1);
    const [d] = diagnoses;
    expect({
      browser: d!.browser,
      verdict: d!.verdict,
      code: d!.code,
      candidates: d!.candidates,
      failedParameter: d!.failedParameter ?? '',
      url: d!.url,
    }).toEqual({
      browser: 'chromium',
      verdict: 'blocked',
      code: c.corsError,
      candidates: [c.corsError],
      failedParameter: c.failedParameter,
      url: c.urls[c.urls.length - 1],
    });
    expect(d!.origin === recorded.origins.page || d!.origin === 'null').toBe(true);
    expect(d!.messages.length).toBe(c.console.length);
  });
});

describe('calls Chromium did not block', () => {
  const others = calls.filter((c) => c.corsError === null);

  it('are the rest of the matrix', () => {
    expect(others.length).toBe(77);
    expect(calls.length).toBe(159);
  });

  it('never read as blocked by CORS', () => {
    const readAsBlocked = others
      .map((c) => ({ id: c.id, diagnoses: explainConsoleText(paste(c)).diagnoses }))
      .filter((r) => r.diagnoses.some((d) => d.verdict === 'blocked'));
    expect(readAsBlocked).toEqual([]);
  });

  it('read network failures as failed, not as CORS', () => {
    const failed = others.filter((c) => c.netError && c.console.length > 0);
    expect(failed.length).toBeGreaterThanOrEqual(2);
    for (const c of failed) {
      const [d] = explainConsoleText(paste(c)).diagnoses;
      expect([c.id, d?.verdict, d?.code]).toEqual([c.id, 'failed', null]);
    }
  });
});
