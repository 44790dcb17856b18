import { execFileSync } from 'node:child_process';
import { PYTHON } from './python.ts';
import { describe, expect, it } from 'vitest';
import { commentText, jsString, nginxMapKey, nginxValue, pyString } from '../../../src/cors/snippet-literals.ts';
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
