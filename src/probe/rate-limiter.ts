/** Spaces request starts at most `ratePerSecond` per second, whatever the responses' speed. */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Returns a function to await before each request. */
export function createRateLimiter(ratePerSecond: number, clock: Clock = realClock): () => Promise<void> {
  const interval = 1000 / ratePerSecond;
  let nextStart = -Infinity;
  return async () => {
    const now = clock.now();
    const start = Math.max(now, nextStart);
    nextStart = start + interval;
    if (start > now) await clock.sleep(start - now);
  };
}
