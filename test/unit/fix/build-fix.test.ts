import { describe, expect, it } from 'vitest';
import { buildFix, type FixInput } from '../../../src/cors/fix.ts';
import { evaluate } from '../../../src/cors/index.ts';
import { CORS_ERROR_CODES, type CorsErrorCode } from '../../../src/cors/reason-codes.ts';
import { renderSnippets, snippetCode } from '../../../src/cors/snippets.ts';
import type { Fix, FixHeader } from '../../../src/cors/types.ts';

const PAGE = 'http://127.0.0.1:5173';
const PAGE_SIDE: CorsErrorCode[] = [
  'DisallowedByMode',
  'CorsDisabledScheme',
  'NoCorsRedirectModeNotFollow',
  'RedirectContainsCredentials',
  'PreflightDisallowedRedirect',
  'LocalNetworkAccessPermissionDenied',
  'InsecureLocalNetwork',
  'InvalidLocalNetworkAccess',
];
const HEADER_CODES = CORS_ERROR_CODES.filter((c) => !PAGE_SIDE.includes(c));

const input = (code: CorsErrorCode, extra: Partial<FixInput> = {}): FixInput => ({
  code,
  origin: PAGE,
  pageOrigin: PAGE,
  url: 'http://localhost:8080/api/orders',
  method: 'PUT',
  requestHeaders: ['content-type', 'x-api-key'],
  credentials: true,
  preflightNeeded: true,
  hiddenHeaders: [],
  ...extra,
});

const value = (headers: FixHeader[], name: string) => headers.find((h) => h.name === name)?.value;
const allHeaders = (fix: Fix) => [...fix.preflightHeaders, ...fix.responseHeaders];

describe('buildFix: header codes', () => {
  it.each(HEADER_CODES)('%s: the exact origin, credentials, Vary, preflight headers and a short Max-Age', (code) => {
    const fix = buildFix(input(code));
    expect(value(fix.responseHeaders, 'Access-Control-Allow-Origin')).toBe(PAGE);
    expect(value(fix.responseHeaders, 'Access-Control-Allow-Credentials')).toBe('true');
    expect(value(fix.responseHeaders, 'Vary')).toBe('Origin');
    expect(value(fix.preflightHeaders, 'Access-Control-Allow-Origin')).toBe(PAGE);
    expect(value(fix.preflightHeaders, 'Access-Control-Allow-Methods')).toBe('PUT');
    expect(value(fix.preflightHeaders, 'Access-Control-Allow-Headers')).toBe('content-type, x-api-key');
    expect(Number(value(fix.preflightHeaders, 'Access-Control-Max-Age'))).toBeLessThanOrEqual(600);
    expect(
      allHeaders(fix).filter((h) =>
        h.value
          .split(',')
          .map((v) => v.trim())
          .includes('*'),
      ),
    ).toEqual([]);
    expect(allHeaders(fix).every((h) => h.why.length > 0)).toBe(true);
    expect(snippetCode('express', fix.snippetInput!)).toContain(`origin: ["${PAGE}"]`);
  });

  it('a simple request without credentials needs no preflight headers and no ACAC', () => {
    const fix = buildFix(
      input('MissingAllowOriginHeader', {
        method: 'GET',
        requestHeaders: [],
        credentials: false,
        preflightNeeded: false,
      }),
    );
    expect(fix.preflightHeaders).toEqual([]);
    expect(fix.responseHeaders.map((h) => h.name)).toEqual(['Access-Control-Allow-Origin', 'Vary']);
  });

  it('a preflight failure gets preflight headers even when the request looked simple (a hidden header forced it)', () => {
    const fix = buildFix(
      input('PreflightMissingAllowOriginHeader', {
        method: 'GET',
        requestHeaders: [],
        credentials: false,
        preflightNeeded: false,
      }),
    );
    expect(fix.preflightHeaders.map((h) => h.name)).toEqual([
      'Access-Control-Allow-Origin',
      'Access-Control-Max-Age',
      'Vary',
    ]);
  });

  it('a safelisted method is not listed in Access-Control-Allow-Methods', () => {
    const fix = buildFix(input('HeaderDisallowedByPreflightResponse', { method: 'POST' }));
    expect(value(fix.preflightHeaders, 'Access-Control-Allow-Methods')).toBeUndefined();
  });

  it('hidden response headers are exposed', () => {
    const fix = buildFix(input('MissingAllowOriginHeader', { hiddenHeaders: ['x-total-count'] }));
    expect(value(fix.responseHeaders, 'Access-Control-Expose-Headers')).toBe('x-total-count');
    expect(snippetCode('express', fix.snippetInput!)).toContain('exposedHeaders: ["x-total-count"]');
  });
});

describe('buildFix: notes', () => {
  const notes = (code: CorsErrorCode, extra: Partial<FixInput> = {}) => buildFix(input(code, extra)).notes.join('\n');

  it('auth before CORS: an error status on the preflight is explained as middleware order', () => {
    expect(notes('PreflightInvalidStatus')).toMatch(/auth before CORS rejects the preflight/);
  });

  it.each([
    'PreflightMissingAllowOriginHeader',
    'PreflightAllowOriginMismatch',
    'PreflightWildcardOriginNotAllowed',
  ] as const)('%s says to register CORS first', (code) => {
    expect(notes(code)).toMatch(/Register CORS first/);
  });

  it('other preflighted requests are told to answer OPTIONS before authentication', () => {
    expect(notes('MethodDisallowedByPreflightResponse')).toMatch(/OPTIONS with 204 before authentication/);
    expect(notes('MissingAllowOriginHeader', { preflightNeeded: false })).not.toMatch(/before authentication/);
  });

  it('a proxy adding a second ACAO is named', () => {
    expect(notes('MultipleAllowOriginValues')).toMatch(/proxy_hide_header/);
  });

  it('a redirect response needs the headers too', () => {
    expect(notes('MissingAllowOriginHeader', { where: 'redirect' })).toMatch(/redirect response itself/);
    expect(notes('MissingAllowOriginHeader', { where: 'response' })).not.toMatch(/redirect/);
  });

  it('a lower-case method the browser does not normalize is named', () => {
    expect(notes('MethodDisallowedByPreflightResponse', { method: 'patch' })).toMatch(/Send 'PATCH' from the page/);
  });
});

describe('buildFix: never null, never reflection', () => {
  it("after a tainting redirect the fix targets the page's origin, not 'null'", () => {
    const fix = buildFix(input('MissingAllowOriginHeader', { origin: 'null' }));
    expect(value(fix.responseHeaders, 'Access-Control-Allow-Origin')).toBe(PAGE);
    expect(fix.notes.join(' ')).toMatch(/changed the Origin to 'null'/);
    expect(
      renderSnippets(fix.snippetInput!)
        .map((s) => s.code)
        .join('\n'),
    ).not.toMatch(/"null"/);
  });

  it('a page with an opaque origin gets no headers to paste, and the reason', () => {
    const fix = buildFix(input('MissingAllowOriginHeader', { origin: 'null', pageOrigin: 'null' }));
    expect(allHeaders(fix)).toEqual([]);
    expect(fix.notes.join(' ')).toMatch(/opaque origin/);
    expect(fix.snippetInput).toBeNull();
  });

  it.each(PAGE_SIDE)('%s: no server headers and no snippet; one note saying why', (code) => {
    const fix = buildFix(input(code));
    expect(allHeaders(fix)).toEqual([]);
    expect(fix.notes.length).toBe(1);
    expect(fix.snippetInput).toBeNull();
  });
});

describe('evaluate() hands the failing response to buildFix', () => {
  it('a redirect without ACAO gets the redirect note and headers for the redirect', () => {
    const api = 'http://localhost:8080';
    const e = evaluate({
      initiator: PAGE,
      credentials: 'same-origin',
      mode: 'cors',
      request: { method: 'GET', url: `${api}/old`, headers: [{ name: 'Origin', value: PAGE }] },
      redirects: [
        { url: `${api}/old`, status: 302, headers: [{ name: 'Location', value: '/new' }], location: `${api}/new` },
      ],
      response: null,
      outcome: { kind: 'failed', error: 'net::ERR_FAILED' },
    });
    expect(e.reason).toMatchObject({ code: 'MissingAllowOriginHeader', where: 'redirect' });
    expect(e.fix?.notes.join(' ')).toMatch(/redirect response itself/);
    expect(value(e.fix!.responseHeaders, 'Access-Control-Allow-Origin')).toBe(PAGE);
  });
});

describe('buildFix: the error path and the stack that answered', () => {
  const response = (status: number, headers: [string, string][], body?: string) => ({
    role: 'response' as const,
    status,
    headers: headers.map(([name, value]) => ({ name, value })),
    body,
  });

  it('an error response without CORS headers is explained as a path that skipped the CORS code', () => {
    const fix = buildFix(input('MissingAllowOriginHeader', { status: 401, responses: [response(401, [])] }));
    expect(fix.notes.join(' ')).toMatch(/The response is a 401: error responses need the CORS headers too/);
  });

  it('a 502 names the proxy that wrote it, whose snippet comes first', () => {
    const fix = buildFix(
      input('MissingAllowOriginHeader', {
        status: 502,
        responses: [response(502, [['Server', 'nginx/1.22.1']], '<html><center>nginx/1.22.1</center></html>')],
      }),
    );
    expect(fix.notes.join(' ')).toMatch(/This 502 was most likely written by nginx/);
    expect(fix.stacks[0]).toBe('nginx');
    expect(fix.detectedStacks[0]?.summary).toMatch(/^looks like nginx: 502 '<center>nginx\/1.22.1<\/center>'/);
  });

  it("Starlette's preflight refusal puts FastAPI first, with the evidence", () => {
    const fix = buildFix(
      input('PreflightInvalidStatus', {
        responses: [
          {
            role: 'preflight',
            status: 400,
            headers: [{ name: 'server', value: 'uvicorn' }],
            body: 'Disallowed CORS origin',
          },
        ],
      }),
    );
    expect(fix.stacks[0]).toBe('fastapi');
    expect(fix.detectedStacks[0]?.summary).toBe(
      "looks like FastAPI: 400 'Disallowed CORS origin' on the preflight (Starlette's CORSMiddleware refusing the preflight)",
    );
    expect(fix.detectedStacks[0]?.evidence).toContain('server: uvicorn (an ASGI server)');
  });

  it('nothing recognizable: no detection, every stack in the default order', () => {
    const fix = buildFix(
      input('MissingAllowOriginHeader', { responses: [response(200, [['Content-Type', 'text/plain']])] }),
    );
    expect(fix.detectedStacks).toEqual([]);
    expect(fix.stacks[0]).toBe('express');
    expect(new Set(fix.stacks).size).toBe(fix.stacks.length);
  });
});
