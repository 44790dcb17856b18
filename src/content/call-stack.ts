/**
 * The JavaScript stack at a page's call, read without running page code, for the call site the
 * panel shows (src/shared/call-stack.ts parses it in the worker). V8 formats an error's stack
 * through `Error.prepareStackTrace` and reads `Error.stackTraceLimit`, both settable by the page:
 * if the page has made either run its code (a prepareStackTrace of its own, an accessor), no stack
 * is read, so the page can neither see the observer through them nor break it.
 */
import { STACK_LIMITS } from '../shared/call-stack.ts';
import type { Intrinsics, ObservedScope } from './intrinsics.ts';

/** Returns a reader of the current stack (bounded text), or null when it cannot be read safely. */
export function stackReader(scope: ObservedScope, x: Intrinsics): () => string | null {
  const { getOwnPropertyDescriptor } = Reflect;
  // V8 consults the realm's own Error constructor, whatever the page later puts on `window.Error`.
  const ErrorCtor = scope.Error;
  const slice = String.prototype.slice;
  return () => {
    if (getOwnPropertyDescriptor(ErrorCtor, 'prepareStackTrace') !== undefined) return null;
    const limit = getOwnPropertyDescriptor(ErrorCtor, 'stackTraceLimit');
    if (!limit || !('value' in limit) || typeof limit.value !== 'number') return null;
    const error = x.construct(ErrorCtor, []) as object;
    const stack = getOwnPropertyDescriptor(error, 'stack');
    const text = stack && ('value' in stack ? stack.value : stack.get ? x.apply(stack.get, error, []) : undefined);
    return typeof text === 'string' ? (x.apply(slice, text, [0, STACK_LIMITS.chars]) as string) : null;
  };
}
