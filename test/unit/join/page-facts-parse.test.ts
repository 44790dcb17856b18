/**
 * The worker believes nothing the page sends until it has the right shape and size: anything out
 * of shape is dropped whole, values the observer must not send are forgotten, nothing throws.
 */
import { describe, expect, it } from 'vitest';
import { PAGE_LIMITS, parsePageBatch, parsePageMessage, type PageMessage } from '../../../src/shared/page-facts.ts';

const START: PageMessage = {
  kind: 'start',
  call: 1,
  api: 'fetch',
  url: 'http://localhost:8080/api',
  method: 'GET',
  mode: 'cors',
  credentials: 'include',
  redirect: 'follow',
  headers: [{ name: 'Content-Type', value: 'text/plain' }],
  body: false,
  streamBody: false,
  uploadListener: false,
  at: 1_700_000_000_000,
  stack: [],
};
const END: PageMessage = {
  kind: 'end',
  call: 1,
  at: 1_700_000_000_050,
  outcome: { kind: 'error', name: 'TypeError', message: 'Failed to fetch' },
};

describe('parsePageMessage', () => {
  it('keeps a well-formed start and end exactly', () => {
    expect(parsePageMessage(structuredClone(START))).toEqual(START);
    expect(parsePageMessage(structuredClone(END))).toEqual(END);
    const response = {
      kind: 'end',
      call: 2,
      at: 5,
      outcome: { kind: 'response', type: 'opaque', status: 0, redirected: false, url: '' },
    };
    expect(parsePageMessage(response)).toEqual(response);
    const csp = { kind: 'csp', call: 3, directive: 'connect-src' };
    expect(parsePageMessage(csp)).toEqual(csp);
  });

  it.each([
    ['a directive that is not a name', { kind: 'csp', call: 3, directive: "connect-src 'self'" }],
    ['a directive over the limit', { kind: 'csp', call: 3, directive: `a${'b'.repeat(64)}` }],
    ['no call id', { kind: 'csp', directive: 'connect-src' }],
  ])('drops a CSP report with %s', (_what, message) => {
    expect(parsePageMessage(message)).toBeNull();
  });

  it("parses the stack text the observer sent into the page's frames, and loses only those when it is out of shape", () => {
    const stackText = [
      'Error',
      '    at Object.apply (chrome-extension://abc/src/content/page-observer.iife.js:1:900)',
      '    at load (http://127.0.0.1:8080/app.js:7:3)',
    ].join('\n');
    expect(parsePageMessage({ ...START, stackText })).toEqual({
      ...START,
      stack: [{ url: 'http://127.0.0.1:8080/app.js', line: 7, column: 3, functionName: 'load' }],
    });
    expect(parsePageMessage({ ...START, stackText: { toString: () => stackText } })).toEqual(START);
  });

  it.each([
    ['an unknown kind', { ...START, kind: 'lie' }],
    ['a call id that is not a positive integer', { ...START, call: 0 }],
    ['a fractional call id', { ...START, call: 1.5 }],
    ['an unknown API', { ...START, api: 'websocket' }],
    ['a relative URL', { ...START, url: '/api' }],
    ['a URL over the limit', { ...START, url: `http://a.test/${'x'.repeat(PAGE_LIMITS.urlChars)}` }],
    ['a method that is not a token', { ...START, method: 'GE T' }],
    ['an unknown mode', { ...START, mode: 'cors-with-forced-preflight' }],
    ['an unknown credentials mode', { ...START, credentials: 'always' }],
    ['a boolean given as a string', { ...START, body: 'true' }],
    ['headers that are not a list', { ...START, headers: { a: 'b' } }],
    [
      'too many headers',
      {
        ...START,
        headers: Array.from({ length: PAGE_LIMITS.headers + 1 }, (_, i) => ({ name: `x-${i}`, value: null })),
      },
    ],
    [
      'a header value over the limit',
      { ...START, headers: [{ name: 'Accept', value: 'a'.repeat(PAGE_LIMITS.headerValueChars + 1) }] },
    ],
    ['a time that is not a number', { ...START, at: '1' }],
    [
      'a response status out of range',
      { ...END, outcome: { kind: 'response', type: 'cors', status: 1000, redirected: false, url: '' } },
    ],
    ['an outcome of unknown kind', { ...END, outcome: { kind: 'maybe' } }],
    [
      'an error message over the limit',
      { ...END, outcome: { kind: 'error', name: 'TypeError', message: 'x'.repeat(PAGE_LIMITS.textChars + 1) } },
    ],
  ])('drops %s', (_what, message) => {
    expect(parsePageMessage(message)).toBeNull();
  });

  it('forgets header values the safelist does not need (an Authorization value never counts)', () => {
    const parsed = parsePageMessage({
      ...START,
      headers: [
        { name: 'Authorization', value: 'Bearer secret' },
        { name: 'Accept', value: 'text/html' },
      ],
    });
    expect(parsed?.kind === 'start' && parsed.headers).toEqual([
      { name: 'Authorization', value: null },
      { name: 'Accept', value: 'text/html' },
    ]);
  });

  it('never throws, whatever it is given', () => {
    const inputs: unknown[] = [
      undefined,
      null,
      0,
      'start',
      [],
      [START],
      Symbol('x'),
      () => START,
      Object.create(null),
      { kind: 'start', call: 1, headers: [null] },
      { kind: 'end', call: 1, at: 1, outcome: null },
      { ...START, headers: [{ name: 1 }] },
    ];
    for (const input of inputs) expect(parsePageMessage(input)).toBeNull();
  });
});

describe('parsePageBatch', () => {
  it('keeps the valid reports of a batch and counts the rest', () => {
    const { messages, dropped } = parsePageBatch(JSON.stringify([START, { kind: 'forged' }, END]));
    expect(messages).toEqual([START, END]);
    expect(dropped).toBe(1);
  });

  it.each([
    ['text that is not JSON', '{not json'],
    ['JSON that is not a list', JSON.stringify(START)],
    ['a batch over the size limit', `[${' '.repeat(PAGE_LIMITS.batchChars)}]`],
    [
      'a list over the message limit',
      JSON.stringify(Array.from({ length: PAGE_LIMITS.messagesPerBatch + 1 }, () => START)),
    ],
    ['something that is not a string', [START]],
  ])('drops %s whole', (_what, batch) => {
    expect(parsePageBatch(batch)).toEqual({ messages: [], dropped: 1 });
  });
});
