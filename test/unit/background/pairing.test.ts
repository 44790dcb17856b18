/**
 * When a request can still be waiting for its preflight: Chromium reports the preflight before the
 * request's send events, Firefox ESR 153 after them (test/fixtures/firefox/put-ok.json).
 */
import { describe, expect, it } from 'vitest';
import { awaitsPreflight } from '../../../src/background/pairing.ts';

describe('awaitsPreflight', () => {
  it('in Chromium, until the hop is sent', () => {
    expect(awaitsPreflight('chromium', { sent: false, answered: false })).toBe(true);
    expect(awaitsPreflight('chromium', { sent: true, answered: false })).toBe(false);
  });

  it('in Firefox, until the hop is answered: its send events come before the preflight', () => {
    expect(awaitsPreflight('firefox', { sent: true, answered: false })).toBe(true);
    expect(awaitsPreflight('firefox', { sent: true, answered: true })).toBe(false);
  });
});
