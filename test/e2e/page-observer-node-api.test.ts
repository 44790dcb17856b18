/**
 * The Node API's `pageObserver` option (the CLI's --no-page-observer): on by default, so records
 * carry the page's facts; off, pages keep their native fetch and records carry none.
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
});

afterAll(async () => {
  await origins?.close();
});

describe('launchInspector({ pageObserver })', () => {
  it.each([
    ['on by default', undefined, true],
    ['off when asked', false, false],
  ])('%s', async (_what, pageObserver, observed) => {
    const inspector = await launchInspector(pageObserver === undefined ? {} : { pageObserver });
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
});
