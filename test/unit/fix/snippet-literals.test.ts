import { execFileSync } from 'node:child_process';
import { PYTHON } from './python.ts';
import { describe, expect, it } from 'vitest';
import {
  commentText,
  csharpString,
  isPlainOrigin,
  javaString,
  jsonString,
  jsString,
  nginxMapKey,
  nginxValue,
  pyString,
  regexLiteral,
  rubyString,
} from '../../../src/cors/snippet-literals.ts';
import { HOSTILE } from './hostile-values.ts';

describe('string literals for the snippet languages', () => {
  it.each(HOSTILE)('jsString(%j) evaluates back to the same string', (value) => {
    const literal = jsString(value);
    expect(literal).toMatch(/^"[\x20-\x7e]*"$/);
    expect(new Function(`return ${literal};`)()).toBe(value);
  });

  it.skipIf(!PYTHON)('pyString evaluates back to the same string in Python', () => {
    const program = `import ast, json, sys\nprint(json.dumps([ast.literal_eval(line) for line in sys.stdin.read().splitlines()]))`;
    const literals = HOSTILE.map(pyString);
    for (const literal of literals) expect(literal).toMatch(/^"[\x20-\x7e]*"$/);
    const out = execFileSync(PYTHON!, ['-c', program], { input: literals.join('\n'), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(HOSTILE);
  });

  it('commentText keeps a value on one printable-ASCII line', () => {
    for (const value of HOSTILE) expect(commentText(value)).toMatch(/^[\x20-\x7e]*$/);
    expect(commentText('x'.repeat(500))).toHaveLength(203);
  });

  it('nginxValue spells $ through the geo variable and escapes quotes', () => {
    expect(nginxValue('x-$uri, a"b\\c')).toBe('"x-${cors_dollar}uri, a\\"b\\\\c"');
  });

  it('nginxMapKey keeps regex markers and keywords literal with the one backslash map strips', () => {
    expect(nginxMapKey('http://a.example')).toBe('"http://a.example"');
    expect(nginxMapKey('~.*')).toBe('"\\\\~.*"');
    expect(nginxMapKey('default')).toBe('"\\\\default"');
    expect(nginxMapKey('\\x')).toBe('"\\\\\\\\x"');
    expect(nginxMapKey('a"b')).toBe('"a\\"b"');
  });
});

describe('literals for the stacks added later', () => {
  it.each(HOSTILE)('rubyString(%j) keeps #{} from interpolating and stays printable ASCII', (value) => {
    const literal = rubyString(value);
    expect(literal).toMatch(/^"[\x20-\x7e]*"$/);
    expect(literal).not.toMatch(/(^|[^\\])#\{/);
  });

  it('javaString never writes a \\u escape Java would translate into a quote, backslash or line end', () => {
    for (const value of HOSTILE) {
      const literal = javaString(value);
      expect(literal).toMatch(/^"[\x20-\x7e]*"$/);
      expect(literal).not.toMatch(/\\u00(22|5[cC]|0[aAdD])/);
    }
    expect(javaString('\u0001' + '2')).toBe('"\\0012"');
    expect(javaString('😀')).toBe('"\\uD83D\\uDE00"');
  });

  it.each(HOSTILE)('jsonString(%j) parses back to the value', (value) => {
    const literal = jsonString(value);
    expect(literal).toMatch(/^"[\x20-\x7e]*"$/);
    expect(JSON.parse(literal)).toBe(value);
  });

  it('csharpString escapes quotes, backslashes and non-ASCII', () => {
    expect(csharpString('a"b\\c é')).toBe('"a\\"b\\\\c \\u00E9"');
  });

  it('regexLiteral matches exactly the value, with no quote, backslash pair or $ left bare', () => {
    for (const value of ['http://127.0.0.1:5173', 'http://a"b\\c', 'http://$host', '~.*', 'http://a} x {']) {
      const body = regexLiteral(value);
      expect(body).not.toMatch(/["$]|\\\\/);
      const re = new RegExp(`^${body}$`);
      expect(re.test(value)).toBe(true);
      expect(re.test(`${value}x`)).toBe(false);
    }
    expect(regexLiteral('http://127.0.0.1:5173')).toBe('http://127\\.0\\.0\\.1:5173');
  });

  it('isPlainOrigin accepts what browsers send and nothing else', () => {
    expect(isPlainOrigin('http://127.0.0.1:5173')).toBe(true);
    expect(isPlainOrigin('https://app.example.com')).toBe(true);
    expect(isPlainOrigin('http://[::1]:8080')).toBe(true);
    for (const value of ['null', 'default', '~.*', 'http://a"b', 'http://x/', 'file://']) {
      expect(isPlainOrigin(value)).toBe(false);
    }
  });
});
