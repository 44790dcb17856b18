import { describe, expect, it } from 'vitest';
import {
  echoOf,
  endpointOf,
  mergeFindings,
  sessionFindings,
  type OriginEcho,
} from '../../../src/cors/findings/index.ts';
import { evaluate } from '../../../src/cors/index.ts';
import type { ObservedExchange } from '../../../src/cors/types.ts';

const API = 'https://api.example/orders';
const echo = (origin: string, acac: string | null = 'true', url = API): OriginEcho => ({
  url,
  origin,
  acao: origin,
  acac,
});

describe('sessionFindings: origin reflection, suspected vs proven', () => {
  it('proves reflection (high) when one endpoint echoed origins of two different sites with credentials', () => {
    const [result, ...rest] = sessionFindings([
      echo('https://app.example'),
      echo('http://localhost:5173', null, `${API}?page=2`),
    ]);
    expect(rest).toEqual([]);
    expect(result!.endpoint).toBe(API);
    const [f] = result!.findings;
    expect(f!.code).toBe('origin-reflected');
    expect(f!.severity).toBe('high');
    expect(f!.message).toContain('2 origins of different sites');
    expect(f!.evidence).toContainEqual({ header: 'Origin', value: 'http://localhost:5173' });
    expect(f!.evidence).toContainEqual({ header: 'Access-Control-Allow-Credentials', value: 'true' });
  });
  it('is medium when no echo allowed credentials', () => {
    expect(
      sessionFindings([echo('https://a.example', null), echo('https://b.test', null)])[0]!.findings[0]!.severity,
    ).toBe('medium');
  });
  it('stays suspected (no session finding) for one origin, or for origins of one site (an allow-list)', () => {
    expect(sessionFindings([echo('https://app.example'), echo('https://app.example')])).toEqual([]);
    expect(sessionFindings([echo('https://app.example.com'), echo('https://admin.example.com')])).toEqual([]);
  });
  it('counts only true echoes on the same endpoint', () => {
    const fixed: OriginEcho = { url: API, origin: 'https://b.test', acao: 'https://app.example', acac: 'true' };
    const nullEcho: OriginEcho = { url: API, origin: 'null', acao: 'null', acac: 'true' };
    expect(sessionFindings([echo('https://app.example'), fixed, nullEcho])).toEqual([]);
    expect(
      sessionFindings([echo('https://app.example'), echo('https://b.test', 'true', 'https://api.example/other')]),
    ).toEqual([]);
  });
});

describe('endpointOf and echoOf', () => {
  it('an endpoint drops query and fragment', () => {
    expect(endpointOf('https://api.example/a/b?x=1#y')).toBe('https://api.example/a/b');
  });
  const ex = (extra: Partial<ObservedExchange>): ObservedExchange => ({
    initiator: 'https://app.example',
    request: { method: 'GET', url: API, headers: [{ name: 'Origin', value: 'https://app.example' }] },
    response: {
      status: 200,
      headers: [
        { name: 'Access-Control-Allow-Origin', value: 'https://app.example' },
        { name: 'Access-Control-Allow-Credentials', value: 'true' },
      ],
    },
    outcome: { kind: 'completed' },
    ...extra,
  });
  it('reads the Origin sent and the answer to it', () => {
    expect(echoOf(ex({}))).toEqual({
      url: API,
      origin: 'https://app.example',
      acao: 'https://app.example',
      acac: 'true',
    });
  });
  it('uses the preflight answer when the final response came after a redirect', () => {
    const e = echoOf(
      ex({
        redirects: [{ url: API, status: 302, headers: [], location: 'https://cdn.example/x' }],
        preflight: {
          request: { method: 'OPTIONS', url: API, headers: [] },
          response: { status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
          outcome: { kind: 'completed' },
        },
      }),
    );
    expect(e?.acao).toBe('*');
  });
  it('is null without an origin or an answer', () => {
    expect(echoOf(ex({ response: null }))).toBeNull();
    expect(echoOf(ex({ initiator: undefined, request: { method: 'GET', url: API, headers: [] } }))).toBeNull();
  });
});

describe('joining session and exchange findings', () => {
  it('proof replaces the per-exchange suspicion', () => {
    const exchange = (origin: string): ObservedExchange => ({
      initiator: origin,
      request: { method: 'GET', url: API, headers: [{ name: 'Origin', value: origin }] },
      response: {
        status: 200,
        headers: [
          { name: 'Access-Control-Allow-Origin', value: origin },
          { name: 'Access-Control-Allow-Credentials', value: 'true' },
          { name: 'Vary', value: 'Origin' },
        ],
      },
      outcome: { kind: 'completed' },
    });
    const exchanges = [exchange('https://app.example'), exchange('https://evil.test')];
    const perExchange = evaluate(exchanges[0]).findings;
    expect(perExchange.map((f) => f.code)).toEqual(['origin-reflection-suspected']);
    const session = sessionFindings(exchanges.map(echoOf).filter((e): e is OriginEcho => e !== null));
    expect(mergeFindings([...perExchange, ...session[0]!.findings]).map((f) => [f.code, f.severity])).toEqual([
      ['origin-reflected', 'high'],
    ]);
  });
});
