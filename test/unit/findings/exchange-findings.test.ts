import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import type { Finding, ObservedExchange, ObservedPreflight } from '../../../src/cors/types.ts';

const PAGE = 'https://app.example';
const API = 'https://api.example/data';
const h = (pairs: Record<string, string> | [string, string][]) =>
  (Array.isArray(pairs) ? pairs : Object.entries(pairs)).map(([name, value]) => ({ name, value }));

function get(
  response: Record<string, string> | [string, string][],
  extra: Partial<ObservedExchange> = {},
  origin = PAGE,
  url = API,
): ObservedExchange {
  return {
    initiator: origin,
    request: { method: 'GET', url, headers: h({ Origin: origin, 'Sec-Fetch-Mode': 'cors' }) },
    response: { status: 200, headers: h(response) },
    outcome: { kind: 'completed' },
    ...extra,
  };
}

function preflight(response: Record<string, string>, request: Record<string, string> = {}): ObservedPreflight {
  return {
    request: {
      method: 'OPTIONS',
      url: API,
      headers: h({ Origin: PAGE, 'Access-Control-Request-Method': 'PUT', ...request }),
    },
    response: { status: 204, headers: h(response) },
    outcome: { kind: 'completed' },
  };
}

function put(
  preflightResponse: Record<string, string>,
  response: Record<string, string> = { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' },
  preflightRequest: Record<string, string> = {},
): ObservedExchange {
  return {
    initiator: PAGE,
    request: { method: 'PUT', url: API, headers: h({ Origin: PAGE }) },
    preflight: preflight(preflightResponse, preflightRequest),
    response: { status: 200, headers: h(response) },
    outcome: { kind: 'completed' },
  };
}

const findings = (ex: ObservedExchange): Finding[] => evaluate(ex).findings;
const find = (ex: ObservedExchange, code: string) => findings(ex).find((f) => f.code === code);
const codes = (ex: ObservedExchange) => findings(ex).map((f) => f.code);

describe('origin-reflection-suspected', () => {
  it('fires (info) when ACAO echoes the Origin with credentials allowed', () => {
    const f = find(
      get({ 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }),
      'origin-reflection-suspected',
    );
    expect(f?.severity).toBe('info');
    expect(f?.evidence).toEqual([
      { header: 'Origin', value: PAGE },
      { header: 'Access-Control-Allow-Origin', value: PAGE },
      { header: 'Access-Control-Allow-Credentials', value: 'true' },
    ]);
  });
  it('stays quiet without credentials', () => {
    expect(codes(get({ 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' }))).toEqual([]);
  });
});

describe('wildcard-with-credentials', () => {
  it('fires on * with ACAC true', () => {
    expect(
      find(
        get({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' }),
        'wildcard-with-credentials',
      )?.severity,
    ).toBe('low');
  });
  it('stays quiet on * alone', () => {
    expect(codes(get({ 'Access-Control-Allow-Origin': '*' }))).toEqual([]);
  });
});

describe('null-origin-allowed', () => {
  const fromNull = (response: Record<string, string>) => get(response, {}, 'null');
  it('is high with credentials and medium without', () => {
    expect(
      find(
        fromNull({ 'Access-Control-Allow-Origin': 'null', 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }),
        'null-origin-allowed',
      )?.severity,
    ).toBe('high');
    expect(
      find(fromNull({ 'Access-Control-Allow-Origin': 'null', Vary: 'Origin' }), 'null-origin-allowed')?.severity,
    ).toBe('medium');
  });
  it('stays quiet when the server does not allow null', () => {
    expect(codes(fromNull({ Vary: 'Origin' }))).toEqual([]);
  });
});

describe('insecure-origin-trusted', () => {
  const httpPage = 'http://app.example';
  const echo = (origin: string, url = API) =>
    get(
      { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' },
      {},
      origin,
      url,
    );
  it('fires when an https: endpoint trusts an http: origin, medium with credentials', () => {
    const f = find(echo(httpPage), 'insecure-origin-trusted');
    expect(f?.severity).toBe('medium');
    expect(codes(echo(httpPage))).not.toContain('origin-reflection-suspected');
  });
  it('stays quiet for the https: twin, for loopback dev origins and on http: endpoints', () => {
    expect(codes(echo(PAGE))).not.toContain('insecure-origin-trusted');
    expect(codes(echo('http://localhost:3000'))).not.toContain('insecure-origin-trusted');
    expect(codes(echo(httpPage, 'http://api.example/data'))).not.toContain('insecure-origin-trusted');
  });
});

describe('vary-origin-missing', () => {
  it('fires when a specific ACAO comes without Vary: Origin', () => {
    const f = find(get({ 'Access-Control-Allow-Origin': PAGE, Vary: 'Accept-Encoding' }), 'vary-origin-missing');
    expect(f?.severity).toBe('low');
    expect(f?.evidence).toContainEqual({ header: 'Vary', value: 'Accept-Encoding' });
  });
  it('stays quiet with Vary: Origin among others, and for *', () => {
    expect(codes(get({ 'Access-Control-Allow-Origin': PAGE, Vary: 'Accept-Encoding, Origin' }))).toEqual([]);
    expect(codes(get({ 'Access-Control-Allow-Origin': '*' }))).toEqual([]);
  });
});

describe('max-age-too-long', () => {
  const base = { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': 'PUT' };
  it("fires above 600 s and names the browsers' caps", () => {
    const f = find(put({ ...base, 'Access-Control-Max-Age': '86400' }), 'max-age-too-long');
    expect(f?.message).toMatch(/86400 s.*Chromium keeps it 7200 s, Firefox 86400 s/);
  });
  it('stays quiet at 600 s', () => {
    expect(codes(put({ ...base, 'Access-Control-Max-Age': '600' }))).toEqual([]);
  });
});

describe('wildcard-lists-with-credentials', () => {
  const cred = { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Credentials': 'true' };
  it('fires on * in ACAM and ACAH of a credentialed preflight', () => {
    const f = find(
      put({ ...cred, 'Access-Control-Allow-Methods': '*', 'Access-Control-Allow-Headers': '*' }),
      'wildcard-lists-with-credentials',
    );
    expect(f?.evidence.map((e) => e.header)).toEqual([
      'Access-Control-Allow-Methods',
      'Access-Control-Allow-Headers',
      'Access-Control-Allow-Credentials',
    ]);
  });
  it('fires on * in ACEH of a credentialed response', () => {
    expect(codes(get({ ...cred, Vary: 'Origin', 'Access-Control-Expose-Headers': 'x-a, *' }))).toContain(
      'wildcard-lists-with-credentials',
    );
  });
  it('stays quiet without credentials, where * means all', () => {
    expect(
      codes(
        put({
          'Access-Control-Allow-Origin': PAGE,
          'Access-Control-Allow-Methods': '*',
          'Access-Control-Allow-Headers': '*',
        }),
      ),
    ).toEqual([]);
  });
});

describe('form-post-accepted', () => {
  const post = (
    contentType: string,
    status = 200,
    extra: Partial<ObservedExchange> = {},
    origin = PAGE,
  ): ObservedExchange => ({
    initiator: origin,
    request: { method: 'POST', url: API, headers: h({ Origin: origin, 'Content-Type': contentType }) },
    response: { status, headers: [] },
    outcome: { kind: 'failed', error: 'net::ERR_FAILED' },
    ...extra,
  });
  it('fires for a form POST the server answered 2xx, although the read was blocked', () => {
    const e = evaluate(post('application/x-www-form-urlencoded'));
    expect(e.verdict).toBe('blocked');
    expect(e.findings.map((f) => [f.code, f.severity])).toEqual([['form-post-accepted', 'low']]);
    expect(
      find(post('text/plain;charset=UTF-8', 201, { credentials: 'include' }), 'form-post-accepted')?.severity,
    ).toBe('medium');
  });
  it('stays quiet for JSON (preflighted), a rejection, a redirect and same-origin', () => {
    expect(codes(post('application/json'))).not.toContain('form-post-accepted');
    expect(codes(post('multipart/form-data; boundary=x', 403))).toEqual([]);
    expect(
      codes(
        post('application/x-www-form-urlencoded', 200, {
          redirects: [{ url: API, status: 303, headers: [], location: 'https://api.example/done' }],
        }),
      ),
    ).toEqual([]);
    expect(
      codes(post('application/x-www-form-urlencoded', 200, { outcome: { kind: 'completed' } }, 'https://api.example')),
    ).toEqual([]);
  });
});

describe('state-changing-methods-any-origin', () => {
  it('fires when a * preflight allows DELETE', () => {
    const f = find(
      put(
        { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, delete' },
        { 'Access-Control-Allow-Origin': '*' },
      ),
      'state-changing-methods-any-origin',
    );
    expect(f?.severity).toBe('medium');
    expect(f?.message).toContain('delete');
  });
  it('stays quiet for an allow-listed origin, or * with safe methods only', () => {
    expect(codes(put({ 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': 'PUT, DELETE' }))).toEqual(
      [],
    );
    expect(
      codes(
        put(
          { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST' },
          { 'Access-Control-Allow-Origin': '*' },
        ),
      ),
    ).toEqual([]);
  });
});

describe('third-party-origin-trusted', () => {
  it('is medium for a shared playground origin, high with credentials', () => {
    expect(
      find(get({ 'Access-Control-Allow-Origin': 'https://codepen.io', Vary: 'Origin' }), 'third-party-origin-trusted')
        ?.severity,
    ).toBe('medium');
    const cred = get({
      'Access-Control-Allow-Origin': 'https://fiddle.jshell.net',
      'Access-Control-Allow-Credentials': 'true',
      Vary: 'Origin',
    });
    expect(find(cred, 'third-party-origin-trusted')?.severity).toBe('high');
  });
  it('is low for a per-user subdomain (github.io)', () => {
    const f = find(
      get({ 'Access-Control-Allow-Origin': 'https://alice.github.io', Vary: 'Origin' }),
      'third-party-origin-trusted',
    );
    expect(f?.severity).toBe('low');
    expect(f?.message).toContain('github.io');
  });
  it("stays quiet for the site's own origin and look-alike names", () => {
    expect(codes(get({ 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' }))).toEqual([]);
    expect(codes(get({ 'Access-Control-Allow-Origin': 'https://notcodepen.io', Vary: 'Origin' }))).toEqual([]);
  });
});

describe('acao-multiple-values and acao-invalid', () => {
  it('reports several values even when the browser allowed the read', () => {
    const e = evaluate(
      get([
        ['Access-Control-Allow-Origin', PAGE],
        ['Access-Control-Allow-Origin', PAGE],
        ['Vary', 'Origin'],
      ]),
    );
    expect(e.verdict).toBe('allowed');
    expect(e.findings.find((f) => f.code === 'acao-multiple-values')?.evidence).toHaveLength(2);
  });
  it('reports space-separated values', () => {
    expect(codes(get({ 'Access-Control-Allow-Origin': `${PAGE} https://b.example` }))).toEqual([
      'acao-multiple-values',
    ]);
  });
  it('reports a value that is not a serialized origin, naming the difference', () => {
    const f = find(get({ 'Access-Control-Allow-Origin': `${PAGE}/` }), 'acao-invalid');
    expect(f?.message).toContain('trailing slash');
    expect(codes(get({ 'Access-Control-Allow-Origin': 'app.example' }))).toEqual(['acao-invalid']);
  });
  it('shows control bytes of a hostile value as escapes, never raw', () => {
    const f = find(get({ 'Access-Control-Allow-Origin': '<b>x</b>\u0007' }), 'acao-invalid');
    expect(f?.message).toContain("'<b>x</b>\\x07'");
    expect(f?.evidence).toEqual([{ header: 'Access-Control-Allow-Origin', value: '<b>x</b>\u0007' }]);
  });
  it('stays quiet for a single serialized origin, * and null', () => {
    expect(codes(get({ 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' }))).toEqual([]);
    expect(codes(get({ 'Access-Control-Allow-Origin': '*' }))).toEqual([]);
    expect(codes(get({ 'Access-Control-Allow-Origin': 'null' }))).not.toContain('acao-invalid');
  });
});

describe('private-network-legacy', () => {
  const base = { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': 'PUT' };
  it('labels the legacy PNA request and response headers (info)', () => {
    const f = find(
      put({ ...base, 'Access-Control-Allow-Private-Network': 'true' }, undefined, {
        'Access-Control-Request-Private-Network': 'true',
      }),
      'private-network-legacy',
    );
    expect(f?.severity).toBe('info');
    expect(f?.message).toMatch(/legacy.*Local Network Access/);
    expect(f?.evidence.map((e) => e.header)).toEqual([
      'Access-Control-Request-Private-Network',
      'Access-Control-Allow-Private-Network',
    ]);
  });
  it('stays quiet without them', () => {
    expect(codes(put(base))).toEqual([]);
  });
});

describe('exchange scope', () => {
  it('same-origin exchanges carry no findings', () => {
    expect(
      codes(
        get(
          { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' },
          {},
          'https://api.example',
        ),
      ),
    ).toEqual([]);
  });
  it('one finding per code, most severe first, the final response preferred over the preflight', () => {
    const ex = put(
      {
        'Access-Control-Allow-Origin': 'null',
        'Access-Control-Allow-Methods': 'PUT',
        'Access-Control-Max-Age': '9000',
      },
      { 'Access-Control-Allow-Origin': 'null', 'Access-Control-Allow-Credentials': 'true' },
    );
    const list = findings(ex);
    expect(list.map((f) => f.code)).toEqual(['null-origin-allowed', 'max-age-too-long']);
    expect(list[0]!.severity).toBe('high');
    expect(list[0]!.message).toMatch(/^The response/);
  });
});
