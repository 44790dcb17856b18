/**
 * Waiting for exchanges still in flight before a report is read: a source hears of a request's
 * end a moment after the page does. Long polls and event streams never end, so the wait is
 * bounded by the caller's `settleMs` and what is still in flight is reported as unfinished.
 */
export async function untilSettled(inFlight: () => number | Promise<number>, settleMs: number): Promise<void> {
  const deadline = Date.now() + settleMs;
  while ((await inFlight()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}
