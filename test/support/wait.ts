/**
 * The one way tests wait for something that arrives asynchronously (a record, an answer, a page
 * fact): read until nothing is missing, bounded, and fail loudly otherwise. Built on expect.poll, so
 * a timeout fails the test with what was awaited and what was still missing at the last reading,
 * instead of handing the caller a silent `undefined`.
 */
import { expect } from 'vitest';

export interface WaitOptions {
  /** ms; generous, because the machine running the suite may be loaded. */
  timeout?: number;
  /** ms between readings. */
  interval?: number;
}

/**
 * Reads until `missing(reading)` is empty and returns that reading. `missing` names what the
 * reading still lacks, in words a failure message can show ("GET /a: not recorded").
 */
export async function waitFor<T>(
  what: string,
  read: () => T | Promise<T>,
  missing: (reading: T) => readonly string[],
  { timeout = 10_000, interval = 50 }: WaitOptions = {},
): Promise<T> {
  let reading: T | undefined;
  await expect
    .poll(
      async () => {
        reading = await read();
        return missing(reading);
      },
      { timeout, interval, message: `waiting for ${what}` },
    )
    .toEqual([]);
  return reading as T;
}
