/** What webRequest (Chromium and Firefox alike) reports events for: the capture's knowledge of where its events end. */

/**
 * Schemes webRequest reports events for (`<all_urls>` matches them), so a request redirected to
 * one still ends in onCompleted or onErrorOccurred. After a redirect to any other scheme
 * (mailto:, javascript:, a custom one) webRequest reports nothing more (measured: onBeforeRedirect
 * is the last event).
 */
const WEB_REQUEST_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file', 'urn']);

export function webRequestSeesScheme(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return scheme !== undefined && WEB_REQUEST_SCHEMES.has(scheme);
}
