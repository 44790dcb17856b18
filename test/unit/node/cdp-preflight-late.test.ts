/**
 * A preflight Chromium reports after its request ended (its events come from the browser process,
 * the request's from the renderer: seen up to 170 ms late with 8 tabs under load). The request is
 * "from the preflight cache" only when no preflight came and an earlier one could have served it;
 * a late preflight is folded in, however late it comes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CdpMessage } from '../../../src/node/cdp/channel.ts';
import { NetworkLog, type CdpExchange } from '../../../src/node/cdp/network-log.ts';
import { PreflightAnswers, preflightDue } from '../../../src/node/cdp/preflight-due.ts';
import { PREFLIGHT_UNREPORTED, recordFromCdp } from '../../../src/node/cdp/record.ts';
import { evaluateRecord } from '../../../src/shared/observed.ts';

interface Fixture {
  origin: string;
  events: CdpMessage[];
}

const f: Fixture = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/cdp/preflight-ok.json'), 'utf8'),
);
const initiatorType = (e: CdpMessage) => (e.params as { initiator?: { type: string } }).initiator?.type;
const preflightId = (params: unknown) => (params as { requestId: string }).requestId;
const PREFLIGHT = preflightId(f.events.find((e) => initiatorType(e) === 'preflight')!.params);
const ofPreflight = (e: CdpMessage) => preflightId(e.params) === PREFLIGHT;
/** The request's events, then (when given) its preflight's. */
const requestEvents = f.events.filter((e) => !ofPreflight(e));
const preflightEvents = f.events.filter(ofPreflight);

function setup(answers = new PreflightAnswers()) {
  const settled = new Map<string, CdpExchange>();
  let settles = 0;
  const log = new NetworkLog({
    settled: (x) => {
      settles++;
      settled.set(x.request.id, x);
    },
    preflightDue: (x) => preflightDue(x, f.origin, answers),
    preflightAnswered: (p) => answers.note(p),
  });
  const record = () => {
    const x = [...settled.values()].find((s) => s.request.hops[0]?.method === 'PUT');
    const place = {
      tabId: 1,
      frameId: 0,
      parentFrameId: -1,
      pageUrl: `${f.origin}/page`,
      frameOrigin: f.origin,
      seq: 1,
    };
    return x ? evaluateRecord(recordFromCdp(x, place)!) : null;
  };
  const pending = () => [...log.inFlight()];
  return { log, record, pending, settles: () => settles, answers };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a preflight reported after its request ended', () => {
  it('is waited for: the request stays in flight, then settles with it', () => {
    const { log, record, pending } = setup();
    for (const e of requestEvents) log.handle(e);
    vi.advanceTimersByTime(1000);
    expect(record()).toBeNull();
    expect(pending()).toHaveLength(1);
    // Read while waiting, the request says its preflight has not reached the inspector: not "cached".
    expect(pending()[0]!.preflightUnreported).toBe(true);
    for (const e of preflightEvents) log.handle(e);
    const r = record()!;
    expect(r.preflight).toMatchObject({ method: 'OPTIONS', status: 204, outcome: 'completed' });
    expect(r.evaluation.preflight).toMatchObject({ needed: true, seen: true, cached: false });
    expect(r.gaps).toBeUndefined();
  });

  it('that never comes is said to be unreported, not taken from the cache', () => {
    const { log, record } = setup();
    for (const e of requestEvents) log.handle(e);
    vi.advanceTimersByTime(5000);
    const r = record()!;
    expect(r.preflight).toBeNull();
    expect(r.gaps?.preflight).toBe(PREFLIGHT_UNREPORTED);
    expect(r.evaluation.preflight.cached).toBe(false);
    expect(r.evaluation.verdict).toBe('allowed');
  });

  it('when an earlier answer may serve it from the cache, the request waits a moment, is called cached, and a preflight that still comes is folded in', () => {
    const answers = new PreflightAnswers();
    // The same PUT answered a moment ago (Max-Age absent: 5 s in Chromium's cache).
    const earlier = setup(answers);
    for (const e of f.events) earlier.log.handle(e);
    expect(earlier.record()?.preflight).not.toBeNull();
    const { log, record, settles } = setup(answers);
    for (const e of requestEvents) log.handle(e);
    vi.advanceTimersByTime(300);
    expect(record()).toMatchObject({ preflight: null });
    expect(record()!.evaluation.preflight.cached).toBe(true);
    const before = settles();
    for (const e of preflightEvents) log.handle(e);
    expect(settles()).toBeGreaterThan(before);
    expect(record()!.preflight).toMatchObject({ method: 'OPTIONS', status: 204 });
    expect(record()!.evaluation.preflight.cached).toBe(false);
  });

  it('an answer seen in another tab while a request waits lets it settle as cached', () => {
    const answers = new PreflightAnswers();
    const { log, record } = setup(answers);
    for (const e of requestEvents) log.handle(e);
    vi.advanceTimersByTime(100);
    const other = setup(answers);
    for (const e of f.events) other.log.handle(e);
    vi.advanceTimersByTime(600);
    expect(record()).toMatchObject({ preflight: null });
    expect(record()!.gaps).toBeUndefined();
  });
});
