/**
 * The CDP source (src/node/cdp/tab-capture.ts) watching a test's page, beside whatever else
 * records it: its settled records and those still in flight, judged as the Node API judges them.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { PreflightAnswers } from '../../../src/node/cdp/preflight-due.ts';
import { RecordStore } from '../../../src/node/cdp/record-store.ts';
import { TabCapture } from '../../../src/node/cdp/tab-capture.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { evaluateRecord } from '../../../src/shared/observed.ts';

export interface CdpSourceTab {
  /** Every record so far, judged. */
  records(): Promise<ExchangeRecord[]>;
}

export async function watchWithCdpSource(context: BrowserContext, page: Page): Promise<CdpSourceTab> {
  let seq = 0;
  const store = new RecordStore();
  const tab = await TabCapture.attach(context, page, 1, {
    store,
    nextSeq: () => ++seq,
    preflights: new PreflightAnswers(),
  });
  return {
    records: async () => [...store.read(tab.tabId), ...tab.pending()].map(evaluateRecord),
  };
}
