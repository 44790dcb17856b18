/**
 * What the fix-verification suite replays: at least one scenario per reason code the browser can
 * produce over the network with a server-side fix, and a redirect without ACAO. Each blocked
 * matrix scenario that is not replayed is listed, with the reason, and really left out.
 */
import { describe, expect, it } from 'vitest';
import type { CorsErrorCode } from '../../../src/cors/reason-codes.ts';
import { FIX_CASES, MATRIX_LEFT_OUT } from '../../e2e/fix-verification/cases.ts';
import { blockedWith } from '../../e2e/fix-verification/fix-check.ts';

const NETWORK_CODES_WITH_A_SERVER_FIX: CorsErrorCode[] = [
  'MissingAllowOriginHeader',
  'AllowOriginMismatch',
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'WildcardOriginNotAllowed',
  'InvalidAllowCredentials',
  'PreflightMissingAllowOriginHeader',
  'PreflightAllowOriginMismatch',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightWildcardOriginNotAllowed',
  'PreflightInvalidAllowCredentials',
  'PreflightInvalidStatus',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
];

describe('the fix-verification cases', () => {
  it('replay every reason code the network can produce that a server header fixes', () => {
    const covered = new Set(FIX_CASES.map(blockedWith));
    expect(NETWORK_CODES_WITH_A_SERVER_FIX.filter((code) => !covered.has(code))).toEqual([]);
  });

  it('replay a redirect that carries no ACAO', () => {
    const redirectWithoutAcao = FIX_CASES.filter((s) =>
      Object.values(s.endpoints).some(
        ({ actual }) =>
          actual !== undefined &&
          actual.status >= 300 &&
          actual.status < 400 &&
          !(actual.headers ?? []).some(([n]) => n.toLowerCase() === 'access-control-allow-origin'),
      ),
    );
    expect(redirectWithoutAcao.map(blockedWith)).toContain('MissingAllowOriginHeader');
  });

  for (const left of MATRIX_LEFT_OUT) {
    it(`leaves out matrix scenario ${left.id}: ${left.why}`, () => {
      expect(left.why).not.toBe('');
      expect(FIX_CASES.some((s) => s.id === left.id)).toBe(false);
    });
  }
});
