/**
 * What users bring that is not a clean export: bad entries, files cut off, files that are not HARs,
 * HARs read in chunks, CORS Inspector's own export, request ids, identical concurrent preflights.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HarFormatError, importHar, importHarStream } from '../../../src/har-import/index.ts';
import { toHar } from '../../../src/shared/har.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';

const devtoolsText = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../fixtures/har/gallery-chrome-devtools.har'),
  'utf8',
);
const devtools = () => JSON.parse(devtoolsText) as { log: { entries: unknown[] } };
const summaryOf = (text: string) =>
  importHar(text).records.map((r) => [r.id, r.evaluation.verdict, r.evaluation.reason?.code ?? null]);

function entry(
  over: { method?: string; url: string; start: string; headers?: [string, string][] } & Record<string, unknown>,
) {
  const { method = 'GET', url, start, headers = [], ...rest } = over;
  return {
    startedDateTime: start,
    time: 5,
    request: { method, url, headers: headers.map(([name, value]) => ({ name, value })) },
    response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://127.0.0.1:8080' }] },
    ...rest,
  };
}
const har = (entries: unknown[], creator = { name: 'WebInspector', version: '537.36' }) =>
  JSON.stringify({ log: { version: '1.2', creator, entries } });

describe('bad input', () => {
  it('skips a bad entry with a warning naming it, and keeps every other entry', () => {
    const h = devtools();
    const total = h.log.entries.length;
    h.log.entries.splice(3, 0, 'not an entry', { request: { method: 'GET' }, response: {} });
    const { records, warnings, summary } = importHar(JSON.stringify(h));
    expect(warnings).toEqual([
      { entry: 3, message: 'entry #3 is not an object; skipped' },
      { entry: 4, message: 'entry #4 has no request.url; skipped' },
    ]);
    expect(summary.skipped).toBe(2);
    expect(summary.entries).toBe(total + 2);
    expect(records).toHaveLength(26);
    expect(records.filter((r) => r.evaluation.verdict === 'blocked')).toHaveLength(14);
  });

  it('keeps the entries before the break of a file that was cut off, and says where it broke', () => {
    const cut = devtoolsText.slice(0, Math.floor(devtoolsText.length * 0.6));
    const { records, warnings } = importHar(cut);
    expect(records.length).toBeGreaterThan(5);
    expect(records.length).toBeLessThan(26);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.entry).toBeNull();
    expect(warnings[0]!.message).toMatch(/^the JSON breaks off after entry #\d+/);
  });

  it('refuses a file that is not a HAR with a HarFormatError that says why', () => {
    expect(() => importHar('hello')).toThrow(HarFormatError);
    expect(() => importHar('hello')).toThrow(/not valid JSON/);
    expect(() => importHar('{"data": [1, 2]}')).toThrow(/not a HAR file \(no log.entries array\)/);
  });

  it('accepts an empty HAR', () => {
    const { records, warnings } = importHar(har([]));
    expect(records).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describe('streaming', () => {
  it('gives the same records read in chunks as read whole, UTF-8 split anywhere', async () => {
    const bytes = new TextEncoder().encode(devtoolsText.replace('"page_1"', '"page_1 ✓ ümlaut"'));
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 997) yield bytes.subarray(i, i + 997);
    }
    const streamed = await importHarStream(chunks());
    expect(streamed.records.map((r) => [r.id, r.evaluation.verdict, r.evaluation.reason?.code ?? null])).toEqual(
      summaryOf(devtoolsText),
    );
  });
});

describe("CORS Inspector's own HAR", () => {
  it('reads back the verdicts it wrote, preflights and redirects included', () => {
    const records = demoRecords();
    const { records: back, summary } = importHar(
      JSON.stringify(toHar(records, { sensitive: false, creatorVersion: '1' })),
    );
    expect(summary.producer.kind).toBe('cors-inspector');
    expect(back.map((r) => [r.url, r.evaluation.verdict, r.evaluation.reason?.code ?? null])).toEqual(
      records.map((r) => [r.url, r.evaluation.verdict, r.evaluation.reason?.code ?? null]),
    );
    expect(back.filter((r) => r.preflight).length).toBe(records.filter((r) => r.preflight).length);
  });
});

describe('pairing', () => {
  const PAGE = 'http://127.0.0.1:8080';
  const API = 'http://localhost:8081/api';
  const preflight = (start: string, extra: Record<string, unknown> = {}) =>
    entry({
      method: 'OPTIONS',
      url: API,
      start,
      headers: [
        ['Origin', PAGE],
        ['Access-Control-Request-Method', 'PUT'],
        ['Host', 'localhost:8081'],
      ],
      ...extra,
    });
  const put = (start: string, extra: Record<string, unknown> = {}) =>
    entry({
      method: 'PUT',
      url: API,
      start,
      headers: [
        ['Origin', PAGE],
        ['Host', 'localhost:8081'],
      ],
      ...extra,
    });

  it('pairs by request id when the HAR names both ends, whatever the order', () => {
    const { records } = importHar(
      har([
        put('2026-01-01T00:00:00.000Z', { _requestId: '7.1' }),
        put('2026-01-01T00:00:00.001Z', { _requestId: '7.2' }),
        preflight('2026-01-01T00:00:00.002Z', { _initiator: { type: 'preflight', requestId: '7.2' }, time: 1 }),
        preflight('2026-01-01T00:00:00.003Z', { _initiator: { type: 'preflight', requestId: '7.1' }, time: 2 }),
      ]),
    );
    expect(records.map((r) => [r.id, r.preflight?.requestId])).toEqual([
      ['har:0', 'har:3'],
      ['har:1', 'har:2'],
    ]);
  });

  it('pairs identical concurrent requests one preflight each, in time order, and warns about a stray one', () => {
    const { records, warnings } = importHar(
      har([
        put('2026-01-01T00:00:00.000Z'),
        preflight('2026-01-01T00:00:00.001Z'),
        put('2026-01-01T00:00:00.002Z'),
        preflight('2026-01-01T00:00:00.003Z'),
        preflight('2026-01-01T00:10:00.000Z'),
      ]),
    );
    expect(records.map((r) => r.preflight?.requestId)).toEqual(['har:1', 'har:3']);
    expect(warnings).toEqual([
      { entry: 4, message: `entry #4 is a preflight (OPTIONS ${API}) whose request is not in the HAR; skipped` },
    ]);
  });
});

describe("a fetch with redirect: 'error'", () => {
  // As Chrome DevTools 156 records it: the 302 (which passes CORS) with net::ERR_FAILED, no next hop.
  it('is a failure that says so, not a CORS block', () => {
    const { records } = importHar(
      har([
        entry({
          url: 'http://localhost:8081/r/a',
          start: '2026-01-01T00:00:00.000Z',
          headers: [
            ['Origin', 'http://127.0.0.1:8080'],
            ['Host', 'localhost:8081'],
          ],
          response: {
            status: 302,
            headers: [
              { name: 'location', value: 'http://localhost:8081/r/b' },
              { name: 'access-control-allow-origin', value: '*' },
            ],
            redirectURL: 'http://localhost:8081/r/b',
            _error: 'net::ERR_FAILED',
          },
        }),
      ]),
    );
    expect(records.map((r) => r.evaluation.verdict)).toEqual(['failed']);
    expect(records[0]!.evaluation.failure).toMatch(/redirect: 'error' fails this way \(net::ERR_FAILED\)/);
  });
});
