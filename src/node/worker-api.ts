/**
 * Calls the extension worker's inspection API (src/shared/inspection-api.ts) from Node, through
 * Playwright's worker.evaluate(). Shared by the Node API and the end-to-end tests. A stopped
 * worker makes evaluate() hang until it runs again, so every call has a time limit.
 */
import type { Worker } from 'playwright-core';
import type { InspectionApi } from '../shared/inspection-api.ts';
import { withTimeout } from './chromium.ts';

type Method = keyof InspectionApi;
type Args<K extends Method> = InspectionApi[K] extends (...args: infer A) => unknown ? A : never;
type Result<K extends Method> = InspectionApi[K] extends (...args: never[]) => infer R ? Awaited<R> : never;

export const WORKER_CALL_TIMEOUT_MS = 30_000;

/**
 * How long a call may wait for a worker still handling a busy page's events: Chromium queues the
 * call behind them. Measured after 100 000 requests over 10 tabs: over 30 s (the report then
 * failed with "Timed out after 30000 ms: corsInspector.records()"). Still a limit: a hung worker fails.
 */
export const WORKER_BACKLOG_TIMEOUT_MS = 15 * 60_000;

export function callWorker<K extends Method>(worker: Worker, method: K, ...args: Args<K>): Promise<Result<K>> {
  return callWorkerWithin(WORKER_CALL_TIMEOUT_MS, worker, method, ...args);
}

/** callWorker with its own time limit. */
export function callWorkerWithin<K extends Method>(
  timeoutMs: number,
  worker: Worker,
  method: K,
  ...args: Args<K>
): Promise<Result<K>> {
  return withTimeout(
    worker.evaluate(
      ([m, a]) => {
        const api = globalThis.corsInspector;
        if (!api) throw new Error('the CORS Inspector worker has not started');
        return (api[m] as (...x: unknown[]) => unknown)(...a);
      },
      [method, args] as [K, unknown[]],
    ) as Promise<Result<K>>,
    timeoutMs,
    `corsInspector.${method}()`,
  );
}
