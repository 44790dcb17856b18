/**
 * The Firefox suite: stock Firefox ESR with the built dist-firefox/ installed as a temporary
 * add-on, launched once for every part (launching takes about 6 s on the 2-core machine):
 * the scenario table against Firefox's own console, network errors, the panel in Firefox's
 * DevTools toolbox in both themes, and access to websites withdrawn and granted again.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { startOrigins, type Origins } from '../e2e/support/origins.ts';
import { hostAccessChecks } from './host-access.ts';
import { networkErrorChecks } from './network-errors.ts';
import { scenarioChecks } from './scenarios.ts';
import { launchFirefox, type FirefoxSession } from './support/firefox.ts';
import type { Suite } from './support/suite.ts';
import { toolboxChecks } from './toolbox.ts';

let firefox: FirefoxSession;
let origins: Origins;
let page: Page;

beforeAll(async () => {
  origins = await startOrigins();
  // System access lets the suite open the add-on's pages and DevTools' toolbox, and change the
  // add-on's permissions as a user would.
  firefox = await launchFirefox({ systemAccess: true });
  await firefox.call('recordAll', 'firefox-suite');
  page = await firefox.browser.newPage();
});

afterAll(async () => {
  await firefox?.close();
  await origins?.close();
});

const suite: Suite = { firefox: () => firefox, origins: () => origins, page: () => page };

describe('the extension in Firefox vs Firefox', () => scenarioChecks(suite));
describe('network errors', () => networkErrorChecks(suite));
describe("the panel in Firefox's toolbox", () => toolboxChecks(suite));
describe('access to websites', () => hostAccessChecks(suite));
