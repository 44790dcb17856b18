/**
 * An XHR upload listener forces a preflight, so the observer counts upload listeners the way
 * Blink does (any listener, duplicates once, capture and bubble apart) without adding any itself.
 */
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { captureIntrinsics, type ObservedScope } from '../../../src/content/intrinsics.ts';
import { trackUploadListeners } from '../../../src/content/upload-listeners.ts';

const windows: Window[] = [];
afterEach(async () => {
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

function setup() {
  const w = new Window({ url: 'http://127.0.0.1:8000/' });
  windows.push(w);
  const scope = w as unknown as ObservedScope;
  const uploads = trackUploadListeners(scope, captureIntrinsics(scope));
  uploads.patch?.install();
  const upload = new scope.XMLHttpRequest().upload;
  return { scope, uploads, upload };
}

describe('upload listeners', () => {
  it('are counted when added and forgotten when removed', () => {
    const { uploads, upload } = setup();
    const fn = () => undefined;
    expect(uploads.has(upload)).toBe(false);
    upload.addEventListener('progress', fn);
    upload.addEventListener('progress', fn);
    expect(uploads.has(upload)).toBe(true);
    upload.removeEventListener('progress', fn, true);
    expect(uploads.has(upload)).toBe(true);
    upload.removeEventListener('progress', fn);
    expect(uploads.has(upload)).toBe(false);
  });

  it('reach the native methods unchanged', () => {
    const { scope, upload } = setup();
    let called = 0;
    upload.addEventListener('progress', () => called++);
    upload.dispatchEvent(new scope.Event('progress'));
    expect(called).toBe(1);
  });

  it('are tracked only while installed: restoring removes the shadowing methods', () => {
    const { scope, uploads } = setup();
    const proto = scope.XMLHttpRequestUpload.prototype;
    expect(Object.hasOwn(proto, 'addEventListener')).toBe(true);
    uploads.patch?.restore();
    expect(Object.hasOwn(proto, 'addEventListener')).toBe(false);
  });
});
