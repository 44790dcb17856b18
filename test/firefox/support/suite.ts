/**
 * What every part of the Firefox suite shares: the one Firefox (launched once for the whole suite
 * by firefox.test.ts), the loopback origins, and a page to run calls in. Parts read them through
 * getters, because they are set in beforeAll, after the parts declared their tests.
 */
import type { Page } from 'puppeteer-core';
import type { Origins } from '../../e2e/support/origins.ts';
import type { FirefoxSession } from './firefox.ts';

export interface Suite {
  firefox(): FirefoxSession;
  origins(): Origins;
  /** The tab the scenarios run in. */
  page(): Page;
}
