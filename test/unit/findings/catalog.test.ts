import { describe, expect, it } from 'vitest';
import { FINDING_CODES, FINDING_TITLES, isFindingCode, severityAtLeast } from '../../../src/cors/findings/index.ts';
import { MISCONFIG_CASES } from '../../support/misconfig-server.ts';

describe('finding catalog', () => {
  it('severityAtLeast orders high > medium > low > info (for --fail-on finding:<severity>)', () => {
    expect(severityAtLeast('high', 'medium')).toBe(true);
    expect(severityAtLeast('medium', 'medium')).toBe(true);
    expect(severityAtLeast('low', 'medium')).toBe(false);
    expect(severityAtLeast('info', 'high')).toBe(false);
    expect(severityAtLeast('info', 'info')).toBe(true);
  });
  it('knows every code the misconfig cases expect, and nothing else', () => {
    const used = new Set(
      MISCONFIG_CASES.flatMap((c) => [...c.passive.bad, ...c.passive.good, ...c.probe.bad, ...c.probe.good]),
    );
    for (const code of used) expect(isFindingCode(code)).toBe(true);
    expect(isFindingCode('toString')).toBe(false);
    expect(FINDING_CODES).toHaveLength(Object.keys(FINDING_TITLES).length);
  });
});
