/**
 * The page's own Content-Security-Policy refuses a fetch or XHR before any request exists: the
 * call rejects with the same "Failed to fetch" a CORS block gives, webRequest sees nothing, and the
 * only trace is a `securitypolicyviolation` event, fired a little after the rejection (measured in
 * Chromium 156: blockedURI is the full URL for connect-src). The observer listens for it and names
 * the call it belongs to. Only events the browser dispatched count: a page can construct a
 * SecurityPolicyViolationEvent of its own.
 */
import type { Intrinsics, ObservedScope } from './intrinsics.ts';
import type { Reporter } from './reporter.ts';

export function observeCspViolations(scope: ObservedScope, x: Intrinsics, reporter: Reporter): void {
  const proto = scope.SecurityPolicyViolationEvent?.prototype;
  if (!proto) return;
  const read = {
    blockedUri: x.getter(proto, 'blockedURI'),
    directive: x.getter(proto, 'effectiveDirective'),
    disposition: x.getter(proto, 'disposition'),
  };
  x.listen(scope, 'securitypolicyviolation', (e) => {
    if (!reporter.active || !x.isInstance(e, scope.SecurityPolicyViolationEvent)) return;
    try {
      // isTrusted is an unforgeable own property of every event (the page cannot redefine it).
      if (e.isTrusted !== true || read.disposition(e) !== 'enforce') return;
      const blockedUri = read.blockedUri(e);
      const directive = read.directive(e);
      if (typeof blockedUri === 'string' && typeof directive === 'string') reporter.refusedByCsp(blockedUri, directive);
    } catch {
      // An event the observer cannot read is not reported.
    }
  });
}
