/**
 * Firefox's webRequest details in Chromium's shape (src/platform/web-request.ts), on the fields
 * Firefox ESR 153 sent (test/fixtures/firefox/*.json).
 */
import { describe, expect, it } from 'vitest';
import { fromFirefoxDetails, type RequestDetails } from '../../../src/platform/web-request.ts';

const base: RequestDetails = {
  requestId: '1',
  url: 'http://localhost:7002/s/x/r',
  method: 'GET',
  tabId: 4,
  frameId: 0,
  type: 'xmlhttprequest',
  timeStamp: 1,
};

describe('fromFirefoxDetails', () => {
  it("takes the initiator from originUrl's origin", () => {
    const d = fromFirefoxDetails({ ...base, originUrl: 'http://127.0.0.1:7001/page/firefox-top?q=1' });
    expect(d.initiator).toBe('http://127.0.0.1:7001');
  });

  it('serializes an opaque origin as "null", as Chromium does', () => {
    expect(fromFirefoxDetails({ ...base, originUrl: 'data:text/html,<title>x</title>' }).initiator).toBe('null');
  });

  it('gives a subresource request of a tab without originUrl (a sandboxed document) the initiator "null"', () => {
    expect(fromFirefoxDetails(base).initiator).toBe('null');
  });

  it('leaves navigations and requests of no tab without an initiator, as Chromium does', () => {
    expect(fromFirefoxDetails({ ...base, type: 'main_frame' }).initiator).toBeUndefined();
    expect(fromFirefoxDetails({ ...base, type: 'sub_frame' }).initiator).toBeUndefined();
    expect(fromFirefoxDetails({ ...base, tabId: -1 }).initiator).toBeUndefined();
  });
});
