/**
 * Calls Chromium refuses, or loads itself, before any network request exists. Each row is a call
 * measured in Chromium 156 (CDP Audits issue or loadingFailed as the oracle; the e2e file
 * test/e2e/conformance-requests.test.ts keeps checking them against the real browser).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import type { BrowserOutcome, ObservedExchange, RequestApi, RequestMode } from '../../../src/cors/types.ts';
import { API, PAGE } from './exchange-fixtures.ts';

const REJECTED: BrowserOutcome = { kind: 'failed', error: 'TypeError: Failed to fetch' };

/** A call the page made that webRequest never saw (what a page-only record feeds the engine). */
const call = (
  url: string,
  api: RequestApi,
  init: {
    mode?: RequestMode;
    redirectMode?: 'follow' | 'error' | 'manual';
    outcome?: BrowserOutcome;
    page?: string;
  } = {},
): ObservedExchange => ({
  initiator: init.page ?? PAGE,
  request: { method: 'GET', url, headers: [] },
  outcome: init.outcome ?? REJECTED,
  api,
  mode: init.mode ?? 'cors',
  redirectMode: init.redirectMode ?? 'follow',
});

interface Row {
  what: string;
  exchange: ObservedExchange;
  verdict: 'blocked' | 'failed' | 'not-cors';
  code?: string;
  failedParameter?: string;
}

const ROWS: Row[] = [
  ...['ftp://127.0.0.1/f', 'ws://127.0.0.1/s', 'mailto:a@example.com', 'about:blank', 'foo://bar'].flatMap((url) =>
    (['cors', 'no-cors'] as const).map(
      (mode): Row => ({
        what: `fetch(${url}) in mode '${mode}'`,
        exchange: call(url, 'fetch', { mode }),
        verdict: 'blocked',
        code: 'CorsDisabledScheme',
        failedParameter: new URL(url).protocol.slice(0, -1),
      }),
    ),
  ),
  {
    what: "fetch(ftp:) in mode 'same-origin' is refused for its mode first",
    exchange: call('ftp://127.0.0.1/f', 'fetch', { mode: 'same-origin' }),
    verdict: 'blocked',
    code: 'DisallowedByMode',
    failedParameter: '',
  },
  {
    what: "mode 'same-origin' to another origin",
    exchange: call(API, 'fetch', { mode: 'same-origin' }),
    verdict: 'blocked',
    code: 'DisallowedByMode',
    failedParameter: '',
  },
  ...(['manual', 'error'] as const).map(
    (redirectMode): Row => ({
      what: `mode 'no-cors' with redirect '${redirectMode}'`,
      exchange: call(API, 'fetch', { mode: 'no-cors', redirectMode }),
      verdict: 'blocked',
      code: 'NoCorsRedirectModeNotFollow',
      failedParameter: '',
    }),
  ),
  {
    what: "mode 'no-cors' with redirect 'manual' to the page's own origin is fetched, not refused",
    exchange: call(`${PAGE}/same`, 'fetch', {
      mode: 'no-cors',
      redirectMode: 'manual',
      outcome: { kind: 'completed' },
    }),
    verdict: 'not-cors',
  },
  ...['ws://127.0.0.1/s', 'mailto:a@example.com', 'about:blank', 'javascript:void(0)', 'foo://bar'].map(
    (url): Row => ({
      what: `XHR to ${url} fails in the CORS layer, without a failed parameter`,
      exchange: call(url, 'xhr'),
      verdict: 'blocked',
      code: 'CorsDisabledScheme',
      failedParameter: '',
    }),
  ),
  ...['ftp://127.0.0.1/f', 'chrome://version', 'file:///etc/hostname', 'filesystem:http://127.0.0.1/temporary/x'].map(
    (url): Row => ({ what: `XHR to ${url} fails without a CORS error`, exchange: call(url, 'xhr'), verdict: 'failed' }),
  ),
  {
    what: 'fetch() of a file: URL fails without a CORS error',
    exchange: call('file:///etc/hostname', 'fetch'),
    verdict: 'failed',
  },
  {
    what: 'fetch() of another origin’s blob: URL',
    exchange: call(`blob:${new URL(API).origin}/0000`, 'fetch'),
    verdict: 'blocked',
    code: 'CorsDisabledScheme',
    failedParameter: 'blob',
  },
  {
    what: "fetch() of another origin's blob: URL in mode 'no-cors' fails without a CORS error",
    exchange: call(`blob:${new URL(API).origin}/0000`, 'fetch', { mode: 'no-cors' }),
    verdict: 'failed',
  },
  {
    what: 'an XHR to another origin’s blob: URL fails without a CORS error',
    exchange: call(`blob:${new URL(API).origin}/0000`, 'xhr'),
    verdict: 'failed',
  },
  {
    what: 'an XHR to a bogus blob: URL of the page itself fails without a CORS error',
    exchange: call(`blob:${PAGE}/bogus`, 'xhr', { outcome: { kind: 'failed', error: 'NetworkError: error' } }),
    verdict: 'failed',
  },
  {
    what: "a blob: URL of the page's own origin that exists is read without CORS",
    exchange: call(`blob:${PAGE}/0000`, 'fetch', { outcome: { kind: 'completed' } }),
    verdict: 'not-cors',
  },
  {
    what: "a data: URL is decoded without CORS, even in mode 'same-origin'",
    exchange: call('data:text/plain,hi', 'fetch', { mode: 'same-origin', outcome: { kind: 'completed' } }),
    verdict: 'not-cors',
  },
  {
    what: 'fetch() refuses a URL with user:password@',
    exchange: call(API.replace('http://', 'http://u:p@'), 'fetch'),
    verdict: 'failed',
  },
  {
    what: 'an https page may not request an insecure http URL (mixed content)',
    exchange: call('http://api.example.test/r', 'fetch', { page: 'https://app.example.test' }),
    verdict: 'failed',
  },
];

describe('refused or loaded before the network', () => {
  it.each(ROWS)('$what', ({ exchange, verdict, code, failedParameter }) => {
    const e = evaluate(exchange);
    expect({ verdict: e.verdict, code: e.reason?.code, failedParameter: e.reason?.failedParameter }).toEqual({
      verdict,
      code,
      failedParameter,
    });
    if (verdict === 'failed') {
      expect(e.failure).toMatch(/./);
      expect(e.fix).toBeNull();
    }
  });

  it('an XHR may carry user:password@ (it goes to the network like any other)', () => {
    const e = evaluate({
      ...call(API.replace('http://', 'http://u:p@'), 'xhr', { outcome: { kind: 'completed' } }),
      request: {
        method: 'GET',
        url: API.replace('http://', 'http://u:p@'),
        headers: [{ name: 'Origin', value: PAGE }],
      },
      response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
    });
    expect(e.verdict).toBe('allowed');
  });

  it('an https page may request loopback over http (potentially trustworthy): no mixed-content refusal', () => {
    const e = evaluate(call('http://127.0.0.1:9/r', 'fetch', { page: 'https://app.example.test' }));
    expect(e.failure ?? '').not.toMatch(/mixed content/);
  });

  it('the mixed-content failure names the URL and offers no CORS headers', () => {
    const e = evaluate(call('http://api.example.test/r', 'fetch', { page: 'https://app.example.test' }));
    expect(e.failure).toMatch(/mixed content.*http:\/\/api\.example\.test\/r/);
    expect(e.reason).toBeNull();
  });
});
