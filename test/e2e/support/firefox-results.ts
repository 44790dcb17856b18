/**
 * What Firefox did for each scenario of the table, one entry per call, kept the way the table keeps
 * Chromium's result: recorded by the Firefox suite (`RECORD_FIREFOX_RESULTS=1 npx vitest run
 * --project firefox`, after `npm run build`) into scenario-firefox.ts, re-checked by it on every run,
 * and compared by the Chromium matrix with what the engine says Firefox would do on Chromium's wire,
 * so the explanation's "Firefox would …" notes are measured, not asserted.
 */
import type { Verdict } from '../../../src/cors/types.ts';
import type { Origins } from './origins.ts';

/** Firefox's verdict for one call and its first console message, with the table's templates. */
export interface FirefoxResult {
  verdict: Verdict;
  message?: string;
}

/**
 * A message with the run's origins and the scenario's base path turned back into the table's
 * templates ({page}, {api}, {api2}, their -host forms, {base}), so it holds on any ports.
 */
export function templated(text: string, origins: Pick<Origins, 'page' | 'api' | 'api2'>, base: string): string {
  const pairs: [string, string][] = [
    [origins.page, '{page}'],
    [origins.api, '{api}'],
    [origins.api2, '{api2}'],
    [new URL(origins.page).host, '{page-host}'],
    [new URL(origins.api).host, '{api-host}'],
    [new URL(origins.api2).host, '{api2-host}'],
    [base, '{base}'],
  ];
  return pairs.reduce((t, [value, template]) => t.split(value).join(template), text);
}
