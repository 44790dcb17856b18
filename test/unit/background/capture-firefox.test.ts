/**
 * Capture on event sequences recorded in Firefox ESR 153 (test/fixtures/firefox/*.json: every
 * webRequest event of one end-to-end scenario, as Firefox's listeners received them, with what the
 * page's JavaScript saw and what Firefox logged). Firefox orders a preflight's events differently
 * (the actual request's onSendHeaders comes before its preflight starts) and ends a blocked request
 * in onCompleted: replayed through Firefox's webRequest host and the capture, each call must become
 * one record, its preflight folded in, judged by Firefox's rules to Firefox's own message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Capture } from '../../../src/background/capture.ts';
import type { BrowserProfile } from '../../../src/cors/types.ts';
import {
  fromFirefoxDetails,
  type FirefoxRequesterFields,
  type RequestDetails,
  type WebRequestEventName,
} from '../../../src/platform/web-request.ts';
import type { CapturedRecord } from '../../../src/shared/exchange.ts';
import { evaluateRecord } from '../../../src/shared/observed.ts';

interface Recorded {
  scenario: string;
  js: { ok: boolean }[];
  messages: string[];
  events: (RequestDetails & FirefoxRequesterFields & { event: WebRequestEventName })[];
}

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/firefox');
const recorded = (name: string): Recorded =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Recorded;

/** Replays a recording through a capture that believes its events come from `browser`. */
function replay(r: Recorded, browser: BrowserProfile): CapturedRecord[] {
  const records = new Map<string, CapturedRecord>();
  let seq = 0;
  const capture = new Capture(
    {
      upsert: (record) => records.set(record.id, structuredClone(record)),
      remove: (record) => records.delete(record.id),
      navigated: () => {},
    },
    { nextSeq: () => ++seq, pageUrl: () => 'http://127.0.0.1:7001/page/firefox-top', tabsShowing: () => [] },
    browser,
  );
  for (const { event, ...details } of r.events) capture.handle(event, fromFirefoxDetails(details));
  return [...records.values()];
}

/** The records as the worker stores them in Firefox: marked Firefox's, then judged. */
const judged = (records: CapturedRecord[]) => records.map((c) => evaluateRecord({ ...c, browser: 'firefox' }));

describe('Capture on Firefox recordings', () => {
  const all = fs.readdirSync(FIXTURES).map((f) => path.basename(f, '.json'));

  it('has the recordings this file is about', () => {
    expect(all.sort()).toEqual([
      'acao-missing',
      'concurrent-identical',
      'pf-missing-acao',
      'pf-redirect-acao',
      'put-actual-missing-acao',
      'put-ok',
      'rd-3xx-acao-mismatch',
      'sandbox-star',
    ]);
  });

  for (const name of all) {
    it(`${name}: one finished record per call, with Firefox's verdict and message`, () => {
      const r = recorded(name);
      const records = judged(replay(r, 'firefox'));
      expect(records).toHaveLength(r.js.length);
      for (const [i, record] of records.entries()) {
        expect(record.browserOutcome, `call ${i + 1}`).not.toBe('pending');
        if (r.js[i]!.ok) expect(record.evaluation.verdict, `call ${i + 1}`).toBe('allowed');
        else expect(record.evaluation.reason?.firefoxReason, `call ${i + 1}`).toBe(r.messages[0]);
      }
    });
  }

  it('folds each preflight into its request although the request reported its headers first', () => {
    const r = recorded('put-ok');
    const sent = r.events.findIndex((e) => e.event === 'sendHeaders' && e.method === 'PUT');
    const preflightStarts = r.events.findIndex((e) => e.event === 'beforeRequest' && e.method === 'OPTIONS');
    expect(sent).toBeLessThan(preflightStarts);
    const [only] = replay(r, 'firefox');
    expect(only?.method).toBe('PUT');
    expect(only?.preflight?.outcome).toBe('completed');
    expect(only?.preflight?.status).toBe(204);
  });

  it("with Chromium's order rule the same events leave the preflight an exchange of its own", () => {
    const records = replay(recorded('put-ok'), 'chromium');
    expect(records.map((c) => c.method).sort()).toEqual(['PUT', 'PUT']);
    expect(records.filter((c) => c.preflight && c.requestHeaders.length === 0)).toHaveLength(1);
  });

  it('pairs two identical concurrent preflights with their requests in order', () => {
    const records = replay(recorded('concurrent-identical'), 'firefox');
    expect(records).toHaveLength(2);
    const [a, b] = records.sort((x, y) => x.seq - y.seq);
    expect(Number(a!.preflight!.requestId)).toBeLessThan(Number(b!.preflight!.requestId));
    expect(records.every((c) => c.preflight?.outcome === 'completed')).toBe(true);
  });

  it('keeps the failed preflight’s answer: both end in NS_ERROR_DOM_BAD_URI', () => {
    const [only] = replay(recorded('pf-missing-acao'), 'firefox');
    expect(only?.preflight).toMatchObject({ status: 204, outcome: 'failed', error: 'NS_ERROR_DOM_BAD_URI' });
    expect(only?.browserError).toBe('NS_ERROR_DOM_BAD_URI');
  });

  it('records a blocked simple request that Firefox completed with its real status', () => {
    const [only] = replay(recorded('acao-missing'), 'firefox');
    expect(only).toMatchObject({ browserOutcome: 'completed', response: { status: 200 } });
  });

  it("takes a sandboxed frame's requests (no originUrl in Firefox) as from the opaque origin", () => {
    const r = recorded('sandbox-star');
    expect(r.events.every((e) => e.originUrl === undefined)).toBe(true);
    const [only] = replay(r, 'firefox');
    expect(only?.initiator).toBe('null');
  });
});
