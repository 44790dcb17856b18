/**
 * How pasted text is read: console decorations, wrapped lines, several failures in one paste,
 * the lines that belong to one failure, text that is not a CORS message, and the fix built only
 * from what the message says.
 */
import { describe, expect, it } from 'vitest';
import { explainConsoleText, summarizeConsoleExplanation } from '../../../src/cors/console-text/index.ts';

const PAGE = 'http://localhost:5173';
const API = 'http://localhost:8080/api/todos';
const MISSING = `Access to fetch at '${API}' from origin '${PAGE}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`;
const HEADER = `Access to XMLHttpRequest at '${API}' from origin '${PAGE}' has been blocked by CORS policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.`;

describe('text that is not a CORS message', () => {
  it('is reported as not recognised, with nothing guessed', () => {
    const e = explainConsoleText('Uncaught ReferenceError: foo is not defined\n    at main.js:3:1');
    expect(e.diagnoses).toEqual([]);
    expect(e.unrecognised).toHaveLength(2);
    expect(summarizeConsoleExplanation(e)).toMatch(/^Not recognised: .* Nothing was guessed\.$/);
  });

  it('is empty when nothing was pasted', () => {
    expect(explainConsoleText('  \n\n ')).toEqual({ diagnoses: [], unrecognised: [] });
    expect(summarizeConsoleExplanation({ diagnoses: [], unrecognised: [] })).toMatch(/empty/);
  });
});

describe("a console's decorations and a paste's wrapping", () => {
  it("reads through Chrome's source link and DevTools' network line, which gives the method and status", () => {
    const e = explainConsoleText(
      [`(index):1 ${MISSING}`, `main.js:12  GET ${API} net::ERR_FAILED 200 (OK)`, 'TypeError: Failed to fetch'].join(
        '\n',
      ),
    );
    expect(e.unrecognised).toEqual([]);
    expect(e.diagnoses).toHaveLength(1);
    const [d] = e.diagnoses;
    expect([d!.code, d!.method, d!.status, d!.messages.length]).toEqual(['MissingAllowOriginHeader', 'GET', 200, 3]);
  });

  it('rejoins a message a paste wrapped over several lines', () => {
    const wrapped = MISSING.replace(' has been blocked', '\nhas been blocked').replace(
      ' header is present',
      '\nheader is present',
    );
    const e = explainConsoleText(wrapped);
    expect(e.diagnoses.map((d) => d.code)).toEqual(['MissingAllowOriginHeader']);
    expect(e.unrecognised).toEqual([]);
  });

  it('keeps several failures apart, in paste order', () => {
    const e = explainConsoleText([MISSING, `GET ${API} net::ERR_FAILED 404 (Not Found)`, HEADER].join('\n'));
    expect(e.diagnoses.map((d) => [d.code, d.status])).toEqual([
      ['MissingAllowOriginHeader', 404],
      ['HeaderDisallowedByPreflightResponse', null],
    ]);
  });
});

describe('lines that show a failure but not its reason', () => {
  it('says the reason is missing instead of guessing one', () => {
    const [d] = explainConsoleText(`GET ${API} net::ERR_FAILED 200 (OK)`).diagnoses;
    expect([d!.verdict, d!.code, d!.candidates]).toEqual(['unknown', null, []]);
    expect(d!.howToFix).toMatch(/paste that line too/);
  });

  it('tells a network failure from a CORS block', () => {
    const [d] = explainConsoleText(`GET ${API} net::ERR_CONNECTION_REFUSED`).diagnoses;
    expect([d!.verdict, d!.code, d!.failedParameter]).toEqual(['failed', null, 'net::ERR_CONNECTION_REFUSED']);
  });

  it.each([
    ['TypeError: Failed to fetch', 'chromium'],
    ['TypeError: NetworkError when attempting to fetch resource.', 'firefox'],
    ['TypeError: Load failed', 'webkit'],
  ])("explains a bare script error (%s) as the page's view, not a reason", (text, browser) => {
    const [d] = explainConsoleText(`Uncaught (in promise) ${text}`).diagnoses;
    expect([d!.browser, d!.verdict, d!.code]).toEqual([browser, 'unknown', null]);
  });
});

describe('the fix', () => {
  it("is built from the message's own facts when the page's origin is named", () => {
    const [d] = explainConsoleText(HEADER).diagnoses;
    expect(d!.fix?.preflightHeaders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Access-Control-Allow-Origin', value: PAGE }),
        expect.objectContaining({ name: 'Access-Control-Allow-Headers', value: 'x-api-key' }),
      ]),
    );
    expect(d!.unknowns.some((u) => u.startsWith('the method'))).toBe(true);
    expect(d!.unknowns.some((u) => u.startsWith('whether the request sends credentials'))).toBe(true);
  });

  it('is left out when the message does not name the origin, and the text says so', () => {
    const [d] = explainConsoleText(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`,
    ).diagnoses;
    expect(d!.fix).toBeNull();
    expect(d!.howToFix).toContain("(the page's origin)");
    expect(d!.unknowns.some((u) => u.startsWith("the page's origin"))).toBe(true);
  });

  it('is never offered for a failure no response header can fix', () => {
    const [d] = explainConsoleText(
      `Access to fetch at '${API}' from origin '${PAGE}' has been blocked by CORS policy: Permission was denied for this request to access the \`loopback\` address space.`,
    ).diagnoses;
    expect(d!.fix).toBeNull();
  });
});

describe('the summary', () => {
  it('names each failure, its reason, the fix and the unknowns in a few lines', () => {
    const text = summarizeConsoleExplanation(explainConsoleText([MISSING, HEADER, 'random noise'].join('\n')));
    expect(text.split('\n')[0]).toBe('2 failure(s) recognised (Chrome/Chromium).');
    expect(text).toContain(`1. BLOCKED ${API}: MissingAllowOriginHeader`);
    expect(text).toContain(`2. BLOCKED ${API}: HeaderDisallowedByPreflightResponse (x-api-key)`);
    expect(text).toContain('(1 other line(s) not recognised and left out.)');
  });
});
