/**
 * The Node API's `pageObserver` option (the CLI's --no-page-observer) with the extension source:
 * on by default, so records carry the page's facts; off, pages keep their native fetch and records
 * carry none. And report() read at once still holds the calls only the page saw, refusals and
 * CSP-refused ones alike. The CDP source never touches the page, whatever the option says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchInspector } from '../../src/node/inspector.ts';
import { startOrigins, type Origins } from './support/origins.ts';

let origins: Origins;

beforeAll(async () => {
  origins = await startOrigins();
  origins.route('/node-api/star', (_req, res) => {
    res.writeHead(200, { 'access-control-allow-origin': '*' });
    res.end('star');
  });
  origins.route('/node-api/csp-page', (_req, res) => {
    // Allows the one URL the refusal is sent to (CSP refuses before the mode is checked), no other.
    res.writeHead(200, {
      'content-type': 'text/html',
      'content-security-policy': `connect-src 'self' ${origins.api}/node-api/refused`,
    });
    res.end('<!doctype html><title>csp</title>');
  });
});

afterAll(async () => {
  await origins?.close();
});

describe('launchInspector({ pageObserver })', () => {
  it.each([
    ['on by default', undefined, true],
    ['off when asked', false, false],
  ])('%s', async (_what, pageObserver, observed) => {
    const inspector = await launchInspector(
      pageObserver === undefined ? { source: 'extension' } : { source: 'extension', pageObserver },
    );
    try {
      const page = await inspector.newPage();
      await page.goto(`${origins.page}/page/node-api-${observed}`);
      const url = `${origins.api}/node-api/star?${observed}`;
      const native = await page.evaluate(async (u) => {
        await fetch(u, { credentials: 'omit' });
        return Function.prototype.toString.call(window.fetch) === 'function fetch() { [native code] }';
      }, url);
      expect(native).toBe(!observed);
      await expect
        .poll(async () => (await inspector.records()).find((r) => r.url === url)?.browserOutcome)
        .toBe('completed');
      const record = (await inspector.records()).find((r) => r.url === url)!;
      if (observed)
        await expect
          .poll(async () => (await inspector.records()).find((r) => r.url === url)?.pageFacts?.call.credentials)
          .toBe('omit');
      else expect(record.pageFacts).toBeUndefined();
    } finally {
      await inspector.close();
    }
  });

  it('does not apply to the CDP source, which leaves pages untouched', async () => {
    const inspector = await launchInspector({ source: 'cdp', pageObserver: true });
    try {
      const page = await inspector.newPage();
      await page.goto(`${origins.page}/page/node-api-cdp`);
      const url = `${origins.api}/node-api/star?cdp`;
      const native = await page.evaluate(async (u) => {
        await fetch(u, { credentials: 'omit' });
        return Function.prototype.toString.call(window.fetch) === 'function fetch() { [native code] }';
      }, url);
      expect(native).toBe(true);
      await expect
        .poll(async () => (await inspector.records()).find((r) => r.url === url)?.browserOutcome)
        .toBe('completed');
      const record = (await inspector.records()).find((r) => r.url === url)!;
      expect(record.pageFacts).toBeUndefined();
      expect(record.source).toBe('cdp');
      expect(record.evaluation.credentials.source).toBe('not observable by the DevTools protocol');
    } finally {
      await inspector.close();
    }
  });
});

describe('report() read right after the page made its calls', () => {
  it('lists the calls only the page saw: a refusal and a CSP-refused call', async () => {
    // Only the extension source has a page observer to see them.
    const inspector = await launchInspector({ source: 'extension' });
    try {
      const page = await inspector.newPage();
      await page.goto(`${origins.page}/node-api/csp-page`);
      const refused = `${origins.api}/node-api/refused`;
      const csp = `${origins.api}/node-api/csp`;
      await page.evaluate(([a, b]) => Promise.allSettled([fetch(a, { mode: 'same-origin' }), fetch(b)]), [
        refused,
        csp,
      ] as const);
      const report = await inspector.report();
      const byUrl = new Map(report.exchanges.map((x) => [x.url, x]));
      expect(byUrl.get(refused)?.reason?.code).toBe('DisallowedByMode');
      expect(byUrl.get(csp)?.failure).toMatch(/Content-Security-Policy \(connect-src\)/);
    } finally {
      await inspector.close();
    }
  });
});
