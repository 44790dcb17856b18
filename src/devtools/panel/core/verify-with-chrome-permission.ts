/**
 * Why Verify with Chrome cannot attach, in words for the user, from the platform's answer about the
 * debugger permission (src/platform/devtools.ts says why Chromium only grants it to a build that
 * lists it). Null when granted.
 */
import type { DebuggerPermission } from '../../../platform/devtools.ts';

const REFUSALS: Record<Exclude<DebuggerPermission, 'granted'>, string> = {
  'no-extension': 'Verify with Chrome needs the extension; this panel is showing recorded fixtures.',
  refused: 'Verify with Chrome needs the debugger permission, which was not granted.',
  'manifest-only':
    'This build of CORS Inspector cannot use the debugger: Chromium only allows it as a required permission. Build with CORS_INSPECTOR_VERIFY=1 to include it.',
};

export function verifyWithChromeRefusal(answer: DebuggerPermission): string | null {
  return answer === 'granted' ? null : REFUSALS[answer];
}
