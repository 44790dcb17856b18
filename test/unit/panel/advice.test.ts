import { describe, expect, it } from 'vitest';
import { maxAgeAdvice } from '../../../src/devtools/panel/core/max-age-advice.ts';
import { expectedOrigins } from '../../../src/devtools/panel/core/redirect-origins.ts';
import { offendingHeaders } from '../../../src/devtools/panel/core/offending-headers.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';

const maxAge = (value?: string) =>
  maxAgeAdvice(value === undefined ? [] : [{ name: 'Access-Control-Max-Age', value }], 'PUT');

describe('maxAgeAdvice', () => {
  it.each<[string | undefined, number, number, RegExp]>([
    [undefined, 5, 5, /No Access-Control-Max-Age: Chromium keeps this preflight for only 5 s.*Max-Age: 600/],
    ['abc', 5, 5, /not a whole number/],
    ['0', 0, 0, /never cached/],
    ['30', 30, 30, /Cached for 30 s only/],
    ['600', 600, 600, /Cached for 600 s in Chromium and 600 s in Firefox/],
    ['86400', 7200, 86400, /Chromium caps Max-Age at 7200 s and Firefox at 86400 s/],
  ])('Max-Age %s', (value, chromium, firefox, advice) => {
    const a = maxAge(value);
    expect([a.chromiumSeconds, a.firefoxSeconds]).toEqual([chromium, firefox]);
    expect(a.advice).toMatch(advice);
  });
});

describe('expectedOrigins', () => {
  const page = 'http://app.test';
  const hop = (url: string, location: string) => ({ url, status: 302, headers: [], location });
  it('keeps the origin through a same-origin redirect', () => {
    expect(
      expectedOrigins({
        url: 'http://api.test/a',
        initiator: page,
        redirects: [hop('http://api.test/a', 'http://api.test/b')],
      }),
    ).toEqual([page, page]);
  });
  it("keeps it for a redirect from the page's own origin to another", () => {
    expect(
      expectedOrigins({
        url: 'http://app.test/a',
        initiator: page,
        redirects: [hop('http://app.test/a', 'http://api.test/b')],
      }),
    ).toEqual([page, page]);
  });
  it('taints it to null once a cross-origin URL redirects to a third origin', () => {
    expect(
      expectedOrigins({
        url: 'http://api.test/a',
        initiator: page,
        redirects: [hop('http://api.test/a', 'http://cdn.test/b'), hop('http://cdn.test/b', 'http://cdn.test/c')],
      }),
    ).toEqual([page, 'null', 'null']);
  });
});

describe('offendingHeaders', () => {
  const byUrl = (suffix: string) => demoRecords().find((r) => r.url.endsWith(suffix))!;
  it('quotes the failing Allow-Origin value from the response', () => {
    expect(offendingHeaders(byUrl('/api/orders'))).toEqual([
      { source: 'response', name: 'Access-Control-Allow-Origin', values: ['http://127.0.0.1:5173/'] },
    ]);
  });
  it('names a missing header with no values', () => {
    expect(offendingHeaders(byUrl('/api/profile'))).toEqual([
      { source: 'response', name: 'Access-Control-Allow-Origin', values: [] },
    ]);
  });
  it('points at the preflight and the request header it did not allow', () => {
    const found = offendingHeaders(byUrl('/api/search'));
    expect(found.map((o) => [o.source, o.name.toLowerCase(), o.values])).toEqual([
      ['preflight-response', 'access-control-allow-headers', ['content-type']],
      ['preflight-request', 'access-control-request-headers', ['content-type,x-request-id']],
      ['request', 'x-request-id', ['abc-123']],
    ]);
  });
  it('has nothing to say about an allowed exchange', () => {
    expect(offendingHeaders(byUrl('/api/items/42'))).toEqual([]);
  });
});
