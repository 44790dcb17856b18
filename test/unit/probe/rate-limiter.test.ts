import { describe, expect, it } from 'vitest';
import { createRateLimiter, type Clock } from '../../../src/probe/rate-limiter.ts';

/** A clock that only moves when the limiter sleeps, so the test measures the schedule, not the machine. */
function fakeClock(): Clock & { sleeps: number[]; time: number } {
  const clock = {
    time: 0,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}

describe('createRateLimiter', () => {
  it('spaces starts 1/rate apart when requests are instant', async () => {
    const clock = fakeClock();
    const wait = createRateLimiter(4, clock);
    for (let i = 0; i < 4; i++) await wait();
    expect(clock.sleeps).toEqual([250, 250, 250]);
    expect(clock.time).toBe(750);
  });
  it('does not sleep when the requests themselves were slower than the rate', async () => {
    const clock = fakeClock();
    const wait = createRateLimiter(2, clock);
    await wait();
    clock.time += 900;
    await wait();
    clock.time += 100;
    await wait();
    expect(clock.sleeps).toEqual([400]);
  });
});
