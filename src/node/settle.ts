/**
 * Waiting for exchanges still in flight before a report is read: a source hears of a request's
 * start and end a moment after the page does (a request the page just made may not have reached
 * the source yet). Settled means nothing in flight and nothing new for a moment. Long polls and
 * event streams never end, so the wait is bounded by the caller's `settleMs` and what is still in
 * flight is reported as unfinished.
 */
export interface Activity {
  /** Exchanges still in flight, or otherwise still to come (0 when none). */
  busy: number;
  /** A count that moves whenever the source hears of something new. */
  seen: number;
}

/** How long nothing new must arrive: events of a call just made reach the source this soon. */
export const QUIET_MS = 150;

export async function untilSettled(read: () => Promise<Activity>, settleMs: number): Promise<void> {
  const deadline = Date.now() + settleMs;
  let now = await read();
  let quietSince = Date.now();
  while (!(now.busy === 0 && Date.now() - quietSince >= QUIET_MS) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    const next = await read();
    if (next.seen !== now.seen) quietSince = Date.now();
    now = next;
  }
}
