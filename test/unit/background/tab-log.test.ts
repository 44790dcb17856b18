/**
 * The tab log after the engine: bounded with an eviction count, page reports bounded apart (they
 * can never push out what the network saw), cleared on navigation unless preserved, gaps only
 * where there is something to interrupt, and a restart's stored order put back in front.
 */
import { describe, expect, it } from 'vitest';
import { TabLog } from '../../../src/background/tab-log.ts';
import type { CaptureGap } from '../../../src/shared/messages.ts';
import { judged, pageCall } from '../../support/records.ts';

function harness(o: { max?: number; maxPageOnly?: number; preserve?: boolean } = {}) {
  const events: string[] = [];
  const log = new TabLog(
    {
      put: (r, isNew) => events.push(`${isNew ? 'add' : 'update'} ${r.id}`),
      removed: (_t, ids, why) => events.push(`${why} ${ids.join(',')}`),
      cleared: (_t, why) => events.push(`cleared ${why}`),
      navigated: (_t, url) => events.push(`navigated ${url}`),
      state: () => events.push('state'),
    },
    { maxPerTab: o.max ?? 100, maxPageOnlyPerTab: o.maxPageOnly ?? 100, preserveLog: () => o.preserve ?? false },
  );
  return { log, events };
}

const pageOnly = (n: number) =>
  judged(n, {
    id: `1:page:${n}`,
    pageFacts: {
      seen: 'page-only',
      frameOrigin: 'http://127.0.0.1:7001',
      call: pageCall({ url: 'http://localhost:7002/x', at: 1 }),
      outcome: null,
      endedAt: null,
    },
  });

describe('TabLog', () => {
  it('keeps at most the bound, evicting the oldest and counting them', () => {
    const { log, events } = harness({ max: 3 });
    for (let n = 1; n <= 5; n++) log.put(judged(n), true);
    expect(events.filter((e) => e.startsWith('evicted'))).toEqual(['evicted 1:1', 'evicted 1:2']);
    expect(log.state(1)).toMatchObject({ evicted: 2, size: 3 });
  });

  it('never lets page reports evict what the network saw', () => {
    const { log, events } = harness({ max: 3, maxPageOnly: 2 });
    for (let n = 1; n <= 3; n++) log.put(judged(n), true);
    for (let n = 10; n < 20; n++) log.put(pageOnly(n), true);
    const evicted = events.filter((e) => e.startsWith('evicted')).join(' ');
    expect(evicted).not.toMatch(/1:[123]\b/);
    expect(log.state(1)).toMatchObject({ evicted: 8, size: 5 });
  });

  it('bounds calls recovered after a worker stop on their own: they neither evict nor are evicted by the other sections', () => {
    const { log, events } = harness({ max: 3, maxPageOnly: 1 });
    const recovered = (n: number) => ({ ...pageOnly(n), id: `1:recovered:${n}` });
    log.put(judged(1), true);
    log.put(pageOnly(2), true);
    for (let n = 3; n <= 6; n++) log.put(recovered(n), true);
    expect(events.filter((e) => e.startsWith('evicted'))).toEqual(['evicted 1:recovered:3']);
    expect(log.state(1)).toMatchObject({ evicted: 1, size: 5 });
  });

  it('drops a later state of an exchange it no longer holds (evicted or cleared while in flight)', () => {
    const { log, events } = harness({ max: 1 });
    log.put(judged(1, { browserOutcome: 'pending' }), true);
    log.put(judged(2), true);
    events.length = 0;
    log.put(judged(1), false);
    expect(events).toEqual([]);
  });

  it('clears on navigation, or keeps the log and says so when it is preserved', () => {
    const cleared = harness();
    cleared.log.put(judged(1), true);
    cleared.log.navigated(1, 'http://127.0.0.1:7001/next', 5);
    expect(cleared.events).toContain('cleared navigation');
    expect(cleared.log.state(1).size).toBe(0);

    const kept = harness({ preserve: true });
    kept.log.put(judged(1), true);
    kept.log.navigated(1, 'http://127.0.0.1:7001/next', 5);
    expect(kept.events).toContain('navigated http://127.0.0.1:7001/next');
    expect(kept.log.state(1).size).toBe(1);
  });

  it('records a gap only in a log that has entries', () => {
    const { log } = harness();
    const gap: CaptureGap = { from: 1, to: 2, why: 'nobody was recording this tab' };
    log.gap(1, gap);
    expect(log.state(1).gaps).toEqual([]);
    log.put(judged(1), true);
    log.gap(1, gap);
    expect(log.state(1).gaps).toEqual([gap]);
  });

  it('puts what an earlier worker instance stored in front of what arrived since, without duplicates', () => {
    const { log, events } = harness({ max: 3 });
    log.put(judged(5), true);
    log.restore(1, { network: ['1:1', '1:2', '1:5'], pageOnly: [], recovered: [] }, { evicted: 4, gaps: [] });
    expect(log.state(1)).toMatchObject({ size: 3, evicted: 4 });
    log.put(judged(6), true);
    expect(events.at(-2)).toBe('evicted 1:1');
    expect(log.state(1).evicted).toBe(5);
  });
});
