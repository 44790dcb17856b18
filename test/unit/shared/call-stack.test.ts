/**
 * The call site from the page observer's stack: the observer's own frames (one bundled script, on
 * top) are dropped, the page's frames kept, innermost first, and labelled as DevTools' Initiator
 * column labels them. The stacks are as Chromium 156 printed them inside the built observer.
 */
import { describe, expect, it } from 'vitest';
import { frameLabel, frameText, isOpenable, parseStack, STACK_LIMITS } from '../../../src/shared/call-stack.ts';

const OBSERVER = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/src/content/page-observer.iife.js';

const FETCH_STACK = [
  'Error',
  `    at ${OBSERVER}:1:9120`,
  `    at Rt.start (${OBSERVER}:1:7311)`,
  `    at Object.apply (${OBSERVER}:1:11020)`,
  '    at HTMLButtonElement.<anonymous> (http://127.0.0.1:8000/static/app.js:3:3)',
  '    at async loadAll (http://127.0.0.1:8000/static/app.js:20:7)',
].join('\n');

describe('parseStack', () => {
  it("drops the observer's frames and keeps the page's, innermost first", () => {
    expect(parseStack(FETCH_STACK)).toEqual([
      { url: 'http://127.0.0.1:8000/static/app.js', line: 3, column: 3, functionName: 'HTMLButtonElement.<anonymous>' },
      { url: 'http://127.0.0.1:8000/static/app.js', line: 20, column: 7, functionName: 'loadAll' },
    ]);
  });

  it('keeps an inline script, named by its document, and top-level code without a function name', () => {
    const stack = `Error\n    at Object.apply (${OBSERVER}:1:11020)\n    at http://127.0.0.1:8000/:33:11`;
    expect(parseStack(stack)).toEqual([{ url: 'http://127.0.0.1:8000/', line: 33, column: 11, functionName: '' }]);
  });

  it('skips frames without a location and keeps at most five', () => {
    const page = Array.from({ length: 9 }, (_, i) => `    at f${i} (http://a.test/app.js:${i + 1}:1)`);
    const stack = ['Error', `    at Object.apply (${OBSERVER}:1:1)`, '    at new Promise (<anonymous>)', ...page].join(
      '\n',
    );
    const frames = parseStack(stack);
    expect(frames).toHaveLength(STACK_LIMITS.frames);
    expect(frames.map((f) => f.functionName)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
  });

  it('has no frames when only the observer was on the stack (fetch called by the browser, e.g. setTimeout(fetch))', () => {
    expect(parseStack(`Error\n    at Object.apply (${OBSERVER}:1:11020)`)).toEqual([]);
  });

  it('drops a last line the observer may have cut mid-frame', () => {
    const head = `Error\n    at Object.apply (${OBSERVER}:1:1)\n    at a (http://a.test/one.js:1:2)\n    at b (http://a.test/`;
    const cut = head + 'x'.repeat(STACK_LIMITS.chars - head.length - 8) + '.js:9:99';
    expect(cut).toHaveLength(STACK_LIMITS.chars);
    expect(parseStack(cut).map((f) => f.functionName)).toEqual(['a']);
  });

  it('yields nothing for anything that is not a bounded string', () => {
    for (const bad of [undefined, null, 42, {}, ['at a (http://a/b.js:1:1)'], 'x'.repeat(STACK_LIMITS.chars + 1)])
      expect(parseStack(bad)).toEqual([]);
  });
});

describe('labels', () => {
  const frame = (url: string) => ({ url, line: 12, column: 5, functionName: '' });
  it('names a frame as DevTools does: file and line, (index) for a document ending in a slash', () => {
    expect(frameLabel(frame('https://app.example/static/app.js?v=3'))).toBe('app.js:12');
    expect(frameLabel(frame('https://app.example/'))).toBe('(index):12');
    expect(frameLabel(frame('https://app.example/shop/'))).toBe('(index):12');
    expect(frameLabel(frame('<anonymous>'))).toBe('<anonymous>:12');
  });
  it('prints a stack line and knows which frames DevTools can open', () => {
    expect(frameText({ ...frame('https://a.test/x.js'), functionName: 'load' })).toBe(
      'load @ https://a.test/x.js:12:5',
    );
    expect(frameText(frame('https://a.test/x.js'))).toBe('(anonymous) @ https://a.test/x.js:12:5');
    expect(isOpenable(frame('https://a.test/x.js'))).toBe(true);
    expect(isOpenable(frame('<anonymous>'))).toBe(false);
    expect(isOpenable(frame('javascript:alert(1)'))).toBe(false);
  });
});
