/**
 * Issue 12's proof, sized for CI: 2 000 cross-origin requests (half preflighted, every URL unique)
 * over two tabs while the extension's service worker is stopped again and again, recorded through
 * the extension (launchInspector({ source: 'extension' })) with the page-side observer on. Counted
 * against the server's log and the page's own results, never only against what the extension wrote. `npm run soak` runs the 20 000-request /
 * 45-stop and the 100 000-request variants and prints the same figures.
 *
 * What must hold exactly: nothing is lost, no request is called allowed whose end nobody saw, every
 * unfinished one says why, every PUT recorded without its preflight says the worker was down
 * meanwhile. What a stop costs: Chromium drops the events queued for the worker being stopped (they
 * are not delivered again); the page's own report, which the relay keeps until the worker has
 * settled and stored it (content/relay.iife.ts), brings those calls back as recovered exchanges.
 * A rare duplicate remains (0–2 per 20 000 requests over 45 stops: a request's record ended twice
 * across restarts, cause not found), so that count is bounded, not zero.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../bench/soak.ts';

describe('soak: 2 000 requests, 8 forced worker stops', () => {
  it('loses nothing, never calls an unseen end allowed, and says what it did not see', async () => {
    const r = await runSoak({ requests: 2000, tabs: 2, stops: 8, stopEveryMs: 1200, concurrency: 20 });
    console.log(`soak: ${JSON.stringify(r)}`);
    // The test itself is sound: the server got every request and the page read every response.
    expect(r.serverGot).toBe(2000);
    expect(r.pageOk).toBe(2000);
    expect(r.stops).toBeGreaterThanOrEqual(4);
    expect(r.records + r.lost).toBeGreaterThanOrEqual(2000);
    expect(r.allowedUnseen).toBe(0);
    expect(r.unfinishedUnexplained, r.unexplainedExamples.join('\n')).toBe(0);
    expect(r.putWithoutPreflight).toBe(r.putWithoutPreflightExplained);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBeLessThanOrEqual(5);
  }, 300_000);
});
