/**
 * DevTools open on a tab: the tab is recorded from DevTools' own network log (the DevTools page
 * sends it), with no webRequest listener at all, and the verdicts agree with Chromium's own
 * (corsErrorStatus over CDP) and with what the page's JavaScript saw.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWorker } from '../../src/node/worker-api.ts';
import { close, launch, recorded, tabIdOf, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';

let b: TestBrowser;
let origins: Origins;
let page: Page;
let cdp: CDPSession;
let tabId: number;
const corsErrors = new Map<string, string>();

beforeAll(async () => {
  origins = await startOrigins();
  const cors = (req: { headers: Record<string, string | string[] | undefined> }) => ({
    'access-control-allow-origin': String(req.headers.origin ?? '*'),
    'access-control-allow-methods': 'PUT',
    'access-control-allow-headers': 'content-type',
  });
  origins.route('/dt/ok', (req, res) => {
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, cors(req));
    res.end('ok');
  });
  origins.route('/dt/no-acao', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('hidden');
  });
  origins.route('/dt/preflight-no-acam', (req, res) => {
    res.writeHead(204, { 'access-control-allow-origin': String(req.headers.origin ?? '*') });
    res.end();
  });
  b = await launch(['--auto-open-devtools-for-tabs']);
  page = await b.context.newPage();
  await page.goto(`${origins.page}/page/devtools-source`);
  tabId = await tabIdOf(b, page);
  cdp = await b.context.newCDPSession(page);
  cdp.on('Network.loadingFailed', (p: { requestId: string; corsErrorStatus?: { corsError: string } }) => {
    if (p.corsErrorStatus) corsErrors.set(p.requestId, p.corsErrorStatus.corsError);
  });
  await cdp.send('Network.enable');
});

afterAll(async () => {
  if (b) await close(b);
  await origins?.close();
});

const call = (url: string, init: RequestInit = {}) =>
  page.evaluate(
    async ([u, i]) => {
      try {
        return `read ${(await fetch(u, i)).status}`;
      } catch {
        return 'TypeError';
      }
    },
    [url, init] as const,
  );

describe('DevTools open on a tab', () => {
  it('records the tab from DevTools’ own network log, with no webRequest listener', async () => {
    await expect
      .poll(async () => (await callWorker(b.worker, 'recordedTabs')).includes(tabId), { timeout: 20_000 })
      .toBe(true);
    expect(await callWorker(b.worker, 'extraHeadersListenerCount')).toBe(0);
  });

  it('judges each exchange as Chromium did, preflights folded in', async () => {
    const put = { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' };
    const js = {
      ok: await call(`${origins.api}/dt/ok`),
      noAcao: await call(`${origins.api}/dt/no-acao`),
      putOk: await call(`${origins.api}/dt/ok?put`, put),
      putNoAcam: await call(`${origins.api}/dt/preflight-no-acam`, put),
    };
    expect(js).toEqual({ ok: 'read 200', noAcao: 'TypeError', putOk: 'read 200', putNoAcam: 'TypeError' });
    const mine = async () => (await recorded(b, tabId)).filter((r) => r.url.includes('/dt/'));
    await expect.poll(async () => (await mine()).length, { timeout: 20_000 }).toBe(4);
    const byUrl = new Map((await mine()).map((r) => [new URL(r.url).pathname + new URL(r.url).search, r]));
    expect([...byUrl.values()].every((r) => r.source === 'devtools')).toBe(true);
    expect(byUrl.get('/dt/ok')?.evaluation.verdict).toBe('allowed');
    expect(byUrl.get('/dt/no-acao')?.evaluation).toMatchObject({
      verdict: 'blocked',
      reason: { code: 'MissingAllowOriginHeader' },
    });
    expect(byUrl.get('/dt/ok?put')).toMatchObject({ preflight: { status: 204 }, evaluation: { verdict: 'allowed' } });
    expect(byUrl.get('/dt/preflight-no-acam')).toMatchObject({
      preflight: { status: 204 },
      evaluation: { verdict: 'blocked', reason: { code: 'MethodDisallowedByPreflightResponse' } },
    });
    // Chromium's own answers, for the two it blocked.
    expect([...corsErrors.values()].sort()).toEqual([
      'MethodDisallowedByPreflightResponse',
      'MissingAllowOriginHeader',
    ]);
  });
});
