/** Waits until a page has had no request in flight for `idleMs` (or `timeoutMs` passed). */
import type { Page } from 'playwright-core';

export function waitForNetworkIdle(page: Page, idleMs: number, timeoutMs: number): Promise<'idle' | 'timeout'> {
  return new Promise((resolve) => {
    let inflight = 0;
    let idleTimer: NodeJS.Timeout | undefined;
    const finish = (how: 'idle' | 'timeout') => {
      clearTimeout(idleTimer);
      clearTimeout(deadline);
      page.off('request', started);
      page.off('requestfinished', ended);
      page.off('requestfailed', ended);
      resolve(how);
    };
    const arm = () => {
      clearTimeout(idleTimer);
      if (inflight === 0) idleTimer = setTimeout(() => finish('idle'), idleMs);
    };
    const started = () => {
      inflight++;
      clearTimeout(idleTimer);
    };
    const ended = () => {
      inflight = Math.max(0, inflight - 1);
      arm();
    };
    const deadline = setTimeout(() => finish('timeout'), timeoutMs);
    page.on('request', started);
    page.on('requestfinished', ended);
    page.on('requestfailed', ended);
    arm();
  });
}
