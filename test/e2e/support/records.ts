/**
 * Waiting for the worker's records of the calls a test made, paired with those calls. One helper
 * for every end-to-end test (scenario matrix, Verify with Chrome, page observer), on the one wait
 * of test/support/wait.ts: a record that never arrives fails the test and says which.
 */
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { waitFor, type WaitOptions } from '../../support/wait.ts';
import { recorded, type TestBrowser } from './extension.ts';

/** What a record must show before the test reads it. */
export interface RecordState {
  what: string;
  reached(r: ExchangeRecord): boolean;
}

/** Ended: webRequest reported the end, or the capture ended it (a redirect to mailto: never ends for webRequest). */
export const FINISHED: RecordState = {
  what: 'finished',
  reached: (r) => r.browserOutcome !== 'pending' || r.endedBy !== null,
};

export const FINISHED_WITH_PAGE_FACTS: RecordState = {
  what: "finished, with the page's facts",
  reached: (r) => r.browserOutcome !== 'pending' && !!r.pageFacts?.outcome,
};

export const ANSWERED_BY_CHROMIUM: RecordState = {
  what: "answered by Chromium's own verdict",
  reached: (r) => !!r.chromium,
};

/** Pairs records with first-hop URLs in call order; identical URLs pair oldest first. */
export function pairWithCalls(records: ExchangeRecord[], urls: readonly string[]): (ExchangeRecord | undefined)[] {
  const unused = records.filter((r) => urls.includes(r.url)).sort((a, b) => a.startedAt - b.startedAt);
  return urls.map((url) => {
    const i = unused.findIndex((r) => r.url === url);
    return i < 0 ? undefined : unused.splice(i, 1)[0];
  });
}

/**
 * The records of `urls` (first-hop URLs, in call order), once each awaited one is recorded and has
 * reached `state` (FINISHED, FINISHED_WITH_PAGE_FACTS, ANSWERED_BY_CHROMIUM). Every URL is awaited unless `awaited` says otherwise (the worker does not record
 * plain same-origin requests); one that is not awaited comes back as whatever was recorded, or undefined.
 */
export function recordsFor(
  b: TestBrowser,
  urls: readonly string[],
  state: RecordState,
  awaited: (index: number) => boolean = () => true,
  options?: WaitOptions,
): Promise<(ExchangeRecord | undefined)[]> {
  return recordsFrom('the worker', () => recorded(b), urls, state, awaited, options);
}

/** recordsFor, reading another source's records (`who` names it in a failure). */
export async function recordsFrom(
  who: string,
  read: () => Promise<ExchangeRecord[]>,
  urls: readonly string[],
  state: RecordState,
  awaited: (index: number) => boolean = () => true,
  options?: WaitOptions,
): Promise<(ExchangeRecord | undefined)[]> {
  const records = await waitFor(
    `${who}'s records of ${urls.length} call(s), ${state.what}`,
    read,
    (all) =>
      pairWithCalls(all, urls).flatMap((r, i) =>
        !awaited(i)
          ? []
          : !r
            ? [`${urls[i]}: not recorded`]
            : state.reached(r)
              ? []
              : [`${urls[i]}: not ${state.what}`],
      ),
    options,
  );
  return pairWithCalls(records, urls);
}
