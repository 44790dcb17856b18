/**
 * How the CDP source counts requests it saw too late from its two witnesses (the end of a request
 * whose start was not seen, and Resource Timing): never more than the requests there were.
 */
import { describe, expect, it } from 'vitest';
import { MissedRequests } from '../../../src/node/cdp/missed-requests.ts';

const A = 'http://127.0.0.1:1/cdp/star?srcdoc-1';
const B = 'http://127.0.0.1:1/cdp/star?srcdoc-2';

describe('requests missed, as counted from two witnesses', () => {
  it('one request seen by both witnesses is one', () => {
    const m = new MissedRequests();
    m.note(A, 'ended');
    m.note(A, 'timed');
    expect(m.total).toBe(1);
  });

  it('two ended requests with no URL known and the two URLs Resource Timing named are two, not four', () => {
    const m = new MissedRequests();
    m.note(undefined, 'ended');
    m.note(undefined, 'ended');
    m.note(A, 'timed');
    m.note(B, 'timed');
    expect(m.total).toBe(2);
    expect(m.why()).toMatch(/^2 request\(s\) .* \(.*srcdoc-1, .*srcdoc-2\)/);
  });

  it('an ended request with no URL beyond what Resource Timing named is counted on top', () => {
    const m = new MissedRequests();
    m.note(undefined, 'ended');
    m.note(undefined, 'ended');
    m.note(A, 'ended');
    m.note(A, 'timed');
    m.note(B, 'timed');
    expect(m.total).toBe(3);
  });

  it('the same URL missed twice is two', () => {
    const m = new MissedRequests();
    m.note(A, 'timed');
    m.note(A, 'timed');
    m.note(A, 'ended');
    expect(m.total).toBe(2);
  });
});
