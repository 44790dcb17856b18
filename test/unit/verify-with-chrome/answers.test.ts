/**
 * "Verify with Chrome": Chromium's answers read from CDP events pair with the right records, and
 * the comparison flags exactly the disagreements.
 */
import { describe, expect, it } from 'vitest';
import { ChromiumAnswers } from '../../../src/background/verify-with-chrome-answers.ts';
import { wrongEvaluation } from '../../../src/background/verify-with-chrome-test-hook.ts';
import { evaluate } from '../../../src/cors/index.ts';
import type { Evaluation } from '../../../src/cors/types.ts';
import { chromiumBugReport, compareWithChromium, type ChromiumAnswer } from '../../../src/shared/verify-with-chrome.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';

const API = 'http://localhost:9000/r';
const sent = (requestId: string, url = API, extra: Record<string, unknown> = {}) =>
  [
    'Network.requestWillBeSent',
    { requestId, request: { url, method: 'GET' }, initiator: { type: 'script' }, type: 'Fetch', ...extra },
  ] as const;
const failed = (requestId: string, corsError?: string, failedParameter = '') =>
  [
    'Network.loadingFailed',
    {
      requestId,
      errorText: 'net::ERR_FAILED',
      ...(corsError ? { corsErrorStatus: { corsError, failedParameter } } : {}),
    },
  ] as const;
const finished = (requestId: string) => ['Network.loadingFinished', { requestId }] as const;
const record = (
  over: Partial<Pick<ExchangeRecord, 'method' | 'url' | 'browserOutcome' | 'endedBy' | 'pageFacts'>> = {},
): Pick<ExchangeRecord, 'method' | 'url' | 'browserOutcome' | 'endedBy' | 'pageFacts'> => ({
  method: 'GET',
  url: API,
  browserOutcome: 'failed',
  endedBy: null,
  pageFacts: undefined,
  ...over,
});

describe('ChromiumAnswers', () => {
  it('answers a record the capture ended (webRequest reports no end after a redirect to mailto:)', () => {
    const a = new ChromiumAnswers();
    for (const [m, p] of [sent('1'), failed('1', 'CorsDisabledScheme')]) a.event(m, p, 0);
    expect(a.take(record({ browserOutcome: 'pending' }), 0)).toBeNull();
    expect(
      a.take(record({ browserOutcome: 'pending', endedBy: 'webRequest reports nothing after…' }), 0),
    ).toMatchObject({
      corsError: 'CorsDisabledScheme',
    });
  });

  it('answers a record with the corsErrorStatus of its request', () => {
    const a = new ChromiumAnswers();
    for (const [m, p] of [sent('1'), failed('1', 'WildcardOriginNotAllowed')]) a.event(m, p, 0);
    expect(a.take(record(), 0)).toEqual({
      source: 'Network.loadingFailed',
      corsError: 'WildcardOriginNotAllowed',
      failedParameter: '',
      netError: null,
    });
    expect(a.take(record(), 0)).toBeNull();
  });

  it('pairs identical requests oldest first and ignores preflights and redirect hops', () => {
    const a = new ChromiumAnswers();
    const events = [
      sent('1'),
      sent('p', API, { initiator: { type: 'preflight' } }),
      sent('2'),
      sent('1', `${API}/next`, { redirectResponse: {} }),
      failed('p', 'X'),
      finished('1'),
      failed('2', 'MissingAllowOriginHeader'),
    ];
    for (const [m, p] of events) a.event(m, p, 0);
    expect(a.take(record({ browserOutcome: 'completed' }), 0)?.corsError).toBeNull();
    expect(a.take(record(), 0)?.corsError).toBe('MissingAllowOriginHeader');
  });

  it('answers a renderer-only refusal from its CORS issue, matching by URL', () => {
    const a = new ChromiumAnswers();
    const issue = {
      issue: {
        code: 'CorsIssue',
        details: {
          corsIssueDetails: {
            corsErrorStatus: { corsError: 'CorsDisabledScheme', failedParameter: 'chrome' },
            isWarning: false,
            request: { url: 'chrome://version/' },
          },
        },
      },
    };
    expect(a.event('Audits.issueAdded', issue, 0)).toBe(true);
    const pageOnly = record({
      url: 'chrome://version',
      pageFacts: { seen: 'page-only' } as ExchangeRecord['pageFacts'],
    });
    expect(a.take(record({ url: 'chrome://version' }), 0)).toBeNull();
    expect(a.take(pageOnly, 0)).toMatchObject({
      source: 'Audits.issueAdded',
      corsError: 'CorsDisabledScheme',
      failedParameter: 'chrome',
    });
  });

  it('ignores issues about network requests (loadingFailed answers those) and warnings', () => {
    const a = new ChromiumAnswers();
    const issue = (request: object, isWarning: boolean) => ({
      issue: {
        code: 'CorsIssue',
        details: { corsIssueDetails: { corsErrorStatus: { corsError: 'X', failedParameter: '' }, isWarning, request } },
      },
    });
    expect(a.event('Audits.issueAdded', issue({ url: API, requestId: '1' }, false), 0)).toBe(false);
    expect(a.event('Audits.issueAdded', issue({ url: API }, true), 0)).toBe(false);
  });

  it('holds no answer for a pending record, and forgets old unpaired answers', () => {
    const a = new ChromiumAnswers();
    for (const [m, p] of [sent('1'), finished('1')]) a.event(m, p, 0);
    expect(a.take(record({ browserOutcome: 'pending' }), 0)).toBeNull();
    expect(a.take(record({ browserOutcome: 'completed' }), 120_000)).toBeNull();
  });
});

describe('compareWithChromium', () => {
  const blocked = evaluate({
    initiator: 'http://127.0.0.1:8000',
    request: { method: 'GET', url: API, headers: [] },
    response: { status: 200, headers: [] },
    outcome: { kind: 'failed', error: 'net::ERR_FAILED' },
  });
  const answer = (corsError: string | null, netError: string | null = null): ChromiumAnswer => ({
    source: 'Network.loadingFailed',
    corsError,
    failedParameter: '',
    netError,
  });

  it.each<[string, Evaluation, ChromiumAnswer, boolean]>([
    ['the same code', blocked, answer('MissingAllowOriginHeader'), true],
    ['another code', blocked, answer('AllowOriginMismatch'), false],
    [
      'blocked where Chromium saw no CORS error',
      blocked,
      { ...answer(null), source: 'Network.loadingFinished' },
      false,
    ],
    [
      'the deliberately wrong answer of the test hook',
      wrongEvaluation(blocked),
      answer('MissingAllowOriginHeader'),
      false,
    ],
    [
      'failed for a network error',
      { ...blocked, verdict: 'failed', reason: null },
      answer(null, 'net::ERR_CONNECTION_REFUSED'),
      true,
    ],
  ])('%s → agrees: %s', (_what, evaluation, chromium, agrees) => {
    expect(compareWithChromium({ evaluation, chromium })?.agrees).toBe(agrees);
  });

  it('writes a bug report that names both answers and redacts secrets', () => {
    const r = {
      id: '1',
      method: 'GET',
      url: API,
      initiator: 'http://127.0.0.1:8000',
      requestHeaders: [{ name: 'Authorization', value: 'Bearer s3cret' }],
      preflight: null,
      response: { status: 200, headers: [{ name: 'X-`tick`', value: '<b>' }] },
      evaluation: wrongEvaluation(blocked),
      chromium: answer('MissingAllowOriginHeader'),
    } as unknown as ExchangeRecord;
    const report = chromiumBugReport(r, 'Chromium 156');
    expect(report).toContain('blocked: InvalidResponse');
    expect(report).toContain('blocked: MissingAllowOriginHeader');
    expect(report).not.toContain('s3cret');
    expect(report).toContain('``X-`tick`: <b>``');
  });
});
