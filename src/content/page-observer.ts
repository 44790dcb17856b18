/**
 * The page-side observer: wraps fetch, XMLHttpRequest, EventSource and navigator.sendBeacon to
 * report what webRequest cannot see, and changes nothing the page can rely on: every call reaches
 * the native function with the same `this` and arguments, and returns or throws what it returned
 * or threw. The relay (relay.iife.ts) can put it to sleep — the originals go back where the page
 * has not replaced them — and wake it again.
 */
import { OBSERVER_CONTROL_EVENT } from '../shared/page-facts.ts';
import { stackReader } from './call-stack.ts';
import { captureIntrinsics, type ObservedScope } from './intrinsics.ts';
import { observeBeacon } from './observe-beacon.ts';
import { observeCspViolations } from './observe-csp.ts';
import { observeEventSource } from './observe-eventsource.ts';
import { observeFetch } from './observe-fetch.ts';
import { observeXhr } from './observe-xhr.ts';
import type { Patch } from './patch.ts';
import { Reporter } from './reporter.ts';
import { trackUploadListeners } from './upload-listeners.ts';

/** Set on the window once; a second injection (registered script plus executeScript) does nothing. */
const INSTALLED = Symbol.for('cors-inspector.page-observer');

/** Installs the observer in `scope` (a window); null when it already is. */
export function installPageObserver(scope: ObservedScope): Reporter | null {
  if (Object.hasOwn(scope, INSTALLED)) return null;
  Reflect.defineProperty(scope, INSTALLED, { value: true });
  const x = captureIntrinsics(scope);
  const reporter = new Reporter(x, stackReader(scope, x));
  const uploads = trackUploadListeners(scope, x);
  const patches = [
    uploads.patch,
    observeFetch(scope, x, reporter),
    ...observeXhr(scope, x, reporter, uploads),
    observeEventSource(scope, x, reporter),
    observeBeacon(scope, x, reporter),
  ].filter((p): p is Patch => p !== null);
  const detail = x.getter(scope.CustomEvent.prototype, 'detail');
  const setActive = (on: boolean) => {
    reporter.active = on;
    if (!on) reporter.discard();
    for (const p of patches) on ? p.install() : p.restore();
  };
  observeCspViolations(scope, x, reporter);
  // A closing document runs no later task: what it queued leaves now (a call refused in its last moments).
  x.listen(scope, 'pagehide', () => reporter.flush());
  x.listen(scope, OBSERVER_CONTROL_EVENT, (e) => {
    const command = detail(e);
    if (command === 'observe' || command === 'dormant') setActive(command === 'observe');
  });
  setActive(true);
  return reporter;
}
