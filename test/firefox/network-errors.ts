/**
 * Requests that never got an answer: Firefox logs "CORS request did not succeed. Status code:
 * (null)" for them too, although no CORS check ran. The record must call them failed, with
 * Firefox's network error, not blocked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { pairWithCalls } from '../e2e/support/records.ts';
import { performCalls, type ResolvedCall } from '../e2e/support/scenario-page.ts';
import { waitFor } from '../support/wait.ts';
import { corsMessagesAbout, firefoxDecision } from './support/firefox-oracle.ts';
import type { Suite } from './support/suite.ts';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function networkErrorChecks(suite: Suite): void {
  const cases: [string, Omit<ResolvedCall, 'url'>][] = [
    ['a GET', { api: 'fetch' }],
    ['a preflighted PUT, whose preflight gets no answer', { api: 'fetch', method: 'PUT', body: 'x' }],
  ];
  for (const [what, call] of cases) {
    it(`${what} to a closed port: failed, as Firefox's console and JavaScript say`, async () => {
      const firefox = suite.firefox();
      const page = suite.page();
      await page.goto(`${suite.origins().page}/page/firefox-network-error`);
      const url = `http://localhost:${await closedPort()}/unreachable/${call.method ?? 'GET'}`;
      const from = firefox.console.length;
      const [js] = await page.evaluate(performCalls, { calls: [{ ...call, url }], concurrent: false });
      const [record] = pairWithCalls(
        await waitFor(
          'the record of the call, finished',
          () => firefox.call('exchanges'),
          (all) => (pairWithCalls(all, [url])[0]?.browserOutcome === 'failed' ? [] : [`${url}: not failed yet`]),
        ),
        [url],
      );
      const messages = corsMessagesAbout(
        firefox.console.slice(from).map((e) => e.text),
        [url],
      );
      expect(messages[0]).toMatch(/\(Reason: CORS request did not succeed\)\. Status code: \(null\)\.$/);
      expect(firefoxDecision(js!, messages, true).verdict).toBe('failed');
      // A preflight that got no answer fails with the network error; its request with NS_ERROR_DOM_BAD_URI.
      expect(record?.preflight?.error ?? record?.browserError).toBe('NS_ERROR_CONNECTION_REFUSED');
      expect(record?.evaluation.verdict).toBe('failed');
      expect(record?.evaluation.reason).toBeNull();
    });
  }
}
