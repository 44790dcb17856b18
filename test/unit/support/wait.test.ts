/** The one wait helper: it returns the first complete reading and fails loudly, naming what it awaited. */
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait.ts';

describe('waitFor', () => {
  it('reads until nothing is missing and returns that reading', async () => {
    let reads = 0;
    const reading = await waitFor(
      'three reads',
      () => ++reads,
      (n) => (n < 3 ? [`only ${n}`] : []),
      { interval: 1 },
    );
    expect(reading).toBe(3);
    expect(reads).toBe(3);
  });

  it('fails with what it awaited and what was still missing', async () => {
    const waiting = waitFor(
      'the record of /a',
      async () => [],
      () => ['GET /a: not recorded'],
      {
        timeout: 30,
        interval: 5,
      },
    );
    await expect(waiting).rejects.toThrow(/waiting for the record of \/a/);
    await expect(waiting).rejects.toThrow(/GET \/a: not recorded/);
  });
});
