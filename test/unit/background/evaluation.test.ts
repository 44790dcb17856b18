/**
 * The engine stage: a burst of changes to one request is judged once (also its first and last), removals and navigations
 * keep their place in the order, and a cached preflight is traced to the exchange whose preflight
 * it reused.
 */
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../../../src/background/evaluation.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { ManualTimers } from '../../support/fake-platform.ts';
import { API, captured, PAGE } from '../../support/records.ts';

function harness() {
  const out: string[] = [];
  const records: ExchangeRecord[] = [];
  const timers = new ManualTimers();
  const evaluator = new Evaluator(
    {
      put: (r, isNew) => {
        records.push(r);
        out.push(`${isNew ? 'add' : 'update'} ${r.id} ${r.evaluation.verdict}`);
      },
      remove: (_t, id) => out.push(`remove ${id}`),
      navigated: (_t, url) => out.push(`navigated ${url}`),
    },
    timers,
  );
  return { evaluator, out, records, timers };
}

describe('Evaluator', () => {
  it('judges a request once per batch: only its latest state, still marked new if it was', () => {
    const { evaluator, out, timers } = harness();
    const inFlight = (over = {}) => captured(1, { browserOutcome: 'pending', response: null, ...over });
    evaluator.push({ kind: 'upsert', record: inFlight(), isNew: true });
    evaluator.push({ kind: 'upsert', record: inFlight({ durationMs: 1 }), isNew: false });
    evaluator.push({ kind: 'upsert', record: captured(1), isNew: false });
    expect(out).toEqual([]);
    timers.run();
    expect(out).toEqual(['add 1:1 allowed']);
    evaluator.push({ kind: 'upsert', record: captured(1, { durationMs: 9 }), isNew: false });
    timers.run();
    expect(out).toEqual(['add 1:1 allowed', 'update 1:1 allowed']);
  });

  it('keeps navigations and removals in order with the records before them', () => {
    const { evaluator, out } = harness();
    evaluator.push({ kind: 'upsert', record: captured(1), isNew: true });
    evaluator.push({ kind: 'navigated', tabId: 1, url: `${PAGE}/next`, at: 5 });
    evaluator.push({ kind: 'upsert', record: captured(2), isNew: true });
    evaluator.push({ kind: 'remove', tabId: 1, id: '1:2' });
    evaluator.drain();
    expect(out).toEqual(['add 1:1 allowed', `navigated ${PAGE}/next`, 'add 1:2 allowed', 'remove 1:2']);
  });

  it('names the exchange whose preflight a cached one reused', () => {
    const { evaluator, records } = harness();
    const put = (n: number, withPreflight: boolean) =>
      captured(n, {
        url: `${API}/items`,
        method: 'PUT',
        requestHeaders: [
          { name: 'Origin', value: PAGE },
          { name: 'Content-Type', value: 'application/json' },
        ],
        preflight: withPreflight
          ? {
              requestId: `p${n}`,
              url: `${API}/items`,
              method: 'OPTIONS',
              startedAt: 1,
              durationMs: 1,
              requestHeaders: [{ name: 'Access-Control-Request-Method', value: 'PUT' }],
              status: 204,
              statusLine: null,
              responseHeaders: [
                { name: 'Access-Control-Allow-Origin', value: PAGE },
                { name: 'Access-Control-Allow-Methods', value: 'PUT' },
                { name: 'Access-Control-Allow-Headers', value: 'content-type' },
              ],
              outcome: 'completed',
              error: null,
              redirectedTo: null,
            }
          : null,
      });
    evaluator.push({ kind: 'upsert', record: put(1, true), isNew: true });
    evaluator.push({ kind: 'upsert', record: put(2, false), isNew: true });
    evaluator.drain();
    expect(records[1]).toMatchObject({ preflightCached: true, preflightCachedFrom: '1:1' });
  });

  it('lets the test hook replace the engine answer', () => {
    const { evaluator, records } = harness();
    evaluator.override = (r) => ({ ...r.evaluation, verdict: 'blocked' });
    evaluator.push({ kind: 'upsert', record: captured(1), isNew: true });
    evaluator.drain();
    expect(records[0]!.evaluation.verdict).toBe('blocked');
  });
});
