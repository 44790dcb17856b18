/**
 * Whether the extension may use chrome.debugger, asking for it where the browser allows that.
 * Chromium does not allow `debugger` as an optional permission (chrome.permissions.request answers
 * "Only permissions specified in the manifest may be requested"), so there the answer depends on
 * the build. Returns null when granted, else why not, in words for the user.
 */
export async function verifyWithChromePermission(): Promise<string | null> {
  const permissions = (globalThis as { chrome?: typeof chrome }).chrome?.permissions;
  if (!permissions) return 'Verify with Chrome needs the extension; this panel is showing recorded fixtures.';
  if (await permissions.contains({ permissions: ['debugger'] })) return null;
  try {
    return (await permissions.request({ permissions: ['debugger'] }))
      ? null
      : 'Verify with Chrome needs the debugger permission, which was not granted.';
  } catch {
    return 'This build of CORS Inspector cannot use the debugger: Chromium only allows it as a required permission. Build with CORS_INSPECTOR_VERIFY=1 to include it.';
  }
}
