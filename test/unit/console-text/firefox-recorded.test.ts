/**
 * The console-text reader on Firefox's own words: the messages Firefox ESR printed for the whole
 * scenario matrix (recorded over WebDriver BiDi by test/record/firefox-console.record.ts into
 * test/fixtures/console-text/firefox.json). Each call's messages must read as one failure whose
 * candidate codes hold the CorsError Chromium reported for the same scenario, except where the two
 * browsers decide differently; those scenarios are listed with what Firefox's words do say.
 */
import { describe, expect, it } from 'vitest';
import { CORS_ERROR_CODES, type CorsErrorCode } from '../../../src/cors/reason-codes.ts';
import { explainConsoleText } from '../../../src/cors/console-text/index.ts';
import fixture from '../../fixtures/console-text/firefox.json';
import type { FirefoxConsoleFixture } from '../../support/console-fixture.ts';

const recorded = fixture as FirefoxConsoleFixture;
const calls = recorded.scenarios.flatMap((s) => s.calls.map((c, i) => ({ id: s.id, i, ...c })));
const withMessages = calls.filter((c) => c.console.length > 0);

const PREFLIGHTED_IN_FIREFOX_ONLY =
  "Chromium safelists this request's headers and sends no preflight; Firefox preflights it, and the scenario's 405 answer to OPTIONS has no Access-Control-Allow-Origin";

/** Where Firefox decides differently from Chromium: what its words must read as instead, and why. */
const FIREFOX_DIFFERS: Record<string, { verdict: 'blocked' | 'failed'; includes: CorsErrorCode | null; why: string }> =
  {
    'sl-client-hint-dpr': {
      verdict: 'blocked',
      includes: 'PreflightMissingAllowOriginHeader',
      why: PREFLIGHTED_IN_FIREFOX_ONLY,
    },
    'sl-client-hint-save-data': {
      verdict: 'blocked',
      includes: 'PreflightMissingAllowOriginHeader',
      why: PREFLIGHTED_IN_FIREFOX_ONLY,
    },
    'sl-client-hint-width': {
      verdict: 'blocked',
      includes: 'PreflightMissingAllowOriginHeader',
      why: PREFLIGHTED_IN_FIREFOX_ONLY,
    },
    'sl-client-hint-ect': {
      verdict: 'blocked',
      includes: 'PreflightMissingAllowOriginHeader',
      why: PREFLIGHTED_IN_FIREFOX_ONLY,
    },
    'sl-intervention': {
      verdict: 'blocked',
      includes: 'PreflightMissingAllowOriginHeader',
      why: PREFLIGHTED_IN_FIREFOX_ONLY,
    },
    'sl-total-1024': {
      verdict: 'blocked',
      includes: 'PreflightMissingAllowOriginHeader',
      why: PREFLIGHTED_IN_FIREFOX_ONLY,
    },
    'rd-userinfo': {
      verdict: 'failed',
      includes: null,
      why: 'Firefox fails a redirect to user:password@ as a network error ("CORS request did not succeed"), so its words cannot name the cause',
    },
    'rd-userinfo-same-origin': {
      verdict: 'failed',
      includes: null,
      why: 'as rd-userinfo',
    },
  };

const isCode = (v: string): v is CorsErrorCode => (CORS_ERROR_CODES as readonly string[]).includes(v);

describe('the recorded fixture', () => {
  it('holds the whole matrix, run in Firefox ESR', () => {
    expect(recorded.browser).toMatch(/^firefox\/\d+/);
    expect(recorded.scenarios).toHaveLength(154);
    expect(calls).toHaveLength(158);
    expect(withMessages).toHaveLength(89);
    expect(withMessages.reduce((n, c) => n + c.console.length, 0)).toBe(146);
  });

  it('has a message for every call Chromium blocked', () => {
    expect(calls.filter((c) => isCode(c.chromium) && c.console.length === 0).map((c) => c.id)).toEqual([]);
  });

  it('holds 12 of the 16 reasons of security.properties (the other four are read from their source strings)', () => {
    const reasons = new Set(
      withMessages.flatMap((c) =>
        c.console.map((l) =>
          l.text
            .replace(/.*\(Reason: /, '')
            .replace(/‘(?!Access-Control-Allow-(?:Methods|Headers))[^’]*’/g, '‘…’')
            .replace(/\)\.(?: Status code: .*)?$/, ''),
        ),
      ),
    );
    expect(reasons.size).toBe(12);
  });
});

describe("every call's Firefox messages read as one failure Chromium agrees with", () => {
  it.each(withMessages.map((c) => [`${c.id} call ${c.i + 1} (${c.chromium})`, c] as const))('%s', (_name, c) => {
    const { diagnoses, unrecognised } = explainConsoleText(c.console.map((l) => l.text).join('\n'));
    expect(unrecognised).toEqual([]);
    expect(diagnoses).toHaveLength(1);
    const d = diagnoses[0]!;
    expect(d.browser).toBe('firefox');
    // Firefox names the URL that failed (after a redirect, the later one).
    expect(d.url).toBe(c.console[0]!.url);
    expect(d.unknowns.some((u) => u.startsWith("the page's origin"))).toBe(true);
    const differs = FIREFOX_DIFFERS[c.id];
    if (differs) {
      expect(d.verdict).toBe(differs.verdict);
      if (differs.includes) expect(d.candidates).toContain(differs.includes);
      else expect(d.candidates).toEqual([]);
    } else if (isCode(c.chromium)) {
      expect(d.verdict).toBe('blocked');
      expect(d.candidates).toContain(c.chromium);
      // One code, or an ambiguity the diagnosis states.
      if (d.code === null) expect(d.unknowns.length).toBeGreaterThan(1);
    } else {
      expect(c.chromium).toBe('failed');
      expect(d.verdict).toBe('failed');
    }
  });
});

describe('what Firefox words determine on their own', () => {
  const read = (id: string) =>
    explainConsoleText(
      withMessages
        .find((c) => c.id === id)!
        .console.map((l) => l.text)
        .join('\n'),
    ).diagnoses[0]!;

  it('names the header a preflight did not allow', () => {
    expect([read('acah-absent').code, read('acah-absent').failedParameter]).toEqual([
      'HeaderDisallowedByPreflightResponse',
      'x-custom',
    ]);
  });

  it("tells an invalid Access-Control-Allow-Origin from another origin by the value, as Chromium's check does", () => {
    expect(read('acao-empty').candidates).toEqual(['InvalidAllowOriginValue', 'PreflightInvalidAllowOriginValue']);
    expect(read('acao-trailing-slash').candidates).toEqual(['AllowOriginMismatch', 'PreflightAllowOriginMismatch']);
  });

  it('reads a preflight status as PreflightInvalidStatus, and a redirected preflight as PreflightDisallowedRedirect', () => {
    expect([read('pf-status-500-acao').code, read('pf-status-500-acao').status]).toEqual([
      'PreflightInvalidStatus',
      500,
    ]);
    expect(read('pf-redirect-acao').code).toBe('PreflightDisallowedRedirect');
    expect(read('pf-redirect-no-acao').candidates).toEqual(['MissingAllowOriginHeader', 'PreflightDisallowedRedirect']);
  });
});
