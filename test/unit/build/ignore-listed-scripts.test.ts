/**
 * The page observer's build gets an inline source map that DevTools reads as "ignore-list this
 * script": one source (the built file itself), mapped line for line, listed in x_google_ignoreList.
 * That DevTools then names the page's own line is proven in real DevTools (devtools-initiator).
 */
import { describe, expect, it } from 'vitest';
import { ignoreListComment } from '../../../scripts/ignore-listed-scripts.ts';

function mapOf(comment: string) {
  const m = /^\n\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)\n$/.exec(comment);
  expect(m).not.toBeNull();
  return JSON.parse(Buffer.from(m![1]!, 'base64').toString('utf8'));
}

describe('ignoreListComment', () => {
  it('maps the file onto itself and ignore-lists it', () => {
    const code = '(function(){fetch=new Proxy(fetch,{})})();';
    const map = mapOf(ignoreListComment(code, 'src/content/page-observer.iife.js'));
    expect(map).toEqual({
      version: 3,
      file: 'page-observer.iife.js',
      sources: ['page-observer.iife.js'],
      sourcesContent: [code],
      names: [],
      mappings: 'AAAA',
      x_google_ignoreList: [0],
    });
  });

  it('maps every line of a multi-line file to the same line of its source', () => {
    expect(mapOf(ignoreListComment('a\nb\nc', 'x.js')).mappings).toBe('AAAA;AACA;AACA');
  });
});
