import { describe, expect, it } from 'vitest';
import { planPayloads, SPECIAL_CHARACTERS } from '../../../src/probe/payloads.ts';

describe('planPayloads', () => {
  it('imitates an https reference in priority order: foreign, null, preflight, host tricks, special characters', () => {
    const { requests, unusable } = planPayloads(new URL('https://api.target.com'), 'tok');
    expect(unusable).toEqual([]);
    expect(requests.map((r) => [r.kind, r.origin])).toEqual([
      ['foreign', 'https://cors-probe-tok.test'],
      ['null', 'null'],
      ['preflight', 'https://cors-probe-tok.test'],
      ['http-twin', 'http://api.target.com'],
      ['prefix', 'https://api.target.com.evil.test'],
      ['suffix', 'https://eviltarget.com'],
      ['any-subdomain', 'https://cors-probe-tok.target.com'],
      ['unescaped-dot', 'https://apixtarget.com'],
      ...SPECIAL_CHARACTERS.map((ch) => ['special-chars', `https://api.target.com${ch}.evil.test`]),
    ]);
    expect(requests[2]).toMatchObject({ method: 'OPTIONS', requestMethod: 'DELETE' });
    expect(requests.filter((r) => r.kind !== 'preflight').every((r) => r.method === 'GET')).toBe(true);
  });
  it('keeps the port, and has no http twin for an http reference', () => {
    const kinds = planPayloads(new URL('http://app.test:8080'), 't').requests;
    expect(kinds.find((r) => r.kind === 'http-twin')).toBeUndefined();
    expect(kinds.find((r) => r.kind === 'suffix')?.origin).toBe('http://evilapp.test:8080');
  });
  it('lists host tricks an IP address cannot form as unusable, with the reason', () => {
    const { requests, unusable } = planPayloads(new URL('http://127.0.0.1:4000'), 't');
    expect(unusable.map((u) => u.kind)).toEqual(['suffix', 'any-subdomain', 'unescaped-dot']);
    expect(unusable[0]!.reason).toContain('cannot form a valid origin');
    expect(requests.map((r) => r.kind)).toContain('prefix');
  });
});
