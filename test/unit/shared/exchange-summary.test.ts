/**
 * The Status cell after a worker stop: a request whose end went with the stopped worker is
 * unfinished, not canceled; a call recovered from the page's report shows the status the page got.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../src/devtools/panel/fixtures/scenarios.ts';
import { statusText } from '../../../src/shared/exchange-summary.ts';

describe('statusText', () => {
  it('after a worker stop: the status the page got, "(unfinished)" for an end not seen, the response otherwise', () => {
    const { exchanges } = SCENARIOS['worker-stop']!();
    expect(exchanges.map((r) => [new URL(r.url).pathname, statusText(r)])).toEqual([
      ['/api/users', '200'],
      ['/api/reports/export', '(unfinished)'],
      ['/api/quotes/7', '200'],
      ['/api/orders/41', '200'],
    ]);
  });
});
