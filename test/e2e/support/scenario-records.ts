/**
 * One check for every source's own record of a scenario call (the extension's webRequest capture,
 * DevTools' network log, the Node API's CDP session): the record's evaluation, reduced to a
 * Decision, must be what Chromium decided.
 */
import { expect } from 'vitest';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { engineDecision, withoutReadable, type Decision } from './scenario-oracle.ts';

export function expectRecordAgrees(record: ExchangeRecord, browserSays: Decision, label: string): void {
  const e = record.evaluation;
  const sourceSays = engineDecision(e, browserSays.readable !== undefined);
  const expected = sourceSays.readable === undefined ? withoutReadable(browserSays) : browserSays;
  if (e.reason?.assumptions.some((a) => a.includes('header order'))) {
    // No network-side source shows the request headers of a request whose preflight failed, so
    // which of several disallowed headers Chromium named is unknowable there: the record must say so.
    expect.soft(e.confidence, `${label}: an unknowable header order is not presented as certain`).not.toBe('certain');
    expect
      .soft({ ...sourceSays, failedParameter: undefined }, label)
      .toEqual({ ...expected, failedParameter: undefined });
  } else {
    expect.soft(sourceSays, label).toEqual(expected);
  }
}
