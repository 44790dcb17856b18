/**
 * Fetch checklist A: does a request need a preflight, and which rule says so
 * (https://fetch.spec.whatwg.org/#cors-safelisted-request-header, CORS-unsafe request-header names,
 * method normalization, the use-CORS-preflight flag) — plus Chromium's extra safelisted client hints.
 * Every Chromium-specific row was checked against the real browser (test/e2e scenarios sl-*).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import type { ObservedExchange, PreflightCause } from '../../../src/cors/types.ts';
import { safelistedTotalling } from '../../e2e/support/scenario-builders.ts';
import { API, PAGE, UNKNOWN, type Pairs, h } from './exchange-fixtures.ts';

/** A cross-origin request as the wire shows it (with its Origin header, which marks it as CORS). */
const request = (method: string, headers: Pairs, extra: Partial<ObservedExchange> = {}): ObservedExchange => ({
  initiator: PAGE,
  request: { method, url: API, headers: h([['Origin', PAGE], ...headers]) },
  outcome: UNKNOWN,
  ...extra,
});
const bytes = (n: number, ch = 'a') => ch.repeat(n);

interface Row {
  rule: string;
  method?: string;
  headers?: Pairs;
  /** null: no preflight needed. */
  cause: { kind: PreflightCause['kind']; subject: string } | null;
}

const ROWS: Row[] = [
  { rule: 'GET with no headers is simple', cause: null },
  { rule: 'POST is a safelisted method', method: 'POST', cause: null },
  { rule: "'post' is normalized to POST", method: 'post', cause: null },
  { rule: 'PUT is not safelisted', method: 'PUT', cause: { kind: 'method', subject: 'PUT' } },
  { rule: "'delete' is normalized to DELETE", method: 'delete', cause: { kind: 'method', subject: 'DELETE' } },
  { rule: "'patch' is not normalized", method: 'patch', cause: { kind: 'method-case', subject: 'patch' } },
  { rule: 'a custom header', headers: [['X-Custom', '1']], cause: { kind: 'header-name', subject: 'x-custom' } },
  {
    rule: 'Authorization',
    headers: [['Authorization', 'Bearer t']],
    cause: { kind: 'authorization', subject: 'authorization' },
  },
  { rule: 'Accept of 128 bytes is safelisted', headers: [['Accept', bytes(128)]], cause: null },
  {
    rule: 'Accept of 129 bytes is not',
    headers: [['Accept', bytes(129)]],
    cause: { kind: 'header-value-length', subject: 'accept' },
  },
  {
    rule: "Accept with the CORS-unsafe byte '('",
    headers: [['Accept', 'text/(html']],
    cause: { kind: 'header-value-byte', subject: 'accept' },
  },
  {
    rule: 'Content-Type with a quote',
    headers: [['Content-Type', 'text/plain; a="b"']],
    cause: { kind: 'header-value-byte', subject: 'content-type' },
  },
  {
    rule: 'Content-Type text/plain;charset=utf-8',
    headers: [['Content-Type', 'text/plain;charset=utf-8']],
    cause: null,
  },
  { rule: 'Content-Type essence compared case-insensitively', headers: [['Content-Type', 'TEXT/PLAIN']], cause: null },
  {
    rule: 'Content-Type multipart/form-data with a boundary',
    headers: [['Content-Type', 'multipart/form-data; boundary=x']],
    cause: null,
  },
  {
    rule: 'Content-Type application/json',
    headers: [['Content-Type', 'application/json']],
    cause: { kind: 'content-type', subject: 'content-type' },
  },
  { rule: 'Content-Language de-DE', headers: [['Content-Language', 'de-DE']], cause: null },
  {
    rule: "Content-Language with '/'",
    headers: [['Content-Language', 'de/DE']],
    cause: { kind: 'language', subject: 'content-language' },
  },
  {
    rule: "a page-set Accept-Language with '_'",
    headers: [['Accept-Language', 'en_US']],
    cause: { kind: 'language', subject: 'accept-language' },
  },
  { rule: "Range 'bytes=0-'", headers: [['Range', 'bytes=0-']], cause: null },
  { rule: "Range 'bytes=0-99'", headers: [['Range', 'bytes=0-99']], cause: null },
  {
    rule: "Range 'bytes=-500' (suffix)",
    headers: [['Range', 'bytes=-500']],
    cause: { kind: 'range', subject: 'range' },
  },
  {
    rule: "Range 'bytes=0-1,3-4' (two ranges)",
    headers: [['Range', 'bytes=0-1,3-4']],
    cause: { kind: 'range', subject: 'range' },
  },
  {
    rule: "Range 'bytes=5-2' (first > last)",
    headers: [['Range', 'bytes=5-2']],
    cause: { kind: 'range', subject: 'range' },
  },
  {
    rule: "Range 'Bytes=0-' (unit case)",
    headers: [['Range', 'Bytes=0-']],
    cause: { kind: 'range', subject: 'range' },
  },
  { rule: "Chromium safelists 'DPR: 2'", headers: [['DPR', '2']], cause: null },
  {
    rule: "'DPR: two' is not a number",
    headers: [['DPR', 'two']],
    cause: { kind: 'header-value-byte', subject: 'dpr' },
  },
  { rule: "Chromium safelists 'Save-Data: on'", headers: [['Save-Data', 'on']], cause: null },
  { rule: "Chromium safelists 'ECT: 3g'", headers: [['ECT', '3g']], cause: null },
  {
    rule: "'Downlink: 1.' needs digits after the dot",
    headers: [['Downlink', '1.']],
    cause: { kind: 'header-value-byte', subject: 'downlink' },
  },
  { rule: "Chromium safelists 'Intervention' with any value", headers: [['Intervention', 'x']], cause: null },
  {
    rule: 'headers the page cannot set never count',
    headers: [
      ['Cookie', 'a=b'],
      ['Origin', PAGE],
      ['Referer', PAGE],
      ['Sec-Fetch-Mode', 'cors'],
      ['Accept-Encoding', 'gzip'],
    ],
    cause: null,
  },
  {
    rule: "the browser's own Accept-Language never counts",
    headers: [
      ['Accept-Language', 'en-US,en;q=0.9'],
      ['User-Agent', 'x'],
    ],
    cause: null,
  },
];

describe('Fetch checklist A: which requests need a preflight', () => {
  it.each(ROWS)('$rule', ({ method = 'GET', headers = [], cause }) => {
    const e = evaluate(request(method, headers));
    expect(e.preflight.needed).toBe(cause !== null);
    if (cause) expect(e.preflight.because).toContainEqual(expect.objectContaining(cause));
    else expect(e.preflight.because).toEqual([]);
  });
});

describe('the 1024-byte total of safelisted values', () => {
  it('exactly 1024 bytes is still simple', () => {
    expect(evaluate(request('GET', safelistedTotalling(1024))).preflight.needed).toBe(false);
  });
  it('1025 bytes makes every safelisted header CORS-unsafe, and all of them go into ACRH', () => {
    const e = evaluate(request('GET', safelistedTotalling(1025)));
    expect(e.preflight.needed).toBe(true);
    expect(e.preflight.because.every((c) => c.kind === 'total-size')).toBe(true);
    expect(e.preflight.requestHeaders).toBe(
      'accept,content-language,content-type,device-memory,downlink,dpr,rtt,viewport-width,width',
    );
  });
});

describe('what the preflight asks for', () => {
  it('ACRH is the unsafe names lower-cased, deduplicated and sorted', () => {
    expect(
      evaluate(
        request('PUT', [
          ['X-B', '1'],
          ['x-a', '2'],
          ['X-B', '3'],
        ]),
      ).preflight.requestHeaders,
    ).toBe('x-a,x-b');
  });
  it("the preflight's ACRH reveals headers webRequest hides (Authorization)", () => {
    const e = evaluate(
      request('GET', [], {
        preflight: {
          request: {
            method: 'OPTIONS',
            url: API,
            headers: h([
              ['Access-Control-Request-Method', 'GET'],
              ['Access-Control-Request-Headers', 'authorization'],
            ]),
          },
          response: null,
          outcome: UNKNOWN,
        },
      }),
    );
    expect(e.preflight.because).toContainEqual(
      expect.objectContaining({ kind: 'authorization', subject: 'authorization' }),
    );
  });
  it('an XHR upload listener forces a preflight for a simple request', () => {
    expect(evaluate(request('POST', [], { forcedPreflight: true })).preflight.because).toContainEqual(
      expect.objectContaining({ kind: 'forced' }),
    );
  });
  it('a same-origin request is never preflighted', () => {
    expect(
      evaluate({
        ...request('PUT', [['X-Custom', '1']]),
        request: { method: 'PUT', url: `${PAGE}/x`, headers: h([['X-Custom', '1']]) },
      }).preflight.needed,
    ).toBe(false);
  });
  it('a no-cors request is never preflighted', () => {
    expect(evaluate(request('POST', [], { mode: 'no-cors' })).preflight.needed).toBe(false);
  });
});
