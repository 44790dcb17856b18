/**
 * Waits until a page has had no request in flight for `idleMs` (or `timeoutMs` passed, or `signal`
 * aborted: its timers must not keep the process alive after the page is given up).
 */
import type { Page } from 'playwright-core';

export function waitForNetworkIdle(
  page: Page,
  idleMs: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<'idle' | 'timeout' | 'aborted'> {
  return new Promise((resolve) => {
    let inflight = 0;
    let idleTimer: NodeJS.Timeout | undefined;
    const finish = (how: 'idle' | 'timeout' | 'aborted') => {
      clearTimeout(idleTimer);
      clearTimeout(deadline);
      signal?.removeEventListener('abort', aborted);
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
    const aborted = () => finish('aborted');
    const deadline = setTimeout(() => finish('timeout'), timeoutMs);
    signal?.addEventListener('abort', aborted);
    page.on('request', started);
    page.on('requestfinished', ended);
    page.on('requestfailed', ended);
    arm();
  });
}
