/**
 * A few pairs of pages in the one browser, lent out one pair at a time: replays run concurrently
 * (each replay has its own URLs, so nothing is shared), bounded by the pool's size. The second page
 * of a pair is for a foreign origin, on another site (localhost, not 127.0.0.1) and so in another
 * HTTP cache partition: sharing one, its GET would revalidate the allowed origin's cached 200
 * (If-None-Match → 304), and Chromium would check that cached ACAO.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface PagePair {
  page: Page;
  foreignPage: Page;
}

export class PagePool {
  private readonly idle: PagePair[];
  private readonly waiting: ((pair: PagePair) => void)[] = [];

  private constructor(pairs: PagePair[]) {
    this.idle = [...pairs];
  }

  static async open(context: BrowserContext, size: number): Promise<PagePool> {
    const pairs = await Promise.all(
      Array.from({ length: size }, async () => ({
        page: await context.newPage(),
        foreignPage: await context.newPage(),
      })),
    );
    return new PagePool(pairs);
  }

  /** Runs `work` with a pair of pages of its own. */
  async with<T>(work: (pair: PagePair) => Promise<T>): Promise<T> {
    const pair = this.idle.pop() ?? (await new Promise<PagePair>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(pair);
    } finally {
      const next = this.waiting.shift();
      if (next) next(pair);
      else this.idle.push(pair);
    }
  }
}
