/**
 * The observer reads the stack at a call without running page code: a page that installed
 * Error.prepareStackTrace, or turned Error.stackTraceLimit into an accessor, gets no call site
 * instead of a call into its code (which would reveal the observer and let the page break it).
 */
import { describe, expect, it, vi } from 'vitest';
import { stackReader } from '../../../src/content/call-stack.ts';
import type { Intrinsics, ObservedScope } from '../../../src/content/intrinsics.ts';
import { STACK_LIMITS } from '../../../src/shared/call-stack.ts';

const x = { construct: Reflect.construct, apply: Reflect.apply } as Intrinsics;

/** A realm's Error constructor of its own, so the test can change it as a page would. */
function pageError(): ErrorConstructor {
  const PageError = function PageError(this: Error, message?: string) {
    return Reflect.construct(Error, [message], new.target ?? PageError);
  } as unknown as ErrorConstructor;
  PageError.stackTraceLimit = 10;
  return PageError;
}

const scopeWith = (ErrorCtor: ErrorConstructor) => ({ Error: ErrorCtor }) as unknown as ObservedScope;

describe('stackReader', () => {
  it('reads the stack at the call, as V8 prints it, within the size limit', () => {
    // Node's own Error has a prepareStackTrace (vitest's source maps), so the reader would refuse it.
    const read = stackReader(scopeWith(pageError()), x);
    const text = read();
    expect(text).toMatch(/^Error\b.*\n {4}at /);
    expect(text).toContain('call-stack.test.ts');
    expect(text!.length).toBeLessThanOrEqual(STACK_LIMITS.chars);
  });

  it('reads nothing when the page installed Error.prepareStackTrace, and never calls it', () => {
    const ErrorCtor = pageError();
    const prepare = vi.fn(() => 'forged');
    Object.assign(ErrorCtor, { prepareStackTrace: prepare });
    expect(stackReader(scopeWith(ErrorCtor), x)()).toBeNull();
    expect(prepare).not.toHaveBeenCalled();
  });

  it('reads nothing when Error.stackTraceLimit is an accessor, and never calls it', () => {
    const ErrorCtor = pageError();
    const get = vi.fn(() => 10);
    Object.defineProperty(ErrorCtor, 'stackTraceLimit', { get, configurable: true });
    expect(stackReader(scopeWith(ErrorCtor), x)()).toBeNull();
    expect(get).not.toHaveBeenCalled();
  });
});
