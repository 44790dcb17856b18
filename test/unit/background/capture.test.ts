/**
 * Capture on synthetic webRequest event sequences shaped like the ones recorded in Chromium 156
 * (docs/architecture.md, "What webRequest shows"): pairing in both arrival orders, concurrency, redirects,
 * failed preflights, adoption of requests already under way, navigation.
 */
import { describe, expect, it } from 'vitest';
import { Capture } from '../../../src/background/capture.ts';
import type { RequestDetails, WebRequestEventName } from '../../../src/platform/web-request.ts';
import type { CapturedRecord } from '../../../src/shared/exchange.ts';

const PAGE = 'http://127.0.0.1:7001';
const API = 'http://localhost:7002/api';

function harness(showing: number[] = [7]) {
  const records = new Map<string, CapturedRecord>();
  const navigations: string[] = [];
  let seq = 0;
  const capture = new Capture(
    {
      upsert: (r) => records.set(r.id, structuredClone(r)),
      remove: (r) => records.delete(r.id),
      navigated: (_t, url) => navigations.push(url),
    },
    { nextSeq: () => ++seq, pageUrl: () => `${PAGE}/`, tabsShowing: (origin) => (origin === PAGE ? showing : []) },
  );
  let t = 1000;
  const ev = (event: WebRequestEventName, d: Partial<RequestDetails> & { requestId: string }) =>
    capture.handle(event, {
      url: API,
      method: 'GET',
      tabId: 7,
      frameId: 0,
      documentId: 'D',
      type: 'xmlhttprequest',
      initiator: PAGE,
      timeStamp: t++,
      ...d,
    });
  const h = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));
  return { capture, records, navigations, ev, h };
}

type Harness = ReturnType<typeof harness>;

/** Chromium's events for a successful preflight (request 2) of a PUT. */
function preflightEvents(ev: Harness['ev'], h: Harness['h']): void {
  ev('beforeRequest', { requestId: '2', method: 'OPTIONS' });
  ev('sendHeaders', {
    requestId: '2',
    method: 'OPTIONS',
    requestHeaders: h({ Origin: PAGE, 'Access-Control-Request-Method': 'PUT' }),
  });
  ev('headersReceived', {
    requestId: '2',
    method: 'OPTIONS',
    statusCode: 204,
    responseHeaders: h({ 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': 'PUT' }),
  });
  ev('completed', { requestId: '2', method: 'OPTIONS', statusCode: 204 });
}

function preflighted(order: 'actual-first' | 'preflight-first') {
  const { records, ev, h } = harness();
  const actualBR = () => ev('beforeRequest', { requestId: '1', method: 'PUT' });
  if (order === 'actual-first') actualBR();
  preflightEvents(ev, h);
  if (order === 'preflight-first') actualBR();
  ev('sendHeaders', { requestId: '1', method: 'PUT', requestHeaders: h({ Origin: PAGE }) });
  ev('headersReceived', {
    requestId: '1',
    method: 'PUT',
    statusCode: 200,
    responseHeaders: h({ 'Access-Control-Allow-Origin': PAGE }),
  });
  ev('completed', { requestId: '1', method: 'PUT', statusCode: 200 });
  return [...records.values()];
}

describe('Capture', () => {
  it('folds a preflight into the request it guards (actual onBeforeRequest first)', () => {
    const [only, ...rest] = preflighted('actual-first');
    expect(rest).toEqual([]);
    expect(only!.method).toBe('PUT');
    expect(only!.preflight?.status).toBe(204);
    expect(only!.preflight?.outcome).toBe('completed');
    expect(only!.browserOutcome).toBe('completed');
  });

  it('folds it too when the preflight arrives before its request (out-of-order delivery)', () => {
    const [only, ...rest] = preflighted('preflight-first');
    expect(rest).toEqual([]);
    expect(only!.requestId).toBe('1');
    expect(only!.preflight?.requestId).toBe('2');
  });

  it('pairs concurrent identical requests first-in first-out', () => {
    const { records, ev, h } = harness();
    ev('beforeRequest', { requestId: '7', method: 'PUT' });
    ev('beforeRequest', { requestId: '8', method: 'OPTIONS' });
    ev('sendHeaders', {
      requestId: '8',
      method: 'OPTIONS',
      requestHeaders: h({ 'Access-Control-Request-Method': 'PUT' }),
    });
    ev('beforeRequest', { requestId: '9', method: 'PUT' });
    ev('beforeRequest', { requestId: '11', method: 'OPTIONS' });
    ev('sendHeaders', {
      requestId: '11',
      method: 'OPTIONS',
      requestHeaders: h({ 'Access-Control-Request-Method': 'PUT' }),
    });
    expect(records.get('7:7')?.preflight?.requestId).toBe('8');
    expect(records.get('7:9')?.preflight?.requestId).toBe('11');
  });

  it('does not pair a preflight whose ACRM differs from the method', () => {
    const { records, ev, h } = harness();
    ev('beforeRequest', { requestId: '1', method: 'DELETE' });
    ev('beforeRequest', { requestId: '2', method: 'OPTIONS' });
    ev('sendHeaders', {
      requestId: '2',
      method: 'OPTIONS',
      requestHeaders: h({ 'Access-Control-Request-Method': 'PUT' }),
    });
    expect(records.get('7:1')?.preflight).toBeNull();
    expect(records.get('7:2')?.method).toBe('PUT');
  });

  it('keeps a failed preflight as the cause of a request that was never sent', () => {
    const { records, ev, h } = harness();
    ev('beforeRequest', { requestId: '1', method: 'PUT' });
    ev('beforeRequest', { requestId: '2', method: 'OPTIONS' });
    ev('sendHeaders', {
      requestId: '2',
      method: 'OPTIONS',
      requestHeaders: h({ 'Access-Control-Request-Method': 'PUT' }),
    });
    ev('headersReceived', {
      requestId: '2',
      method: 'OPTIONS',
      statusCode: 204,
      responseHeaders: h({ 'Access-Control-Allow-Origin': PAGE }),
    });
    ev('completed', { requestId: '2', method: 'OPTIONS', statusCode: 204 });
    ev('errorOccurred', { requestId: '1', method: 'PUT', error: 'net::ERR_FAILED' });
    const r = records.get('7:1')!;
    expect(r.browserOutcome).toBe('failed');
    expect(r.requestHeaders).toEqual([]);
    expect(r.preflight?.responseHeaders).toEqual(h({ 'Access-Control-Allow-Origin': PAGE }));
  });

  it('keeps every redirect hop and the Origin each hop sent', () => {
    const { records, ev, h } = harness();
    ev('beforeRequest', { requestId: '1' });
    ev('sendHeaders', { requestId: '1', requestHeaders: h({ Origin: PAGE }) });
    ev('headersReceived', {
      requestId: '1',
      statusCode: 302,
      responseHeaders: h({ Location: 'http://localhost:7003/x', 'Access-Control-Allow-Origin': PAGE }),
    });
    ev('beforeRedirect', { requestId: '1', statusCode: 302, redirectUrl: 'http://localhost:7003/x' });
    ev('beforeRequest', { requestId: '1', url: 'http://localhost:7003/x' });
    ev('sendHeaders', { requestId: '1', url: 'http://localhost:7003/x', requestHeaders: h({ Origin: 'null' }) });
    ev('headersReceived', {
      requestId: '1',
      url: 'http://localhost:7003/x',
      statusCode: 200,
      responseHeaders: h({ 'Access-Control-Allow-Origin': '*' }),
    });
    ev('completed', { requestId: '1', url: 'http://localhost:7003/x', statusCode: 200 });
    const r = records.get('7:1')!;
    expect(r.urlChain).toEqual([API, 'http://localhost:7003/x']);
    expect(r.redirects[0]!.headers).toEqual(
      h({ Location: 'http://localhost:7003/x', 'Access-Control-Allow-Origin': PAGE }),
    );
    expect(r.redirects[0]!.requestHeaders).toEqual(h({ Origin: 'null' }));
    expect(r.requestHeaders).toEqual(h({ Origin: PAGE }));
    expect(r.response?.status).toBe(200);
  });

  it('adopts a request already under way from its first event seen', () => {
    const { records, ev } = harness();
    ev('completed', { requestId: '5', statusCode: 200 });
    expect(records.get('7:5')?.browserOutcome).toBe('completed');
  });

  it('after a restart, folds a late preflight into the request first heard of midway, not into a second exchange', () => {
    const { capture, records, ev, h } = harness();
    capture.restartedAfter({ from: 900, to: 950 });
    // The PUT's onBeforeRequest went with the stopped worker; its headers come first here.
    ev('sendHeaders', {
      requestId: '1',
      method: 'PUT',
      requestHeaders: h({ Origin: PAGE, 'Content-Type': 'application/json' }),
    });
    preflightEvents(ev, h);
    ev('completed', {
      requestId: '1',
      method: 'PUT',
      statusCode: 200,
      responseHeaders: h({ 'Access-Control-Allow-Origin': PAGE }),
    });
    expect([...records.values()].map((r) => [r.id, r.method, r.preflight?.status, r.interruptions?.length])).toEqual([
      ['7:1', 'PUT', 204, 1],
    ]);
  });

  it("after a restart, folds a preflight whose events come after its request's end into that request", () => {
    const { capture, records, ev, h } = harness();
    capture.restartedAfter({ from: 900, to: 999 });
    ev('beforeRequest', { requestId: '1', method: 'PUT' });
    ev('sendHeaders', {
      requestId: '1',
      method: 'PUT',
      requestHeaders: h({ Origin: PAGE, 'Content-Type': 'application/json' }),
    });
    ev('completed', {
      requestId: '1',
      method: 'PUT',
      statusCode: 200,
      responseHeaders: h({ 'Access-Control-Allow-Origin': PAGE }),
    });
    preflightEvents(ev, h);
    expect([...records.values()].map((r) => [r.id, r.method, r.preflight?.status, r.preflight?.outcome])).toEqual([
      ['7:1', 'PUT', 204, 'completed'],
    ]);
  });

  it('reports a top-level navigation and records no navigation as an exchange', () => {
    const { records, navigations, ev } = harness();
    ev('beforeRequest', { requestId: '3', type: 'main_frame', url: `${PAGE}/next`, initiator: undefined });
    ev('beforeRequest', { requestId: '4', type: 'sub_frame', url: API });
    expect(navigations).toEqual([`${PAGE}/next`]);
    expect(records.size).toBe(0);
  });

  it('ends the in-flight requests of a closed tab instead of dropping them', () => {
    const { capture, records, ev } = harness();
    ev('beforeRequest', { requestId: '1' });
    capture.endTab(7, 'tab closed');
    expect(records.get('7:1')?.endedBy).toBe('tab closed');
    expect(records.get('7:1')?.browserOutcome).toBe('pending');
  });

  it('ignores same-origin requests without an Origin header', () => {
    const { records, ev, h } = harness();
    ev('beforeRequest', { requestId: '1', url: `${PAGE}/same` });
    ev('sendHeaders', { requestId: '1', url: `${PAGE}/same`, requestHeaders: h({ Accept: '*/*' }) });
    ev('completed', { requestId: '1', url: `${PAGE}/same`, statusCode: 200 });
    expect(records.size).toBe(0);
  });

  it.each([
    ['mailto:a@example.com', true],
    ['foo://bar', true],
    ['ws://127.0.0.1/s', false],
  ])('after a redirect to %s, ends the record only when webRequest will report nothing more (%s)', (location, ends) => {
    const { records, ev, h } = harness();
    ev('beforeRequest', { requestId: '1' });
    ev('sendHeaders', { requestId: '1', requestHeaders: h({ Origin: PAGE }) });
    ev('headersReceived', { requestId: '1', statusCode: 302, responseHeaders: h({ Location: location }) });
    ev('beforeRedirect', { requestId: '1', statusCode: 302, redirectUrl: location });
    const r = records.get('7:1')!;
    expect(r.redirects.map((x) => x.location)).toEqual([location]);
    expect(r.endedBy !== null).toBe(ends);
    if (!ends) {
      ev('errorOccurred', { requestId: '1', url: location, error: 'net::ERR_UNKNOWN_URL_SCHEME' });
      expect(records.get('7:1')!.browserError).toBe('net::ERR_UNKNOWN_URL_SCHEME');
    }
  });

  it('pairs the preflight of an XHR to user:pass@ (webRequest names the preflight without the credentials)', () => {
    const { records, ev, h } = harness();
    const withCredentials = API.replace('http://', 'http://u:p@');
    ev('beforeRequest', { requestId: '1', url: withCredentials, method: 'PUT' });
    ev('beforeRequest', { requestId: '2', method: 'OPTIONS' });
    ev('sendHeaders', {
      requestId: '2',
      method: 'OPTIONS',
      requestHeaders: h({ Origin: PAGE, 'Access-Control-Request-Method': 'PUT' }),
    });
    ev('completed', { requestId: '2', method: 'OPTIONS', statusCode: 204 });
    ev('sendHeaders', { requestId: '1', url: withCredentials, method: 'PUT', requestHeaders: h({ Origin: PAGE }) });
    ev('completed', { requestId: '1', url: withCredentials, method: 'PUT', statusCode: 200 });
    expect([...records.values()].map((r) => [r.id, r.preflight?.status])).toEqual([['7:1', 204]]);
  });

  it("puts a shared or service worker's own request in the one recorded tab showing its origin, preflight and all", () => {
    const { records, ev, h } = harness([7]);
    const worker = { tabId: -1, frameId: -1, documentId: undefined };
    ev('beforeRequest', { requestId: '1', method: 'PUT', ...worker });
    ev('beforeRequest', { requestId: '2', method: 'OPTIONS', ...worker });
    ev('sendHeaders', {
      requestId: '2',
      method: 'OPTIONS',
      requestHeaders: h({ Origin: PAGE, 'Access-Control-Request-Method': 'PUT' }),
      ...worker,
    });
    ev('completed', { requestId: '2', method: 'OPTIONS', statusCode: 204, ...worker });
    ev('sendHeaders', { requestId: '1', method: 'PUT', requestHeaders: h({ Origin: PAGE }), ...worker });
    ev('completed', { requestId: '1', method: 'PUT', statusCode: 200, ...worker });
    const [only, ...rest] = [...records.values()];
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ id: '7:1', tabId: 7, initiator: PAGE, preflight: { status: 204 } });
    expect(only!.tabless?.why).toMatch(/only recorded tab/);
  });

  it.each([
    ['no recorded tab shows its origin', [] as number[]],
    ['several recorded tabs do', [7, 8]],
  ])('keeps a worker request without a tab when %s, and says why', (_what, showing) => {
    const { records, ev, h } = harness(showing);
    const worker = { tabId: -1, frameId: -1, documentId: undefined };
    ev('beforeRequest', { requestId: '1', ...worker });
    ev('sendHeaders', { requestId: '1', requestHeaders: h({ Origin: PAGE }), ...worker });
    ev('completed', { requestId: '1', statusCode: 200, ...worker });
    expect(records.get('-1:1')).toMatchObject({
      tabId: -1,
      tabless: { why: expect.stringContaining('without a tab') },
    });
  });
});
