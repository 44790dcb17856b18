/**
 * Where the sources meet: page facts and Chromium's answers that arrive after the request ended
 * still reach its record, a record is "new" once, and ended records are let go after the wait.
 */
import { describe, expect, it } from 'vitest';
import { ASSEMBLY_LIMITS, Assembly, type PipelineChange } from '../../../src/background/assembly.ts';
import { captured } from '../../support/records.ts';

function harness() {
  let now = 0;
  const out: PipelineChange[] = [];
  const assembly = new Assembly({ push: (c) => out.push(c) }, () => now);
  return { assembly, out, tick: (ms: number) => (now += ms) };
}

const ANSWER = { source: 'Network.loadingFinished' as const, corsError: null, failedParameter: '', netError: null };

describe('Assembly', () => {
  it('passes a record on as new once, then as changed', () => {
    const { assembly, out } = harness();
    assembly.upsert(captured(1, { browserOutcome: 'pending' }));
    assembly.upsert(captured(1));
    expect(out.map((c) => c.kind === 'upsert' && c.isNew)).toEqual([true, false]);
  });

  it('treats a record an earlier worker instance stored as known', () => {
    const { assembly, out } = harness();
    assembly.upsert(captured(1, { browserOutcome: 'pending' }), true);
    expect(out[0]).toMatchObject({ kind: 'upsert', isNew: false });
  });

  it('merges late facts into the latest captured state, and keeps them across later captures', () => {
    const { assembly, out } = harness();
    assembly.upsert(captured(1));
    assembly.annotate('1:1', { chromium: ANSWER });
    assembly.upsert(captured(1, { durationMs: 9 }));
    const last = out.at(-1) as Extract<PipelineChange, { kind: 'upsert' }>;
    expect(last.record).toMatchObject({ durationMs: 9, chromium: ANSWER });
  });

  it('lets ended records go once nothing touched them for the wait; later facts are dropped', () => {
    const { assembly, out, tick } = harness();
    assembly.upsert(captured(1));
    assembly.upsert(captured(2, { browserOutcome: 'pending' }));
    tick(ASSEMBLY_LIMITS.keepMs + 1);
    assembly.upsert(captured(3));
    expect(assembly.size()).toBe(2);
    const before = out.length;
    assembly.annotate('1:1', { chromium: ANSWER });
    expect(out.length).toBe(before);
    assembly.annotate('1:2', { chromium: ANSWER });
    expect(out.length).toBe(before + 1);
  });

  it("marks every source's records with the browser they were captured in, when it is not Chromium", () => {
    const out: PipelineChange[] = [];
    const firefox = new Assembly({ push: (c) => out.push(c) }, () => 0, 'firefox');
    firefox.upsert(captured(1));
    firefox.annotate('1:1', { chromium: ANSWER });
    expect(out.map((c) => c.kind === 'upsert' && c.record.browser)).toEqual(['firefox', 'firefox']);
    const { assembly, out: chromium } = harness();
    assembly.upsert(captured(1));
    expect(chromium.map((c) => c.kind === 'upsert' && 'browser' in c.record)).toEqual([false]);
  });
});
