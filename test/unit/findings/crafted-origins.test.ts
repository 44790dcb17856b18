import { describe, expect, it } from 'vitest';
import { craftedOriginFindings, isTrusted, type CraftedAttempt } from '../../../src/cors/findings/index.ts';

const URL_ = 'https://api.target.example/orders';
const REF = 'https://app.target.example';
const FOREIGN = 'https://cors-probe-x.test';
const h = (pairs: Record<string, string>) => Object.entries(pairs).map(([name, value]) => ({ name, value }));

const preflight = (status: number, headers: Record<string, string>): CraftedAttempt => ({
  request: { kind: 'preflight', origin: FOREIGN, method: 'OPTIONS', requestMethod: 'DELETE' },
  status,
  headers: h(headers),
  error: null,
});
const codes = (attempts: CraftedAttempt[]) =>
  craftedOriginFindings(URL_, REF, attempts).map((f) => `${f.code}:${f.severity}`);

describe('craftedOriginFindings: the preflight for DELETE', () => {
  it('is high when a browser on a foreign origin would pass it with credentials, and proves reflection', () => {
    expect(
      codes([
        preflight(204, {
          'Access-Control-Allow-Origin': FOREIGN,
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Allow-Methods': 'DELETE',
          Vary: 'Origin',
        }),
      ]),
    ).toEqual(['origin-reflected:high', 'state-changing-methods-any-origin:high']);
  });
  it('is medium for * with credentials, which browsers accept only without them', () => {
    expect(
      codes([
        preflight(204, {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Allow-Methods': 'DELETE',
        }),
      ]),
    ).toEqual(['state-changing-methods-any-origin:medium', 'wildcard-with-credentials:low']);
  });
  it('approves nothing when the preflight redirects or does not list the method (the echo still proves reflection)', () => {
    expect(
      codes([
        preflight(302, {
          'Access-Control-Allow-Origin': FOREIGN,
          'Access-Control-Allow-Methods': 'DELETE',
          Location: '/x',
        }),
      ]),
    ).toEqual(['origin-reflected:medium']);
    expect(
      codes([
        preflight(204, {
          'Access-Control-Allow-Origin': FOREIGN,
          'Access-Control-Allow-Methods': 'GET',
          Vary: 'Origin',
        }),
      ]),
    ).toEqual(['origin-reflected:medium']);
    expect(codes([preflight(204, { Vary: 'Origin' })])).toEqual([]);
  });
});

describe('craftedOriginFindings: GET attempts', () => {
  const get = (
    kind: CraftedAttempt['request']['kind'],
    origin: string,
    headers: Record<string, string>,
    status: number | null = 200,
  ): CraftedAttempt => ({
    request: { kind, origin, method: 'GET' },
    status,
    headers: h(headers),
    error: status === null ? 'fetch failed (ECONNRESET)' : null,
  });
  it('an echoed malformed crafted origin is a bypass, not an invalid header value', () => {
    const odd = 'https://app.target.example`.evil.test';
    expect(codes([get('special-chars', odd, { 'Access-Control-Allow-Origin': odd, Vary: 'Origin' })])).toEqual([
      'origin-special-chars:medium',
    ]);
  });
  it('a failed attempt trusts nothing and finds nothing', () => {
    const failed = get('foreign', FOREIGN, {}, null);
    expect(isTrusted(failed)).toBe(false);
    expect(codes([failed])).toEqual([]);
  });
  it('a trusted foreign origin makes every narrower bypass redundant', () => {
    const echo = (kind: CraftedAttempt['request']['kind'], origin: string) =>
      get(kind, origin, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        Vary: 'Origin',
      });
    expect(
      codes([
        echo('foreign', FOREIGN),
        echo('null', 'null'),
        echo('prefix', 'https://app.target.example.evil.test'),
        echo('suffix', 'https://eviltarget.example'),
      ]),
    ).toEqual(['origin-reflected:high']);
  });
});
