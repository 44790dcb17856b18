/**
 * `await expect(page).toHaveNoCorsErrors(options)`: passes when every cross-origin request of the
 * page so far was checked and none was blocked (nor, with `failOnFindings`, had a finding at or
 * above that severity). It waits up to the assertion's timeout for requests still in flight, and
 * never passes one whose end it did not see. On failure the message lists each request with its
 * reason, the failing header and the fix. Either way the JSON and Markdown reports are attached to
 * the test, so they show in Playwright's HTML report. The decision is the CLI's (src/shared/gate.ts).
 */
import type { TestInfo } from '@playwright/test';
import type { Page } from 'playwright-core';
import type { Severity } from '../cors/types.ts';
import { gateReport, type UrlPattern } from '../shared/gate.ts';
import { toMarkdown } from '../shared/markdown.ts';
import type { Report } from '../shared/report.ts';
import { explainExchange, exchangeTitle } from '../shared/report-text.ts';
import type { Inspector } from './inspector.ts';

export interface CorsMatcherOptions {
  /** Requests to leave out: a string matches anywhere in the URL, a RegExp by test(). */
  ignore?: UrlPattern[];
  /** Also fail on findings of this severity or worse (default: only blocked reads fail). */
  failOnFindings?: Severity;
  /** How long to wait for requests in flight to finish (default: the expect timeout). */
  timeout?: number;
}

export interface MatcherContext {
  isNot: boolean;
  timeout: number;
  matcherHint(): string;
}

export interface MatcherResult {
  pass: boolean;
  message: () => string;
  name: string;
}

export const MATCHER_NAME = 'toHaveNoCorsErrors';
export const ATTACHMENTS = { json: 'cors-report.json', markdown: 'cors-report.md' } as const;

function numbered(lines: string[][]): string[] {
  return lines.flatMap((l, i) => [`${i + 1}. ${l[0]!.trimStart()}`, ...l.slice(1).map((s) => `  ${s}`), '']);
}

function describeFailure(report: Report, gate: ReturnType<typeof gateReport>, attached: boolean): string[] {
  const failing = report.exchanges.filter((_, i) => gate.exchanges[i]!.status === 'fail');
  const unchecked = report.exchanges.flatMap((x, i) =>
    gate.exchanges[i]!.status === 'unchecked' ? [`${exchangeTitle(x)}: ${gate.exchanges[i]!.unchecked}`] : [],
  );
  const lines: string[] = [];
  if (failing.length)
    lines.push(
      `${failing.length} cross-origin request(s) failed CORS:`,
      '',
      ...numbered(failing.map((x) => explainExchange(x))),
    );
  if (unchecked.length)
    lines.push(
      `${unchecked.length} cross-origin request(s) could not be checked (their end was not seen, or they failed before CORS could be judged); wait for them, or leave them out with { ignore: [...] }:`,
      ...unchecked.map((u) => `  - ${u}`),
      '',
    );
  lines.push(summaryLine(report, gate, attached));
  return lines;
}

function summaryLine(report: Report, gate: ReturnType<typeof gateReport>, attached: boolean): string {
  const ignored = gate.count.ignored ? `, ${gate.count.ignored} ignored` : '';
  const where = attached
    ? ` The JSON and Markdown reports are attached to this test (${ATTACHMENTS.json}, ${ATTACHMENTS.markdown}).`
    : '';
  return `${report.exchanges.length} cross-origin exchange(s) on this page${ignored}.${where}`;
}

/** The current test, or null outside one (the matcher then attaches nothing). */
async function attach(testInfo: TestInfo | null, inspector: Inspector, tabId: number, report: Report) {
  if (!testInfo) return false;
  const records = await inspector.records({ tabId, settleMs: 0 });
  await testInfo.attach(ATTACHMENTS.json, {
    body: `${JSON.stringify(report, null, 2)}\n`,
    contentType: 'application/json',
  });
  await testInfo.attach(ATTACHMENTS.markdown, {
    body: toMarkdown(records, {
      pageUrl: report.exchanges[0]?.pageUrl ?? '',
      generatedAt: Date.parse(report.createdAt),
      capture: report.capture,
    }),
    contentType: 'text/markdown',
  });
  return true;
}

export async function toHaveNoCorsErrors(
  context: MatcherContext,
  inspector: Inspector | undefined,
  page: Page,
  testInfo: TestInfo | null,
  options: CorsMatcherOptions = {},
): Promise<MatcherResult> {
  const hint = context.matcherHint();
  if (!inspector)
    return {
      pass: false,
      name: MATCHER_NAME,
      message: () =>
        `${hint}\n\nThis page is not recorded by CORS Inspector: use the \`page\` fixture of cors-inspector/playwright (or inspector.newPage()).`,
    };
  const tabId = await inspector.tabIdOf(page);
  const report = await inspector.report({ tabId, settleMs: options.timeout ?? context.timeout });
  const gate = gateReport(report, {
    rule: { blocked: true, findings: options.failOnFindings ?? null },
    ignore: options.ignore,
  });
  const attached = await attach(testInfo, inspector, tabId, report);
  const pass = gate.count.fail === 0 && gate.count.unchecked === 0;
  return {
    pass,
    name: MATCHER_NAME,
    message: () =>
      [
        hint,
        '',
        ...(pass
          ? [`Expected CORS errors, but every cross-origin request passed.`, summaryLine(report, gate, attached)]
          : describeFailure(report, gate, attached)),
      ].join('\n'),
  };
}
