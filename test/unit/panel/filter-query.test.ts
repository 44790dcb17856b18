import { describe, expect, it } from 'vitest';
import { CHIPS, parseFilter, tokenize, wildcardMatcher } from '../../../src/devtools/panel/core/filter-query.ts';
import { demoRecords, seqs } from '../../fixtures/exchanges/demo-records.ts';

const records = demoRecords();
const ALL = seqs(records);
const match = (query: string) => seqs(records.filter(parseFilter(query).test));
const except = (...excluded: number[]) => ALL.filter((s) => !excluded.includes(s));

describe('parseFilter: DevTools syntax plus CORS keys', () => {
  it.each<[string, number[]]>([
    ['', ALL],
    ['   ', ALL],
    ['method:PUT', [4, 5, 10]],
    ['method:put', [4, 5, 10]],
    ['-method:GET', [4, 5, 6, 10, 14]],
    ['cors:blocked', [2, 3, 5, 6, 7, 8, 14]],
    ['cors:BLOCKED', [2, 3, 5, 6, 7, 8, 14]],
    ['cors:allowed', [1, 4, 10, 13]],
    ['cors:pending', [11]],
    ['cors:failed', [12]],
    ['cors:opaque', [9]],
    ['reason:AllowOriginMismatch', [3, 8]],
    ['reason:alloworiginmismatch', [3, 8]],
    ['reason:Preflight*', [6]],
    ['reason:*Disallowed*', [5, 14]],
    ['preflight:yes', [4, 5, 6, 10, 14]],
    ['preflight:no', except(4, 5, 6, 10, 14)],
    ['preflight:sent', [4, 5, 6, 14]],
    ['preflight:cached', [10]],
    ['domain:127.0.0.1', [7]],
    ['domain:*.0.0.1', [7]],
    ['-domain:localhost', [7]],
    ['status-code:403', [3]],
    ['scheme:http', ALL],
    ['url:/api/session', [6]],
    ['origin:http://127.0.0.1:5173', ALL],
    ['origin:http://127.0.0.1:*', ALL],
    ['origin:"http://127.0.0.1:5173"', ALL],
    ['origin:https://elsewhere.example', []],
    ['has-response-header:X-Request-Id', [1]],
    ['has-request-header:cookie', [7, 13]],
    ['findings:yes', [13]],
    ['findings:no', except(13)],
    ['findings:origin-reflected', [13]],
    ['findings:high', [13]],
    ['items', [4, 5, 10]],
    ['ITEMS', [4, 5, 10]],
    ['-items', except(4, 5, 10)],
    ['/items\\/4[23]/', [4, 5]],
    ['-/items/', except(4, 5, 10)],
    ['method:PUT -preflight:cached', [4, 5]],
    ['cors:blocked preflight:yes', [5, 6, 14]],
    // An unknown key is text, as in DevTools, so a pasted URL still filters.
    ['http://localhost:7002/api/users', [1]],
    // A key still being typed filters nothing yet.
    ['method:', ALL],
  ])('%s', (query, expected) => {
    expect(match(query)).toEqual(expected);
    expect(parseFilter(query).errors).toEqual([]);
  });

  it.each([
    ['cors:nope', /cors: expects allowed, blocked/],
    ['-cors:nope', /cors: expects/],
    ['preflight:maybe', /preflight: expects yes, no, sent, cached/],
    ['/[/', /not a valid regular expression/],
  ])('%s matches nothing and says why', (query, error) => {
    const parsed = parseFilter(query);
    expect(match(query)).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatch(error);
  });

  it('chips are ordinary queries', () => {
    expect(match(CHIPS.blocked.query)).toEqual(match('cors:blocked'));
    expect(match(CHIPS.preflighted.query)).toEqual(match('preflight:yes'));
    expect(match(CHIPS.findings.query)).toEqual([13]);
    expect(match(CHIPS.all.query)).toEqual(ALL);
  });
});

describe('tokenize', () => {
  it('keeps regexes with spaces and quoted values together', () => {
    expect(tokenize('method:PUT  /a b/ -x origin:"q r"')).toEqual(['method:PUT', '/a b/', '-x', 'origin:"q r"']);
    expect(tokenize('-/a b/ c')).toEqual(['-/a b/', 'c']);
  });
  it('treats an unclosed slash as text', () => {
    expect(tokenize('/api/v1 x')).toEqual(['/api/v1', 'x']);
  });
});

describe('wildcardMatcher', () => {
  it('matches whole values, * anywhere, everything else literally', () => {
    const m = wildcardMatcher('*.example.com');
    expect(m('api.example.com')).toBe(true);
    expect(m('example.com')).toBe(false);
    expect(m('apiXexample.com')).toBe(false);
    expect(wildcardMatcher('a+b')('a+b')).toBe(true);
    expect(wildcardMatcher('a+b')('aab')).toBe(false);
  });
});
