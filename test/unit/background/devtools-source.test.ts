/**
 * DevTools' own network log as a source: entries arriving one at a time (as onRequestFinished
 * gives them) become the same exchanges the HAR importer makes of the whole log at once — each
 * preflight folded into its request, redirect hops joined — and a resend after a restart makes
 * nothing twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DevtoolsSource } from '../../../src/background/devtools-source.ts';
import { importHar } from '../../../src/har-import/index.ts';
import type { CapturedRecord } from '../../../src/shared/exchange.ts';
import { evaluateRecord } from '../../../src/shared/observed.ts';

const HAR = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../fixtures/har/gallery-chrome-devtools.har'),
  'utf8',
);
const ENTRIES = (JSON.parse(HAR) as { log: { entries: unknown[] } }).log.entries;

function harness() {
  const records = new Map<string, CapturedRecord>();
  let seq = 0;
  // The clock of the recording: each entry arrives as its request finishes.
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  const source = new DevtoolsSource(
    { upsert: (r) => records.set(r.id, r) },
    { nextSeq: () => ++seq, pageUrl: () => 'http://127.0.0.1:8080/' },
    {
      now: () => now,
      setTimeout: (fn, ms) => timers.push({ at: now + ms, fn }),
      clearTimeout: () => {},
    },
  );
  return {
    source,
    records,
    /** Time passes, and the timers due by then run. */
    later: (ms: number) => {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
    at: (entry: unknown) => {
      const e = entry as { startedDateTime: string; time?: number };
      now = Math.max(now, Date.parse(e.startedDateTime) + Math.max(0, e.time ?? 0));
    },
  };
}

const verdicts = (records: Iterable<{ url: string; method: string; evaluation: { verdict: string } }>) =>
  [...records].map((r) => `${r.method} ${r.url} ${r.evaluation.verdict}`).sort();

describe('DevtoolsSource', () => {
  it('makes of entries sent one by one, as requests finish, the exchanges the importer makes of the whole log', () => {
    const { source, records, later, at } = harness();
    const finish = (e: unknown) => {
      const x = e as { startedDateTime: string; time?: number };
      return Date.parse(x.startedDateTime) + Math.max(0, x.time ?? 0);
    };
    [...ENTRIES]
      .sort((a, b) => finish(a) - finish(b))
      .forEach((e, i) => {
        at(e);
        source.receive(7, i, [e]);
      });
    later(5000);
    const whole = importHar(HAR).records;
    expect(records.size).toBe(whole.length);
    const judged = [...records.values()].map(evaluateRecord);
    expect(verdicts(judged)).toEqual(verdicts(whole));
    expect(judged.filter((r) => r.evaluation.verdict === 'blocked').length).toBe(14);
    expect([...records.values()].every((r) => r.source === 'devtools' && r.tabId === 7)).toBe(true);
    expect(judged.filter((r) => r.preflight).length).toBe(whole.filter((r) => r.preflight).length);
  });

  it('pairs preflights in a backfill listed by start (a request starts before its preflight)', () => {
    const { source, records, at } = harness();
    ENTRIES.forEach((e, i) => {
      at(e);
      source.receive(7, i, [e]);
    });
    source.receive(7, ENTRIES.length, []);
    expect([...records.values()].filter((r) => r.preflight).length).toBe(
      importHar(HAR).records.filter((r) => r.preflight).length,
    );
  });

  it('settles a request that waited for a preflight when nothing else arrives (served from the preflight cache)', () => {
    const { source, records, later, at } = harness();
    const put = ENTRIES.find((e) => {
      const x = e as { request: { method: string }; _resourceType?: string };
      return x.request.method === 'PUT' && x._resourceType !== 'preflight';
    });
    expect(put).toBeDefined();
    at(put);
    source.receive(7, 0, [put]);
    expect(records.size).toBe(0);
    later(2500);
    expect(records.size).toBe(1);
    expect([...records.values()][0]).toMatchObject({ method: 'PUT', preflight: null });
  });

  it('takes an entry once, however often it is sent again (after a worker restart)', () => {
    const { source, records, later, at } = harness();
    at(ENTRIES.at(-1));
    source.receive(7, 0, ENTRIES);
    later(5000);
    source.receive(7, 0, ENTRIES);
    source.receive(7, ENTRIES.length, []);
    expect(records.size).toBe(importHar(HAR).records.length);
    expect(source.upTo(7)).toBe(ENTRIES.length - 1);
  });
});
